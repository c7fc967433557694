import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { App } from './app';
import type { Device } from './devices';
import { recordDeviceStatus } from './device-health';
import { withEvents, type Emit } from './events/write';
import { applyCheckIn, applyDobFailed, applyHelp, type OpWork, type Verdict } from './kiosk-ops';
import { applyCardPhoto, applyChanges } from './change-ops';
import { applyFeedback, applyKioskError, applyVisitSteps } from './kiosk-analytics-ops';
import { withPlaceInLine } from './place-in-line';
import {
	ANALYTICS_SLOT_MS,
	type OpResult,
	type SyncOp,
	type SyncRequest,
	type SyncResponse
} from '$lib/schemas/sync';

/** Ops that must not be tied to a visit: the ops table keeps only their hour. */
const ANONYMOUS_OPS = new Set<SyncOp['type']>(['feedback', 'visit-steps']);

/**
 * Every sync answer lists the refused ops staff resolved lately, so the kiosk can drop its copies
 * of them. Bounded to keep the answer small on a busy kiosk: one that is on syncs at least every
 * 30 s, so a week covers a kiosk switched off over a long weekend or a holiday week; past that,
 * its copy stays on the kiosk's own list.
 */
export const RESOLVED_OPS_WINDOW_MS = 7 * 86_400_000;

/** One POST /api/kiosk/sync: the ops in order, the kiosk's own report, and what staff resolved. */
export async function syncKiosk(
	app: App,
	device: Device,
	request: SyncRequest
): Promise<SyncResponse> {
	const results = await applyOps(app, device, request.ops);
	if (request.status) await recordDeviceStatus(app, device, request.status);
	const rejectedIds = new Set(results.filter((r) => r.outcome === 'rejected').map((r) => r.id));
	const resolved = await app.db
		.selectFrom('ops')
		.select('op_id')
		.where('device_id', '=', device.id)
		.where('resolved_at', 'is not', null)
		.where('resolved_at', '>', Date.now() - RESOLVED_OPS_WINDOW_MS)
		.execute();
	return {
		results,
		serverTime: Date.now(),
		resolvedOpIds: resolved.map((r) => r.op_id).filter((id) => !rejectedIds.has(id))
	};
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
		await withEvents(app, async (trx, emit) => {
			for (const op of ops) {
				await sql`savepoint kiosk_op`.execute(trx);
				try {
					results.push(await applyOp(app, trx, emit, device, op));
					await sql`release savepoint kiosk_op`.execute(trx);
				} catch (error) {
					await sql`rollback to savepoint kiosk_op`.execute(trx);
					console.error(`sync: op ${op.id} failed; it stays in the kiosk's outbox`, error);
					break;
				}
			}
		});
	}
	return withPlaceInLine(app, device, ops, results);
}

async function applyOp(
	app: App,
	trx: Kysely<Database>,
	emit: Emit,
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
			// Anonymous ops keep the hour they came in, so the ops table cannot tie them to a check-in.
			received_at: ANONYMOUS_OPS.has(op.type) ? now - (now % ANALYTICS_SLOT_MS) : now,
			outcome: 'pending',
			reason: null,
			payload: JSON.stringify(storedPayload(op)),
			resolved_at: null,
			resolved_by: null
		})
		.onConflict((oc) => oc.column('op_id').doNothing())
		.executeTakeFirst();
	if (Number(claim.numInsertedOrUpdatedRows ?? 0n) === 0) return replayAnswer(trx, device, op);

	const work: OpWork = { app, trx, emit, device, opId: op.id, now };
	const verdict = await applyByType(work, op);
	if (verdict.outcome === 'rejected') {
		// Reception's list of refused check-ins follows device events.
		await emit(device.siteId, 'device.changed', { deviceId: device.id });
	}
	await trx
		.updateTable('ops')
		.set({
			outcome: verdict.outcome,
			reason: verdict.reason ?? null,
			// Keep the answer so a replay gets the same ticket back.
			payload: JSON.stringify({ ...storedPayload(op), result: verdict })
		})
		.where('op_id', '=', op.id)
		.execute();
	return { id: op.id, ...verdict };
}

function applyByType(work: OpWork, op: SyncOp): Promise<Verdict> {
	switch (op.type) {
		case 'checkin':
			return applyCheckIn(work, op.payload);
		case 'dob-failed':
			return applyDobFailed(work, op.payload);
		case 'help':
			return applyHelp(work, op.payload);
		case 'changes':
			return applyChanges(work, op.payload);
		case 'card-photo':
			return applyCardPhoto(work, op.payload);
		case 'feedback':
			return applyFeedback(work, op.payload);
		case 'visit-steps':
			return applyVisitSteps(work, op.payload);
		case 'kiosk-error':
			return applyKioskError(work, op.payload);
	}
}

/**
 * What the ops table keeps of an op: never the token, nor anything sealed (patients' edits and
 * card photos live in their own tables, and only as staff may read them).
 */
function storedPayload(op: SyncOp): Record<string, unknown> {
	const payload: Record<string, unknown> = { ...op.payload };
	delete payload.token;
	delete payload.sealed;
	return payload;
}

async function replayAnswer(trx: Kysely<Database>, device: Device, op: SyncOp): Promise<OpResult> {
	const row = await trx
		.selectFrom('ops')
		.select(['device_id', 'outcome', 'reason', 'payload'])
		.where('op_id', '=', op.id)
		.executeTakeFirstOrThrow();
	// Op ids are the sending device's own: another device's op with the same id is never this
	// one's answer (nor is anything of it read back). Refused, so the kiosk shows it to the desk.
	if (row.device_id !== device.id) return { id: op.id, outcome: 'rejected', reason: 'op-id-taken' };
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
