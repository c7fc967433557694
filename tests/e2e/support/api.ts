// Staff- and device-side calls the browser tests use to set the scene through the real API.
import { expect, type APIRequestContext, type BrowserContext } from '@playwright/test';

export const STAFF = { username: 'reception', password: 'e2e-password' };

export interface Appointment {
	id: string;
	startsAt: number;
	status: string;
	ticket: string;
	providerName: string;
	patientName: string;
	patientDob: string;
	dobLocked: boolean;
}

export async function signInStaff(request: APIRequestContext): Promise<void> {
	const response = await request.post('/api/staff/session', { data: STAFF });
	expect(response.status(), await response.text()).toBe(200);
}

export async function appointments(request: APIRequestContext): Promise<Appointment[]> {
	const response = await request.get('/api/staff/appointments');
	expect(response.ok()).toBe(true);
	return (await response.json()) as Appointment[];
}

/**
 * Booked appointments nobody has checked in yet, from the end of the day (other specs take from
 * the start). Not ones an earlier test locked with five wrong birth dates: that lock is the server's.
 */
export async function freshAppointments(request: APIRequestContext, count: number) {
	const all = await appointments(request);
	const booked = all.filter((a) => a.status === 'booked' && !a.dobLocked).reverse();
	expect(booked.length).toBeGreaterThanOrEqual(count);
	return booked.slice(0, count);
}

export async function checkInUrl(request: APIRequestContext, appointmentId: string) {
	const response = await request.get(`/api/staff/letters/${appointmentId}`);
	expect(response.ok()).toBe(true);
	return ((await response.json()) as { checkInUrl: string }).checkInUrl;
}

export async function pairingCode(
	request: APIRequestContext,
	kind: 'kiosk' | 'display',
	name: string
) {
	const response = await request.post('/api/staff/pairing-codes', { data: { kind, name } });
	expect(response.status()).toBe(201);
	return ((await response.json()) as { code: string }).code;
}

/** Enrolls a browser context as a kiosk or display: the device cookie lands in that context. */
export async function enroll(
	staff: APIRequestContext,
	context: BrowserContext,
	kind: 'kiosk' | 'display',
	name = `${kind} ${Math.random().toString(36).slice(2, 7)}`
) {
	const code = await pairingCode(staff, kind, name);
	const response = await context.request.post('/api/devices/enroll', { data: { code, kind } });
	expect(response.status(), await response.text()).toBe(200);
}

/** "Olivia O'Brien Smith" → "O'Brien Smith": what a patient types as their last name. */
export const lastNameOf = (fullName: string) => fullName.split(' ').slice(1).join(' ');

/** "1975-03-14" → the three kiosk fields. */
export function dobParts(dob: string) {
	const [year, month, day] = dob.split('-');
	return { month, day, year };
}
