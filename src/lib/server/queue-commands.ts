import type { App } from './app';
import type { StaffUser } from './auth';
import type { QueueEntryTable } from './db/schema';
import { withEvents } from './events/write';
import { audit } from './audit';
import { recordUndo } from './desk-undo';
import type { AppointmentStatus, QueueStatus } from '$lib/queue/types';
import type { QueueCommand, QueueCommandRefusal } from '$lib/schemas/staff';

/** The statuses each command may start from; anything else is refused as `already-<status>`. */
const ALLOWED_FROM: Record<QueueCommand, readonly QueueStatus[]> = {
	call: ['waiting', 'called'],
	'in-room': ['called'],
	complete: ['called', 'in-room'],
	'back-to-waiting': ['called']
};

/** Where each command leaves the appointment (a walk-in has none). */
const APPOINTMENT_AFTER: Record<QueueCommand, AppointmentStatus> = {
	call: 'called',
	'in-room': 'in-room',
	complete: 'completed',
	'back-to-waiting': 'arrived'
};

type EntryChange = Partial<
	Pick<QueueEntryTable, 'status' | 'called_at' | 'room_id' | 'in_room_at' | 'completed_at'>
>;

/**
 * Moves a queue entry along waiting → called → in-room → completed, audited, in one write. The
 * answer carries the id that undoes it (src/lib/server/desk-undo.ts) for the next 30 s.
 */
export async function queueCommand(
	app: App,
	staff: StaffUser,
	command: QueueCommand,
	entryId: string,
	roomId: string | null,
	ip: string | null
): Promise<{ ok: true; undoId: string } | { ok: false; reason: QueueCommandRefusal }> {
	const now = Date.now();
	return withEvents(app, async (trx, emit) => {
		const entry = await trx
			.selectFrom('queue_entries as q')
			.leftJoin('appointments as a', 'a.id', 'q.appointment_id')
			.select([
				'q.id',
				'q.status',
				'q.site_id',
				'q.appointment_id',
				'q.called_at',
				'q.room_id',
				'q.in_room_at',
				'q.completed_at',
				'a.status as appointment_status',
				'a.patient_id',
				'q.patient_id as walk_in_patient'
			])
			.where('q.id', '=', entryId)
			.executeTakeFirst();
		if (!entry || entry.site_id !== staff.siteId) return { ok: false, reason: 'not-in-queue' };
		if (!ALLOWED_FROM[command].includes(entry.status)) {
			return { ok: false, reason: `already-${entry.status}` };
		}
		let change: EntryChange;
		if (command === 'call') {
			const room = roomId
				? await trx
						.selectFrom('rooms')
						.select('id')
						.where('id', '=', roomId)
						.where('site_id', '=', staff.siteId)
						.executeTakeFirst()
				: undefined;
			if (!room) return { ok: false, reason: 'no-room' };
			change = { status: 'called', called_at: now, room_id: room.id };
		} else if (command === 'in-room') {
			change = { status: 'in-room', in_room_at: now };
		} else if (command === 'complete') {
			change = { status: 'completed', completed_at: now };
		} else {
			change = { status: 'waiting', called_at: null, room_id: null };
		}
		await trx.updateTable('queue_entries').set(change).where('id', '=', entryId).execute();
		if (entry.appointment_id) {
			await trx
				.updateTable('appointments')
				.set({ status: APPOINTMENT_AFTER[command], updated_at: now })
				.where('id', '=', entry.appointment_id)
				.execute();
		}
		await emit(entry.site_id, 'queue.upsert', { entryId });
		const patientId = entry.patient_id ?? entry.walk_in_patient;
		await audit(trx, { type: 'staff', id: staff.id, ip }, `queue.${command}`, patientId, {
			entryId,
			roomId
		});
		const undoId = await recordUndo(trx, staff, `queue.${command}`, {
			kind: 'entry-moved',
			entryId,
			after: change.status ?? entry.status,
			entry: {
				status: entry.status,
				called_at: entry.called_at,
				room_id: entry.room_id,
				in_room_at: entry.in_room_at,
				completed_at: entry.completed_at
			},
			appointmentId: entry.appointment_id,
			appointmentStatus: entry.appointment_status
		});
		return { ok: true, undoId };
	});
}
