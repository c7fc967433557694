import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { App } from './app';
import type { Device } from './devices';
import type {
	CheckInPayload,
	DobFailedPayload,
	HelpPayload,
	OpResult,
	SyncOp
} from '$lib/schemas/sync';
import { MAX_DOB_FAILURES } from '$lib/schemas/limits';
import { appendEvent } from './events/log';
import { audit } from './audit';
import { CheckInTokenError } from '$lib/check-in-token';
import { siteDay, siteDayBounds } from '$lib/site-time';
import { loadQueueForEstimates } from './queue';
import { estimateAll } from '$lib/queue/estimate';
import { waitingByProvider } from '$lib/queue/order';

export function ticketCode(prefix: string, seq: number): string {
	return `${prefix}-${String(seq).padStart(3, '0')}`;
}

/**
 * Applies a batch of kiosk ops in order. Each op is its own unit of work (a savepoint) inside one
 * transaction per request, so the batch costs one disk sync instead of one per op (DESIGN §9:
 * thousands of check-ins a second with synchronous=FULL) while no op is ever half-applied. The
 * answer is sent only after the commit: an acknowledged op is on disk. Safe to replay: the op id
 * is claimed with an insert that does nothing on conflict, so a second delivery of the same op
 * only reads back the first answer.
 *
 * If an op fails unexpectedly, it is rolled back to its savepoint and the batch stops there: the
 * ops before it commit and are answered, it and the rest get no answer and stay in the kiosk's
 * outbox, to be retried in order.
 */
export async function applyOps(app: App, device: Device, ops: SyncOp[]): Promise<OpResult[]> {
	const results: OpResult[] = [];
	if (ops.length > 0) {
		await app.db.transaction().execute(async (trx) => {
			for (const op of ops) {
				await sql`savepoint kiosk_op`.execute(trx);
				try {
					results.push(await applyOp(app, trx, device, op));
					await sql`release savepoint kiosk_op`.execute(trx);
				} catch (error) {
					await sql`rollback to savepoint kiosk_op`.execute(trx);
					console.error(`sync: op ${op.id} failed; it stays in the kiosk's outbox`, error);
					break;
				}
			}
		});
	}
	if (results.some((r) => r.outcome !== 'duplicate')) app.hub.notify();
	return withPlaceInLine(app, device, ops, results);
}

/** A patient may still be reading the kiosk's ticket screen this long after tapping "Check in". */
const TICKET_SCREEN_MS = 2 * 60_000;

/**
 * Adds place in line and wait estimate to the check-ins of patients who may still be at the
 * kiosk. Ops from an offline backlog are answered without: nobody is waiting for their ticket.
 */
async function withPlaceInLine(
	app: App,
	device: Device,
	ops: SyncOp[],
	results: OpResult[]
): Promise<OpResult[]> {
	const config = app.sites.get(device.siteId);
	const now = Date.now();
	const fresh = new Set(
		ops.filter((op) => op.createdAt > now - TICKET_SCREEN_MS).map((op) => op.id)
	);
	if (!config || !results.some((r) => r.entryId && fresh.has(r.id))) return results;
	const entries = await loadQueueForEstimates(app.db, config.siteId, siteDay(config.timezone, now));
	const waits = estimateAll(entries, now, {
		walkInDurationMin: config.waitEstimate.walkInDurationMin
	});
	const positions = new Map<string, number>();
	for (const line of waitingByProvider(entries).values()) {
		line.forEach((entry, index) => positions.set(entry.entryId, index + 1));
	}
	const where = await whereNow(
		app,
		results.filter((r) => r.entryId && fresh.has(r.id)).map((r) => r.entryId as string)
	);
	return results.map((r) => {
		if (!r.entryId || !fresh.has(r.id)) return r;
		const position = positions.get(r.entryId) ?? null;
		const waitMin = waits.get(r.entryId);
		const now = where.get(r.entryId);
		return {
			...r,
			...(position !== null ? { position } : {}),
			...(waitMin !== undefined ? { waitMin } : {}),
			...(now ? { queueStatus: now.status } : {}),
			...(now?.roomName ? { roomName: now.roomName } : {})
		};
	});
}

