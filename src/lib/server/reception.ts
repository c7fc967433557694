import type { App } from './app';
import { MAX_DOB_FAILURES } from '$lib/schemas/limits';
import type { StaffUser } from './auth';
import { appendEvent } from './events/log';
import { audit } from './audit';
import { siteDay, siteDayBounds } from '$lib/site-time';
import { ticketCode } from './sync';
import { OFFLINE_AFTER_MS } from './devices';

/** Staff-side reads and commands. Every one takes the signed-in user and audits patient data. */

export interface AppointmentRow {
	id: string;
	startsAt: number;
	durationMin: number;
	status: string;
	ticket: string;
	providerName: string;
	patientId: string;
	patientName: string;
	/** Staff confirm identity at the desk with it. */
	patientDob: string;
	visitType: string;
	/** Five wrong birth dates at the kiosks: only the desk can check this patient in today. */
	dobLocked: boolean;
}

export async function todaysAppointments(app: App, staff: StaffUser, ip: string | null) {
	const config = app.sites.get(staff.siteId);
	if (!config) return [];
	const day = siteDay(config.timezone);
	const rows = await app.db
		.selectFrom('appointments as a')
		.innerJoin('patients as p', 'p.id', 'a.patient_id')
		.innerJoin('providers as pr', 'pr.id', 'a.provider_id')
		.select([
			'a.id',
			'a.starts_at',
			'a.duration_min',
			'a.status',
			'a.ticket_seq',
			'a.visit_type',
			'a.dob_failures',
			'pr.name as provider_name',
			'pr.ticket_prefix',
			'p.id as patient_id',
			'p.first_name',
			'p.last_name',
			'p.dob'
		])
		.where('a.site_id', '=', staff.siteId)
		.where('a.site_day', '=', day)
		.orderBy('a.starts_at')
		.execute();
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'appointments.list', null, {
		siteDay: day,
		count: rows.length
	});
	return rows.map((r): AppointmentRow => ({
		id: r.id,
		startsAt: r.starts_at,
		durationMin: r.duration_min,
		status: r.status,
		ticket: ticketCode(r.ticket_prefix, r.ticket_seq),
		providerName: r.provider_name,
		patientId: r.patient_id,
		patientName: `${r.first_name} ${r.last_name}`,
		patientDob: r.dob,
		visitType: r.visit_type,
		dobLocked: r.dob_failures >= MAX_DOB_FAILURES
	}));
}

/** What a printed reminder letter carries, including the signed check-in URL for its QR code. */
export async function appointmentLetter(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null
) {
	const config = app.sites.get(staff.siteId);
	if (!config) return null;
	const row = await app.db
		.selectFrom('appointments as a')
		.innerJoin('patients as p', 'p.id', 'a.patient_id')
		.innerJoin('providers as pr', 'pr.id', 'a.provider_id')
		.select([
			'a.id',
			'a.site_day',
			'a.starts_at',
			'a.roster_key',
			'a.status',
			'pr.name as provider_name',
			'p.id as patient_id',
			'p.first_name',
			'p.last_name',
			'p.address',
			'p.preferred_language'
		])
		.where('a.id', '=', appointmentId)
		.where('a.site_id', '=', staff.siteId)
		.executeTakeFirst();
	if (!row) return null;
	const { end } = siteDayBounds(config.timezone, row.site_day);
	const token = await app.signer.sign({
		sub: row.id,
		site: config.siteId,
		exp: Math.floor(end / 1000),
		rk: row.roster_key
	});
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'letter.view', row.patient_id, {
		appointmentId: row.id
	});
	return {
		appointmentId: row.id,
		siteName: config.name,
		timezone: config.timezone,
		startsAt: row.starts_at,
		status: row.status,
		providerName: row.provider_name,
		patientName: `${row.first_name} ${row.last_name}`,
		address: row.address,
		language: row.preferred_language,
		checkInUrl: `${app.publicBaseUrl}/c/${token}`
	};
}

