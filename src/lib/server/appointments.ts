import type { App } from './app';
import type { StaffUser } from './auth';
import { withEvents } from './events/write';
import { audit } from './audit';
import { recordUndo } from './desk-undo';
import type { CancelReason } from '$lib/schemas/desk';
import { MAX_DOB_FAILURES } from '$lib/schemas/limits';
import type { CancelRefusal } from '$lib/schemas/staff';
import type { AppointmentStatus } from '$lib/queue/types';
import { ticketCode } from '$lib/queue/ticket';
import { siteDay } from '$lib/site-time';

/** Today's appointments and cancelling: staff only, patient data audited (letters: letters.ts). */

/** Appointments (`a`) with their patient (`p`) and provider (`pr`), as every desk list reads them. */
export function withPatientAndProvider(app: App) {
	return app.db
		.selectFrom('appointments as a')
		.innerJoin('patients as p', 'p.id', 'a.patient_id')
		.innerJoin('providers as pr', 'pr.id', 'a.provider_id');
}

export interface AppointmentRow {
	id: string;
	startsAt: number;
	durationMin: number;
	status: AppointmentStatus;
	ticket: string;
	providerId: string;
	providerName: string;
	patientId: string;
	patientName: string;
	/** Staff confirm identity at the desk with it. */
	patientDob: string;
	visitType: string;
	/** Five wrong birth dates at the kiosks: only the desk can check this patient in today. */
	dobLocked: boolean;
	cancelReason: CancelReason | null;
}

export async function todaysAppointments(app: App, staff: StaffUser, ip: string | null) {
	const config = app.sites.get(staff.siteId);
	if (!config) return [];
	const day = siteDay(config.timezone);
	const rows = await withPatientAndProvider(app)
		.select([
			'a.id',
			'a.starts_at',
			'a.duration_min',
			'a.status',
			'a.ticket_seq',
			'a.visit_type',
			'a.dob_failures',
			'a.cancel_reason',
			'pr.id as provider_id',
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
		providerId: r.provider_id,
		providerName: r.provider_name,
		patientId: r.patient_id,
		patientName: `${r.first_name} ${r.last_name}`,
		patientDob: r.dob,
		visitType: r.visit_type,
		dobLocked: r.dob_failures >= MAX_DOB_FAILURES,
		cancelReason: r.cancel_reason
	}));
}

/**
 * Cancels a booked appointment (the patient called, or it was booked in error), with why. A
 * patient marked as a no-show may be cancelled too (they phoned to say so). Undoable for 30 s.
 */
export async function cancelAppointment(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null,
	why: { reason: CancelReason; note: string } = { reason: 'other', note: '' }
): Promise<{ ok: true; undoId: string } | { ok: false; reason: CancelRefusal }> {
	const now = Date.now();
	return withEvents(app, async (trx, emit) => {
		const row = await trx
			.selectFrom('appointments')
			.select(['id', 'status', 'patient_id', 'cancel_reason', 'cancel_note'])
			.where('id', '=', appointmentId)
			.where('site_id', '=', staff.siteId)
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'no-such-appointment' };
		if (row.status !== 'booked' && row.status !== 'no-show') {
			return { ok: false, reason: 'not-booked' };
		}
		await trx
			.updateTable('appointments')
			.set({
				status: 'cancelled',
				cancel_reason: why.reason,
				cancel_note: why.note,
				updated_at: now
			})
			.where('id', '=', appointmentId)
			.execute();
		// Kept in the log for audit and replay; no live audience needs it yet.
		await emit(staff.siteId, 'appointment.changed', { appointmentId });
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'appointment.cancel', row.patient_id, {
			appointmentId,
			reason: why.reason
		});
		const undoId = await recordUndo(trx, staff, 'appointment.cancel', {
			kind: 'appointment',
			appointmentId,
			after: 'cancelled',
			status: row.status,
			cancelReason: row.cancel_reason,
			cancelNote: row.cancel_note
		});
		return { ok: true, undoId };
	});
}

export interface AppointmentLabel {
	patientId: string;
	patientName: string;
	startsAt: number;
	providerName: string;
}

/**
 * Who an appointment is for, so a help request or a refused check-in names the patient.
 * Only the signed-in staff member's own site.
 */
export async function appointmentLabels(
	app: App,
	staff: StaffUser,
	appointmentIds: readonly string[]
): Promise<Map<string, AppointmentLabel>> {
	const ids = [...new Set(appointmentIds)];
	if (ids.length === 0) return new Map();
	const rows = await withPatientAndProvider(app)
		.select([
			'a.id',
			'a.starts_at',
			'p.id as patient_id',
			'p.first_name',
			'p.last_name',
			'pr.name as provider_name'
		])
		.where('a.site_id', '=', staff.siteId)
		.where('a.id', 'in', ids)
		.execute();
	return new Map(
		rows.map((r) => [
			r.id,
			{
				patientId: r.patient_id,
				patientName: `${r.first_name} ${r.last_name}`,
				startsAt: r.starts_at,
				providerName: r.provider_name
			}
		])
	);
}

/** One appointment as the cancel screen names it (who, when, with whom, where it stands). */
export async function appointmentSummary(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null
) {
	const row = await withPatientAndProvider(app)
		.select([
			'a.id',
			'a.starts_at',
			'a.status',
			'p.id as patient_id',
			'p.first_name',
			'p.last_name',
			'pr.name as provider_name'
		])
		.where('a.id', '=', appointmentId)
		.where('a.site_id', '=', staff.siteId)
		.executeTakeFirst();
	if (!row) return null;
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'appointment.view', row.patient_id, {
		appointmentId
	});
	return {
		id: row.id,
		startsAt: row.starts_at,
		status: row.status,
		patientName: `${row.first_name} ${row.last_name}`,
		providerName: row.provider_name
	};
}
