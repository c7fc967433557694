// Staff API calls the browser tests use to set the scene (pick a fresh patient, fetch a
// letter's QR) and to read back what happened. Not for what a person does on a screen: signing
// in, pairing a device, calling a patient go through tests/e2e/support/front-door.ts.
import { expect, type APIRequestContext } from '@playwright/test';
import { STAFF } from './front-door';
import { patientLanguages } from './test-db';

export { STAFF };

export interface Appointment {
	id: string;
	startsAt: number;
	status: string;
	ticket: string;
	providerName: string;
	patientName: string;
	patientDob: string;
	dobLocked: boolean;
	patientId: string;
	/** The kiosk speaks it once the patient is identified (read from the e2e database). */
	preferredLanguage: string;
}

/** A staff session for the API reads above (seeding); a test about reception uses the form. */
export async function signInStaff(request: APIRequestContext): Promise<void> {
	const response = await request.post('/api/staff/session', { data: STAFF });
	expect(response.status(), await response.text()).toBe(200);
}

export async function appointments(request: APIRequestContext): Promise<Appointment[]> {
	const response = await request.get('/api/staff/appointments');
	expect(response.ok()).toBe(true);
	const rows = (await response.json()) as Omit<Appointment, 'preferredLanguage'>[];
	const languages = patientLanguages(rows.map((r) => r.patientId));
	return rows.map((r) => ({ ...r, preferredLanguage: languages.get(r.patientId) ?? 'en' }));
}

/**
 * Booked appointments nobody has checked in yet, from the end of the day (other specs take from
 * the start). Not ones an earlier test locked with five wrong birth dates: that lock is the server's.
 * English-speaking patients unless told otherwise: the kiosk switches to a patient's language.
 */
export async function freshAppointments(
	request: APIRequestContext,
	count: number,
	language = 'en'
) {
	const all = await appointments(request);
	const booked = all
		.filter((a) => a.status === 'booked' && !a.dobLocked && a.preferredLanguage === language)
		.reverse();
	expect(booked.length).toBeGreaterThanOrEqual(count);
	return booked.slice(0, count);
}

export async function checkInUrl(request: APIRequestContext, appointmentId: string) {
	const response = await request.get(`/api/staff/letters/${appointmentId}`);
	expect(response.ok()).toBe(true);
	return ((await response.json()) as { checkInUrl: string }).checkInUrl;
}

/** "Olivia O'Brien Smith" → "O'Brien Smith": what a patient types as their last name. */
export const lastNameOf = (fullName: string) => fullName.split(' ').slice(1).join(' ');

/** "1975-03-14" → the three kiosk fields. */
export function dobParts(dob: string) {
	const [year, month, day] = dob.split('-');
	return { month, day, year };
}
