import { sql, type Transaction } from 'kysely';
import type { Database } from './db/schema';
import type { Emit } from './events/write';
import { shortId } from './secrets';
import { newRosterKey } from '$lib/roster/roster-crypto';

/**
 * Writing appointment and patient rows, shared by the schedule import and the desk's own
 * booking (issue 11) so both give a new appointment what the demo's have: its own roster key
 * (the letter's QR carries it) and the next ticket number of its provider's day. Runs inside
 * the caller's unit of work (`withEvents`).
 */

export interface NewAppointment {
	siteId: string;
	siteDay: string;
	patientId: string;
	providerId: string;
	startsAt: number;
	durationMin: number;
	visitType: string;
	status?: 'booked' | 'cancelled';
	externalId?: string | null;
	ticketSeq: number;
}

/** Inserts the appointment and tells the roster's audience (kiosks refresh from it). */
export async function insertAppointment(
	trx: Transaction<Database>,
	emit: Emit,
	appointment: NewAppointment,
	now: number = Date.now()
): Promise<string> {
	const id = shortId();
	await trx
		.insertInto('appointments')
		.values({
			id,
			site_id: appointment.siteId,
			site_day: appointment.siteDay,
			external_id: appointment.externalId ?? null,
			patient_id: appointment.patientId,
			provider_id: appointment.providerId,
			starts_at: appointment.startsAt,
			duration_min: appointment.durationMin,
			visit_type: appointment.visitType,
			status: appointment.status ?? 'booked',
			roster_key: newRosterKey(),
			ticket_seq: appointment.ticketSeq,
			updated_at: now
		})
		.execute();
	await emit(appointment.siteId, 'appointment.changed', { appointmentId: id });
	return id;
}

/** The next ticket number in a provider's day, after the highest one already given. */
export async function nextTicketSeq(
	trx: Transaction<Database>,
	siteId: string,
	providerId: string,
	siteDay: string
): Promise<number> {
	const row = await trx
		.selectFrom('appointments')
		.select((eb) => eb.fn.max('ticket_seq').as('seq'))
		.where('site_id', '=', siteId)
		.where('provider_id', '=', providerId)
		.where('site_day', '=', siteDay)
		.executeTakeFirst();
	return Number(row?.seq ?? 0) + 1;
}

export interface NewPatient {
	firstName: string;
	lastName: string;
	dob: string;
	phone: string;
	language: string;
}

/** The same person (name and birth date, any case) keeps one record at the site. */
export async function findPatient(
	trx: Transaction<Database>,
	siteId: string,
	person: Pick<NewPatient, 'firstName' | 'lastName' | 'dob'>
): Promise<string | null> {
	const known = await trx
		.selectFrom('patients')
		.select('id')
		.where('site_id', '=', siteId)
		.where('dob', '=', person.dob)
		.where(sql<string>`lower(first_name)`, '=', person.firstName.toLowerCase())
		.where(sql<string>`lower(last_name)`, '=', person.lastName.toLowerCase())
		.orderBy('id')
		.executeTakeFirst();
	return known?.id ?? null;
}

export async function insertPatient(
	trx: Transaction<Database>,
	siteId: string,
	patient: NewPatient & { email?: string; externalId?: string | null },
	id: string = shortId()
): Promise<string> {
	await trx
		.insertInto('patients')
		.values({
			id,
			site_id: siteId,
			external_id: patient.externalId ?? null,
			first_name: patient.firstName,
			last_name: patient.lastName,
			dob: patient.dob,
			phone: patient.phone,
			email: patient.email ?? '',
			address: '',
			preferred_language: patient.language || 'en'
		})
		.execute();
	return id;
}