/** Each entry's status and called-to room: a patient who checks in twice may already be called. */
async function whereNow(app: App, entryIds: string[]) {
	const rows =
		entryIds.length === 0
			? []
			: await app.db
					.selectFrom('queue_entries as q')
					.leftJoin('rooms as r', 'r.id', 'q.room_id')
					.select(['q.id', 'q.status', 'r.name as roomName'])
					.where('q.id', 'in', entryIds)
					.execute();
	return new Map(
		rows.map((row) => [
			row.id,
			{ status: row.status as NonNullable<OpResult['queueStatus']>, roomName: row.roomName }
		])
	);
}

type Verdict = Omit<OpResult, 'id'>;

async function applyOp(
	app: App,
	trx: Kysely<Database>,
	device: Device,
	op: SyncOp
): Promise<OpResult> {
	const now = Date.now();
	const claim = await trx
		.insertInto('ops')
		.values({
			op_id: op.id,
			device_id: device.id,
			type: op.type,
			received_at: now,
			outcome: 'pending',
			reason: null,
			payload: JSON.stringify(op.payload),
			resolved_at: null,
			resolved_by: null
		})
		.onConflict((oc) => oc.column('op_id').doNothing())
		.executeTakeFirst();
	if (Number(claim.numInsertedOrUpdatedRows ?? 0n) === 0) return replayAnswer(trx, op);

	const verdict =
		op.type === 'checkin'
			? await applyCheckIn(app, trx, device, op.id, op.payload, now)
			: op.type === 'dob-failed'
				? await applyDobFailed(app, trx, device, op.id, op.payload, now)
				: await applyHelp(app, trx, device, op.id, op.payload, now);
	if (verdict.outcome === 'rejected') {
		// Reception's list of refused check-ins follows device events.
		await appendEvent(trx, app.dialect, device.siteId, 'device.changed', { deviceId: device.id });
	}
	await trx
		.updateTable('ops')
		.set({
			outcome: verdict.outcome,
			reason: verdict.reason ?? null,
			// Keep the answer so a replay gets the same ticket back.
			payload: JSON.stringify({ ...op.payload, token: undefined, result: verdict })
		})
		.where('op_id', '=', op.id)
		.execute();
	return { id: op.id, ...verdict };
}

async function replayAnswer(trx: Kysely<Database>, op: SyncOp): Promise<OpResult> {
	const row = await trx
		.selectFrom('ops')
		.select(['outcome', 'reason', 'payload'])
		.where('op_id', '=', op.id)
		.executeTakeFirstOrThrow();
	const stored = JSON.parse(row.payload) as { result?: Verdict };
	if (row.outcome === 'rejected')
		return { id: op.id, outcome: 'rejected', reason: row.reason ?? 'rejected' };
	return {
		id: op.id,
		outcome: 'duplicate',
		reason: 'op-already-received',
		entryId: stored.result?.entryId,
		ticket: stored.result?.ticket,
		...(stored.result?.dobFailures !== undefined ? { dobFailures: stored.result.dobFailures } : {})
	};
}

