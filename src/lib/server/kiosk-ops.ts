import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { App } from './app';
import type { Device } from './devices';
import type { Emit } from './events/write';
import { audit } from './audit';
import type { CheckInPayload, DobFailedPayload, HelpPayload, OpResult } from '$lib/schemas/sync';
import { MAX_DOB_FAILURES } from '$lib/schemas/limits';
import { CheckInTokenError } from '$lib/check-in-token';
import { ticketCode } from '$lib/queue/ticket';
import { queueEntryId } from '$lib/queue/entry-id';
import { siteDay, siteDayBounds } from '$lib/site-time';

/**
 * What each kind of kiosk op does. Each runs inside its op's savepoint in the sync transaction
 * (./sync.ts): it may write and emit freely, since a failure rolls all of it back together.
 */

export type Verdict = Omit<OpResult, 'id'>;

/** One op's unit of work: the sync transaction, its event emitter and who sent the op. */
export interface OpWork {
	app: App;
	trx: Kysely<Database>;
	emit: Emit;
	device: Device;
	opId: string;
	now: number;
}

/** Puts the patient in today's queue, once per appointment, whichever kiosk asks first. */
export async function applyCheckIn(
	{ app, trx, emit, device, opId, now }: OpWork,
	payload: CheckInPayload
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
	const entryId = queueEntryId(opId);
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
	await emit(appointment.site_id, 'queue.upsert', { entryId });
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
export async function applyDobFailed(work: OpWork, payload: DobFailedPayload): Promise<Verdict> {
	const { trx, device, opId } = work;
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
		.set({ dob_failures: dobFailures, updated_at: work.now })
		.where('id', '=', appointment.id)
		.execute();
	await audit(trx, { type: 'device', id: device.id }, 'dob.failed', appointment.patient_id, {
		appointmentId: appointment.id,
		dobFailures,
		opId
	});
	if (dobFailures === MAX_DOB_FAILURES) {
		await applyHelp(work, { reason: 'dob-locked', appointmentId: appointment.id, at: payload.at });
	}
	return { outcome: 'applied', dobFailures };
}

/** Raises a help request at the desk; its id is the op's, so a replay cannot raise it twice. */
export async function applyHelp(
	{ trx, emit, device, opId, now }: OpWork,
	payload: HelpPayload
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
	await emit(device.siteId, 'help.changed', { helpId: opId });
	return { outcome: 'applied' };
}