export type QueueCommand = 'call' | 'in-room' | 'complete' | 'back-to-waiting';

export type CommandResult = { ok: true } | { ok: false; reason: string };

const ALLOWED: Record<QueueCommand, string[]> = {
	call: ['waiting', 'called'],
	'in-room': ['called'],
	complete: ['called', 'in-room'],
	'back-to-waiting': ['called']
};

/** Moves a queue entry along booked → arrived → called → in-room → completed. */
export async function queueCommand(
	app: App,
	staff: StaffUser,
	command: QueueCommand,
	entryId: string,
	roomId: string | null,
	ip: string | null
): Promise<CommandResult> {
	const now = Date.now();
	const result = await app.db.transaction().execute(async (trx): Promise<CommandResult> => {
		const entry = await trx
			.selectFrom('queue_entries as q')
			.leftJoin('appointments as a', 'a.id', 'q.appointment_id')
			.select(['q.id', 'q.status', 'q.site_id', 'q.appointment_id', 'a.patient_id'])
			.where('q.id', '=', entryId)
			.executeTakeFirst();
		if (!entry || entry.site_id !== staff.siteId)
			return { ok: false, reason: 'That ticket is not in today’s queue.' };
		if (!ALLOWED[command].includes(entry.status)) {
			return { ok: false, reason: `This ticket is already ${entry.status}; refresh the list.` };
		}
		let change: Record<string, string | number | null>;
		let appointmentStatus: string;
		if (command === 'call') {
			const room = roomId
				? await trx
						.selectFrom('rooms')
						.select('id')
						.where('id', '=', roomId)
						.where('site_id', '=', staff.siteId)
						.executeTakeFirst()
				: undefined;
			if (!room) return { ok: false, reason: 'Choose a room to call the patient to.' };
			change = { status: 'called', called_at: now, room_id: room.id };
			appointmentStatus = 'called';
		} else if (command === 'in-room') {
			change = { status: 'in-room', in_room_at: now };
			appointmentStatus = 'in-room';
		} else if (command === 'complete') {
			change = { status: 'completed', completed_at: now };
			appointmentStatus = 'completed';
		} else {
			change = { status: 'waiting', called_at: null, room_id: null };
			appointmentStatus = 'arrived';
		}
		await trx.updateTable('queue_entries').set(change).where('id', '=', entryId).execute();
		if (entry.appointment_id) {
			await trx
				.updateTable('appointments')
				.set({ status: appointmentStatus, updated_at: now })
				.where('id', '=', entry.appointment_id)
				.execute();
		}
		await appendEvent(trx, app.dialect, entry.site_id, 'queue.upsert', { entryId });
		await audit(trx, { type: 'staff', id: staff.id, ip }, `queue.${command}`, entry.patient_id, {
			entryId,
			roomId
		});
		return { ok: true };
	});
	if (result.ok) app.hub.notify();
	return result;
}

export async function openHelpRequests(app: App, staff: StaffUser) {
	return app.db
		.selectFrom('help_requests as h')
		.leftJoin('devices as d', 'd.id', 'h.device_id')
		.select(['h.id', 'h.reason', 'h.created_at', 'h.appointment_id', 'd.name as device_name'])
		.where('h.site_id', '=', staff.siteId)
		.where('h.resolved_at', 'is', null)
		.orderBy('h.created_at')
		.execute();
}

export async function resolveHelp(
	app: App,
	staff: StaffUser,
	helpId: string
): Promise<CommandResult> {
	const done = await app.db.transaction().execute(async (trx) => {
		const r = await trx
			.updateTable('help_requests')
			.set({ resolved_at: Date.now(), resolved_by: staff.id })
			.where('id', '=', helpId)
			.where('site_id', '=', staff.siteId)
			.where('resolved_at', 'is', null)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) !== 1) return false;
		await appendEvent(trx, app.dialect, staff.siteId, 'help.changed', { helpId });
		return true;
	});
	if (!done) return { ok: false, reason: 'That request was already answered.' };
	app.hub.notify();
	return { ok: true };
}