async function applyCheckIn(
	app: App,
	trx: Kysely<Database>,
	device: Device,
	opId: string,
	payload: CheckInPayload,
	now: number
): Promise<Verdict> {
	const config = app.sites.get(device.siteId);
	if (!config) return { outcome: 'rejected', reason: 'unknown-site' };
	const appointment = await trx
		.selectFrom('appointments as a')
		.innerJoin('providers as p', 'p.id', 'a.provider_id')
		.select([
			'a.id',
			'a.site_id',
			'a.site_day',
			'a.patient_id',
			'a.provider_id',
			'a.starts_at',
			'a.duration_min',
			'a.status',
			'a.ticket_seq',
			'a.dob_failures',
			'p.ticket_prefix'
		])
		.where('a.id', '=', payload.appointmentId)
		.executeTakeFirst();
	if (!appointment || appointment.site_id !== device.siteId) {
		return { outcome: 'rejected', reason: 'unknown-appointment' };
	}
	if (payload.method === 'qr') {
		if (!payload.token) return { outcome: 'rejected', reason: 'token-missing' };
		try {
			const claims = await app.signer.verify(payload.token, device.siteId, now);
			if (claims.sub !== appointment.id) return { outcome: 'rejected', reason: 'token-mismatch' };
		} catch (error) {
			if (error instanceof CheckInTokenError)
				return { outcome: 'rejected', reason: `token-${error.problem}` };
			throw error;
		}
	}
	const today = siteDay(config.timezone, now);
	if (appointment.site_day !== today) return { outcome: 'rejected', reason: 'not-today' };
	if (appointment.status === 'cancelled')
		return { outcome: 'rejected', reason: 'appointment-cancelled' };
	if (appointment.status === 'completed')
		return { outcome: 'rejected', reason: 'appointment-completed' };
	// Locked on any kiosk, by scan or look-up: only the desk checks this patient in now.
	if (appointment.dob_failures >= MAX_DOB_FAILURES)
		return { outcome: 'rejected', reason: 'dob-locked' };

	// An arrival recorded offline is honoured, within today and not in the future.
	const { start } = siteDayBounds(config.timezone, today);
	const arrivedAt = Math.min(Math.max(payload.arrivedAt, start), now);
	const ticket = ticketCode(appointment.ticket_prefix, appointment.ticket_seq);
	const entryId = `q-${appointment.id}`;
	const inserted = await trx
		.insertInto('queue_entries')
		.values({
			id: entryId,
			site_id: appointment.site_id,
			site_day: today,
			appointment_id: appointment.id,
			ticket,
			provider_id: appointment.provider_id,
			slot_at: appointment.starts_at,
			duration_min: appointment.duration_min,
			arrived_at: arrivedAt,
			source: 'kiosk',
			status: 'waiting',
			called_at: null,
			room_id: null,
			in_room_at: null,
			completed_at: null,
			created_by_op: opId
		})
		.onConflict((oc) => oc.column('appointment_id').doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
		// Another kiosk (or the desk) checked this appointment in first: same place, same ticket.
		const existing = await trx
			.selectFrom('queue_entries')
			.select(['id', 'ticket'])
			.where('appointment_id', '=', appointment.id)
			.executeTakeFirstOrThrow();
		return {
			outcome: 'duplicate',
			reason: 'already-checked-in',
			entryId: existing.id,
			ticket: existing.ticket
		};
	}
	await trx
		.updateTable('appointments')
		.set({ status: 'arrived', updated_at: now })
		.where('id', '=', appointment.id)
		.execute();
	await appendEvent(trx, app.dialect, appointment.site_id, 'queue.upsert', { entryId });
	await audit(trx, { type: 'device', id: device.id }, 'checkin', appointment.patient_id, {
		appointmentId: appointment.id,
		method: payload.method,
		opId
	});
	return { outcome: 'applied', entryId, ticket };
}

/**
 * Counts one wrong birth date against the appointment, whichever kiosk it was typed on. The fifth
 * locks it and tells the desk (once: only the op that reaches the limit raises the request).
 */
async function applyDobFailed(
	app: App,
	trx: Kysely<Database>,
	device: Device,
	opId: string,
	payload: DobFailedPayload,
	now: number
): Promise<Verdict> {
	const appointment = await trx
		.selectFrom('appointments')
		.select(['id', 'site_id', 'patient_id', 'dob_failures'])
		.where('id', '=', payload.appointmentId)
		.executeTakeFirst();
	if (!appointment || appointment.site_id !== device.siteId) {
		return { outcome: 'rejected', reason: 'unknown-appointment' };
	}
	const dobFailures = appointment.dob_failures + 1;
	// updated_at changes, so the next roster download carries the count to every kiosk.
	await trx
		.updateTable('appointments')
		.set({ dob_failures: dobFailures, updated_at: now })
		.where('id', '=', appointment.id)
		.execute();
	await audit(trx, { type: 'device', id: device.id }, 'dob.failed', appointment.patient_id, {
		appointmentId: appointment.id,
		dobFailures,
		opId
	});
	if (dobFailures === MAX_DOB_FAILURES) {
		await applyHelp(
			app,
			trx,
			device,
			opId,
			{ reason: 'dob-locked', appointmentId: appointment.id, at: payload.at },
			now
		);
	}
	return { outcome: 'applied', dobFailures };
}

async function applyHelp(
	app: App,
	trx: Kysely<Database>,
	device: Device,
	opId: string,
	payload: HelpPayload,
	now: number
): Promise<Verdict> {
	await trx
		.insertInto('help_requests')
		.values({
			id: opId,
			site_id: device.siteId,
			device_id: device.id,
			appointment_id: payload.appointmentId ?? null,
			reason: payload.reason,
			created_at: Math.min(payload.at, now),
			resolved_at: null,
			resolved_by: null
		})
		.execute();
	await appendEvent(trx, app.dialect, device.siteId, 'help.changed', { helpId: opId });
	return { outcome: 'applied' };
}
