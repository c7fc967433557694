import type { Transaction } from 'kysely';
import type { App } from './app';
import type { StaffUser } from './auth';
import type { Database, QueueEntryTable } from './db/schema';
import { withEvents, type Emit } from './events/write';
import { audit } from './audit';
import type { AppointmentStatus, QueueStatus } from '$lib/queue/types';
import { UNDO_MS, type CancelReason, type UndoRefusal } from '$lib/schemas/desk';

/**
 * Undo for the desk's last action (issue 11): each undoable action keeps, in its own
 * transaction, what it changed from; for 30 s the same staff member may put it back, as long
 * as it is still their last action and nobody has moved the row on since.
 */

type EntryState = Pick<
	QueueEntryTable,
	'status' | 'called_at' | 'room_id' | 'in_room_at' | 'completed_at'
>;

export type UndoBefore =
	/** A check-in at the desk or a walk-in: undone, the entry goes and the appointment is booked again. */
	| {
			kind: 'entry-created';
			entryId: string;
			appointmentId: string | null;
			appointmentStatus: AppointmentStatus | null;
	  }
	/** Call, in room, complete, back to waiting. */
	| {
			kind: 'entry-moved';
			entryId: string;
			after: QueueStatus;
			entry: EntryState;
			appointmentId: string | null;
			appointmentStatus: AppointmentStatus | null;
	  }
	/** No-show or cancel. */
	| {
			kind: 'appointment';
			appointmentId: string;
			after: AppointmentStatus;
			status: AppointmentStatus;
			cancelReason: CancelReason | null;
			cancelNote: string;
	  };

/** Keeps what `action` changed from, inside the action's transaction; returns the undo's id. */
export async function recordUndo(
	trx: Transaction<Database>,
	staff: StaffUser,
	action: string,
	before: UndoBefore
): Promise<string> {
	const id = crypto.randomUUID();
	await trx
		.insertInto('desk_undo')
		.values({
			id,
			site_id: staff.siteId,
			staff_id: staff.id,
			action,
			before: JSON.stringify(before),
			created_at: Date.now(),
			undone_at: null
		})
		.execute();
	return id;
}

export type UndoResult = { ok: true; action: string } | { ok: false; reason: UndoRefusal };

/** Puts back what the staff member's last action changed, if it is still theirs to undo. */
export async function undoLast(
	app: App,
	staff: StaffUser,
	undoId: string,
	ip: string | null
): Promise<UndoResult> {
	const now = Date.now();
	return withEvents(app, async (trx, emit) => {
		const last = await trx
			.selectFrom('desk_undo')
			.selectAll()
			.where('id', '=', undoId)
			.where('staff_id', '=', staff.id)
			.executeTakeFirst();
		if (!last) return { ok: false, reason: 'undo-not-last' };
		if (last.undone_at !== null || Number(last.created_at) < now - UNDO_MS) {
			return { ok: false, reason: 'undo-expired' };
		}
		const newer = await trx
			.selectFrom('desk_undo')
			.select('id')
			.where('staff_id', '=', staff.id)
			.where('created_at', '>', last.created_at)
			.executeTakeFirst();
		if (newer) return { ok: false, reason: 'undo-not-last' };
		const before = JSON.parse(last.before) as UndoBefore;
		const patientId = await putBack(trx, emit, staff, before, now);
		if (patientId === false) return { ok: false, reason: 'undo-outdated' };
		await trx.updateTable('desk_undo').set({ undone_at: now }).where('id', '=', undoId).execute();
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'desk.undo', patientId, {
			action: last.action,
			...('entryId' in before ? { entryId: before.entryId } : {}),
			...(before.appointmentId ? { appointmentId: before.appointmentId } : {})
		});
		return { ok: true, action: last.action };
	});
}

/** The undo itself; false when the row moved on since (then nothing is written). */
async function putBack(
	trx: Transaction<Database>,
	emit: Emit,
	staff: StaffUser,
	before: UndoBefore,
	now: number
): Promise<string | null | false> {
	if (before.kind === 'appointment') {
		const row = await trx
			.selectFrom('appointments')
			.select(['status', 'patient_id'])
			.where('id', '=', before.appointmentId)
			.where('site_id', '=', staff.siteId)
			.executeTakeFirst();
		if (!row || row.status !== before.after) return false;
		await trx
			.updateTable('appointments')
			.set({
				status: before.status,
				cancel_reason: before.cancelReason,
				cancel_note: before.cancelNote,
				updated_at: now
			})
			.where('id', '=', before.appointmentId)
			.execute();
		await emit(staff.siteId, 'appointment.changed', { appointmentId: before.appointmentId });
		return row.patient_id;
	}
	const entry = await trx
		.selectFrom('queue_entries as q')
		.leftJoin('appointments as a', 'a.id', 'q.appointment_id')
		.select(['q.status', 'q.patient_id as walk_in_patient', 'a.patient_id'])
		.where('q.id', '=', before.entryId)
		.where('q.site_id', '=', staff.siteId)
		.executeTakeFirst();
	const after = before.kind === 'entry-created' ? 'waiting' : before.after;
	if (!entry || entry.status !== after) return false;
	if (before.kind === 'entry-created') {
		await trx.deleteFrom('queue_entries').where('id', '=', before.entryId).execute();
		await emit(staff.siteId, 'queue.remove', { entryId: before.entryId });
	} else {
		await trx
			.updateTable('queue_entries')
			.set(before.entry)
			.where('id', '=', before.entryId)
			.execute();
		await emit(staff.siteId, 'queue.upsert', { entryId: before.entryId });
	}
	if (before.appointmentId && before.appointmentStatus) {
		await trx
			.updateTable('appointments')
			.set({ status: before.appointmentStatus, updated_at: now })
			.where('id', '=', before.appointmentId)
			.execute();
		await emit(staff.siteId, 'appointment.changed', { appointmentId: before.appointmentId });
	}
	return entry.patient_id ?? entry.walk_in_patient;
}