export async function deviceHealth(app: App, staff: StaffUser, now = Date.now()) {
	const rows = await app.db
		.selectFrom('devices as d')
		.leftJoin('staff_users as s', 's.id', 'd.paired_by')
		.selectAll('d')
		.select('s.display_name as paired_by_name')
		.where('d.site_id', '=', staff.siteId)
		.where('d.revoked_at', 'is', null)
		.orderBy('d.kind')
		.orderBy('d.name')
		.execute();
	return rows.map((d) => ({
		id: d.id,
		name: d.name,
		kind: d.kind,
		pairedAt: d.enrolled_at,
		pairedByName: d.paired_by_name,
		lastSeenAt: d.last_seen_at,
		online: d.last_seen_at !== null && now - d.last_seen_at < OFFLINE_AFTER_MS,
		appVersion: d.app_version,
		pending: d.pending_count,
		oldestPendingAt: d.oldest_pending_at,
		deadLetters: d.dead_letters,
		storagePersisted: d.storage_persisted === null ? null : d.storage_persisted === 1
	}));
}

/** Kiosk ops the server refused: reception decides what happens to each patient. */
export async function deadLetters(app: App, staff: StaffUser) {
	return app.db
		.selectFrom('ops as o')
		.innerJoin('devices as d', 'd.id', 'o.device_id')
		.select([
			'o.op_id',
			'o.type',
			'o.reason',
			'o.received_at',
			'o.payload',
			'd.name as device_name'
		])
		.where('d.site_id', '=', staff.siteId)
		.where('o.outcome', '=', 'rejected')
		.where('o.resolved_at', 'is', null)
		.orderBy('o.received_at')
		.execute();
}

export async function resolveDeadLetter(
	app: App,
	staff: StaffUser,
	opId: string
): Promise<CommandResult> {
	const done = await app.db.transaction().execute(async (trx) => {
		const op = await trx
			.selectFrom('ops as o')
			.innerJoin('devices as d', 'd.id', 'o.device_id')
			.select(['o.op_id', 'd.site_id'])
			.where('o.op_id', '=', opId)
			.where('o.outcome', '=', 'rejected')
			.where('o.resolved_at', 'is', null)
			.executeTakeFirst();
		if (!op || op.site_id !== staff.siteId) return false;
		await trx
			.updateTable('ops')
			.set({ resolved_at: Date.now(), resolved_by: staff.id })
			.where('op_id', '=', opId)
			.execute();
		await appendEvent(trx, app.dialect, staff.siteId, 'device.changed', { opId });
		return true;
	});
	if (!done) return { ok: false, reason: 'That item was already resolved.' };
	app.hub.notify();
	return { ok: true };
}

/** Cancels a booked appointment (the patient called, or it was booked in error). */
export async function cancelAppointment(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null
): Promise<CommandResult> {
	const now = Date.now();
	const result = await app.db.transaction().execute(async (trx): Promise<CommandResult> => {
		const row = await trx
			.selectFrom('appointments')
			.select(['id', 'status', 'patient_id'])
			.where('id', '=', appointmentId)
			.where('site_id', '=', staff.siteId)
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'No such appointment at this site.' };
		if (row.status !== 'booked') {
			return {
				ok: false,
				reason: `Only a booked appointment can be cancelled; this one is ${row.status}.`
			};
		}
		await trx
			.updateTable('appointments')
			.set({ status: 'cancelled', updated_at: now })
			.where('id', '=', appointmentId)
			.execute();
		// Kept in the log for audit and replay; no live audience needs it yet.
		await appendEvent(trx, app.dialect, staff.siteId, 'appointment.changed', { appointmentId });
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'appointment.cancel', row.patient_id, {
			appointmentId
		});
		return { ok: true };
	});
	if (result.ok) app.hub.notify();
	return result;
}
