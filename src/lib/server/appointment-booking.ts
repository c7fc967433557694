import type { App } from './app';
import type { StaffUser } from './auth';
import { withEvents } from './events/write';
import { audit, auditPatientsShown } from './audit';
import {
	findPatient,
	insertAppointment,
	insertPatient,
	nextTicketSeq
} from './appointment-records';
import type { BookingRefusal, BookingRequest, RescheduleRequest } from '$lib/schemas/booking';
import { siteTime, siteDayBounds } from '$lib/site-time';
import { sql, type Transaction } from 'kysely';
import type { Database } from './db/schema';

/**
 * Reception books one appointment by hand, or moves a booked one (issue 11). A new appointment
 * goes through the import's own insert (`appointment-records.ts`): roster key, ticket number,
 * `appointment.changed`, so kiosks see it on their next roster refresh and it prints a letter.
 */

export type BookingResult =
	{ ok: true; appointmentId: string; patientId: string } | { ok: false; reason: BookingRefusal };

const MINUTES = (time: string) => {
	const [h, m] = time.split(':').map(Number);
	return h * 60 + m;
};

export async function bookAppointment(
	app: App,
	staff: StaffUser,
	booking: BookingRequest,
	ip: string | null
): Promise<BookingResult> {
	const config = app.sites.get(staff.siteId);
	if (!config) return { ok: false, reason: 'no-such-provider' };
	const startsAt = siteTime(config.timezone, booking.day, MINUTES(booking.time));
	const { end } = siteDayBounds(config.timezone, booking.day);
	if (startsAt + booking.durationMin * 60_000 > end) return { ok: false, reason: 'outside-day' };
	const actor = { type: 'staff' as const, id: staff.id, ip };
	return withEvents(app, async (trx, emit) => {
		if (!(await providerAt(trx, staff.siteId, booking.providerId))) {
			return { ok: false, reason: 'no-such-provider' };
		}
		let patientId: string;
		let newPatient = false;
		if (booking.patient === 'existing') {
			const found = await trx
				.selectFrom('patients')
				.select('id')
				.where('id', '=', booking.patientId)
				.where('site_id', '=', staff.siteId)
				.executeTakeFirst();
			if (!found) return { ok: false, reason: 'no-such-patient' };
			patientId = found.id;
		} else {
			const known = await findPatient(trx, staff.siteId, booking);
			newPatient = !known;
			patientId = known ?? (await insertPatient(trx, staff.siteId, booking));
		}
		const ticketSeq = await nextTicketSeq(trx, staff.siteId, booking.providerId, booking.day);
		const appointmentId = await insertAppointment(trx, emit, {
			siteId: staff.siteId,
			siteDay: booking.day,
			patientId,
			providerId: booking.providerId,
			startsAt,
			durationMin: booking.durationMin,
			visitType: booking.visitType,
			ticketSeq
		});
		await audit(trx, actor, 'appointment.create', patientId, {
			appointmentId,
			newPatient,
			siteDay: booking.day
		});
		return { ok: true, appointmentId, patientId };
	});
}

/** Moves a booked appointment to another time, provider or length; nothing else is touched. */
export async function rescheduleAppointment(
	app: App,
	staff: StaffUser,
	change: RescheduleRequest,
	ip: string | null
): Promise<BookingResult> {
	const config = app.sites.get(staff.siteId);
	if (!config) return { ok: false, reason: 'no-such-appointment' };
	const startsAt = siteTime(config.timezone, change.day, MINUTES(change.time));
	const { end } = siteDayBounds(config.timezone, change.day);
	if (startsAt + change.durationMin * 60_000 > end) return { ok: false, reason: 'outside-day' };
	return withEvents(app, async (trx, emit) => {
		const row = await trx
			.selectFrom('appointments')
			.selectAll()
			.where('id', '=', change.appointmentId)
			.where('site_id', '=', staff.siteId)
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'no-such-appointment' };
		if (row.status !== 'booked') return { ok: false, reason: 'not-booked' };
		if (!(await providerAt(trx, staff.siteId, change.providerId))) {
			return { ok: false, reason: 'no-such-provider' };
		}
		const movedDay = row.provider_id !== change.providerId || row.site_day !== change.day;
		// A new provider or day is a new line of tickets: the old number may be taken there.
		const ticketSeq = movedDay
			? await nextTicketSeq(trx, staff.siteId, change.providerId, change.day)
			: row.ticket_seq;
		await trx
			.updateTable('appointments')
			.set({
				provider_id: change.providerId,
				site_day: change.day,
				starts_at: startsAt,
				duration_min: change.durationMin,
				ticket_seq: ticketSeq,
				updated_at: Date.now()
			})
			.where('id', '=', row.id)
			// Checked in at a kiosk meanwhile: it stays as it is.
			.where('status', '=', 'booked')
			.execute();
		await emit(staff.siteId, 'appointment.changed', { appointmentId: row.id });
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'appointment.edit', row.patient_id, {
			appointmentId: row.id,
			before: {
				providerId: row.provider_id,
				startsAt: Number(row.starts_at),
				durationMin: row.duration_min
			},
			after: { providerId: change.providerId, startsAt, durationMin: change.durationMin }
		});
		return { ok: true, appointmentId: row.id, patientId: row.patient_id };
	});
}

function providerAt(trx: Transaction<Database>, siteId: string, id: string) {
	return trx
		.selectFrom('providers')
		.select('id')
		.where('id', '=', id)
		.where('site_id', '=', siteId)
		.executeTakeFirst();
}

export interface PatientMatch {
	id: string;
	name: string;
	dob: string;
}

/**
 * Patients at the site by name or birth date (YYYY-MM-DD or MM/DD/YYYY), for picking who
 * phoned; each one shown is audited.
 */
export async function searchPatients(
	app: App,
	staff: StaffUser,
	query: string,
	ip: string | null
): Promise<PatientMatch[]> {
	const q = query.trim().toLowerCase();
	if (q.length < 2) return [];
	const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(q);
	const dob = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : q;
	// Wildcards typed by hand are dropped rather than escaped: the two databases escape apart.
	const like = `%${q.replace(/[%_\\]/g, '')}%`;
	const rows = await app.db
		.selectFrom('patients')
		.select(['id', 'first_name', 'last_name', 'dob'])
		.where('site_id', '=', staff.siteId)
		.where((eb) =>
			eb.or([
				eb('dob', '=', dob),
				eb(sql<string>`lower(first_name || ' ' || last_name)`, 'like', like),
				eb(sql<string>`lower(last_name || ' ' || first_name)`, 'like', like)
			])
		)
		.orderBy('last_name')
		.orderBy('first_name')
		.limit(20)
		.execute();
	await auditPatientsShown(
		app.db,
		{ type: 'staff', id: staff.id, ip },
		'patient-search',
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}`, dob: r.dob }));
}

/** One booked appointment as the edit form starts from it. */
export async function appointmentForEdit(
	app: App,
	staff: StaffUser,
	appointmentId: string,
	ip: string | null
) {
	const row = await app.db
		.selectFrom('appointments as a')
		.innerJoin('patients as p', 'p.id', 'a.patient_id')
		.select([
			'a.id',
			'a.status',
			'a.site_day',
			'a.starts_at',
			'a.duration_min',
			'a.provider_id',
			'p.id as patient_id',
			'p.first_name',
			'p.last_name'
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
		status: row.status,
		day: row.site_day,
		startsAt: Number(row.starts_at),
		durationMin: row.duration_min,
		providerId: row.provider_id,
		patientName: `${row.first_name} ${row.last_name}`
	};
}
