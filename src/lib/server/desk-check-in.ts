import type { App } from './app';
import type { StaffUser } from './auth';
import { withEvents } from './events/write';
import { audit } from './audit';
import { recordUndo } from './desk-undo';
import type { DeskCheckInRefusal, NoShowRefusal } from '$lib/schemas/desk';
import { ticketCode } from '$lib/queue/ticket';
import { queueEntryId } from '$lib/queue/entry-id';
import { siteDay } from '$lib/site-time';

/**
 * The desk's answers for a booked appointment (issue 11): the patient is here (check-in at the
 * desk, source `desk`) or is not coming (no-show). Both audited, both undoable for 30 s.
 */

export type DeskCheckInResult =
	| { ok: true; entryId: string; ticket: string; undoId: string; patientName: string }
	| { ok: false; reason: DeskCheckInRefusal };

/**
 * Puts the patient of a booked appointment in today's queue. The desk may check in what a kiosk
 * may not: a patient locked out by wrong birth dates (staff checked their ID), or one marked as
 * a no-show who turned up after all.
 */
export async function deskCheckIn(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null
): Promise<DeskCheckInResult> {
	const config = app.sites.get(staff.siteId);
	const now = Date.now();
	return withEvents(app, async (trx, emit) => {
		const appointment = await trx
			.selectFrom('appointments as a')
			.innerJoin('providers as p', 'p.id', 'a.provider_id')
			.innerJoin('patients as pt', 'pt.id', 'a.patient_id')
			.select([
				'pt.first_name',
				'pt.last_name',
				'a.id',
				'a.site_day',
				'a.patient_id',
				'a.provider_id',
				'a.starts_at',
				'a.duration_min',
				'a.status',
				'a.ticket_seq',
				'p.ticket_prefix'
			])
			.where('a.id', '=', appointmentId)
			.where('a.site_id', '=', staff.siteId)
			.executeTakeFirst();
		if (!appointment || !config) return { ok: false, reason: 'no-such-appointment' };
		const today = siteDay(config.timezone, now);
		if (appointment.site_day !== today) return { ok: false, reason: 'not-today' };
		if (appointment.status === 'cancelled') return { ok: false, reason: 'appointment-cancelled' };
		if (appointment.status === 'completed') return { ok: false, reason: 'appointment-completed' };
		if (appointment.status !== 'booked' && appointment.status !== 'no-show') {
			return { ok: false, reason: 'already-checked-in' };
		}
		const ticket = ticketCode(appointment.ticket_prefix, appointment.ticket_seq);
		const entryId = queueEntryId(crypto.randomUUID());
		const inserted = await trx
			.insertInto('queue_entries')
			.values({
				id: entryId,
				site_id: staff.siteId,
				site_day: today,
				appointment_id: appointment.id,
				ticket,
				provider_id: appointment.provider_id,
				slot_at: appointment.starts_at,
				duration_min: appointment.duration_min,
				arrived_at: now,
				source: 'desk',
				status: 'waiting',
				called_at: null,
				room_id: null,
				in_room_at: null,
				completed_at: null,
				created_by_op: null
			})
			// A kiosk that checked the same patient in a moment ago won: one place in line.
			.onConflict((oc) => oc.column('appointment_id').doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
			return { ok: false, reason: 'already-checked-in' };
		}
		await trx
			.updateTable('appointments')
			.set({ status: 'arrived', updated_at: now })
			.where('id', '=', appointment.id)
			.execute();
		await emit(staff.siteId, 'queue.upsert', { entryId });
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'checkin', appointment.patient_id, {
			appointmentId: appointment.id,
			method: 'desk',
			entryId
		});
		const undoId = await recordUndo(trx, staff, 'checkin', {
			kind: 'entry-created',
			entryId,
			appointmentId: appointment.id,
			appointmentStatus: appointment.status
		});
		const patientName = `${appointment.first_name} ${appointment.last_name}`;
		return { ok: true, entryId, ticket, undoId, patientName };
	});
}

export type NoShowResult =
	{ ok: true; undoId: string; patientName: string } | { ok: false; reason: NoShowRefusal };

/** Marks a booked appointment as a no-show (the patient did not come). */
export async function markNoShow(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null
): Promise<NoShowResult> {
	const now = Date.now();
	return withEvents(app, async (trx, emit) => {
		const row = await trx
			.selectFrom('appointments as a')
			.innerJoin('patients as pt', 'pt.id', 'a.patient_id')
			.select([
				'a.id',
				'a.status',
				'a.patient_id',
				'a.cancel_reason',
				'a.cancel_note',
				'pt.first_name',
				'pt.last_name'
			])
			.where('a.id', '=', appointmentId)
			.where('a.site_id', '=', staff.siteId)
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'no-such-appointment' };
		if (row.status !== 'booked') return { ok: false, reason: 'not-booked' };
		await trx
			.updateTable('appointments')
			.set({ status: 'no-show', updated_at: now })
			.where('id', '=', appointmentId)
			.execute();
		await emit(staff.siteId, 'appointment.changed', { appointmentId });
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'appointment.no-show', row.patient_id, {
			appointmentId
		});
		const undoId = await recordUndo(trx, staff, 'appointment.no-show', {
			kind: 'appointment',
			appointmentId,
			after: 'no-show',
			status: row.status,
			cancelReason: row.cancel_reason,
			cancelNote: row.cancel_note
		});
		return { ok: true, undoId, patientName: `${row.first_name} ${row.last_name}` };
	});
}
