import { expect } from 'vitest';
import { Client, pairAndEnroll, staffLogin, type Appointment } from './clients';
import type { Reader } from './db';
import type { TestServer } from './server';

/** Who knocks: each one a fixed Cookie header (nothing here rotates during a test). */
export const CALLERS = [
	'anonymous',
	'kiosk',
	'display',
	'revokedDevice',
	'otherSiteDevice',
	'otherSiteStaff',
	'reception',
	'admin'
] as const;
export type CallerName = (typeof CALLERS)[number];

export interface Callers {
	cookies: Record<CallerName, string>;
	/** Reception of the main site, for set-up. */
	staff: Client;
	/** A main-site kiosk nobody else uses, for the remove action to remove. */
	spareKioskId: string;
	kioskId: string;
}

/** Removes a device as the Devices page does (a form post with the page's own Origin). */
async function removeDevice(server: TestServer, staff: Client, id: string): Promise<void> {
	const response = await staff.request('POST', '/reception/devices?/remove', {
		body: new URLSearchParams({ id }).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.baseUrl,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	expect(await response.json()).toMatchObject({ type: 'success' });
}

/**
 * The callers of the access matrix: a main-site kiosk and display, a revoked kiosk and display
 * (both cookies), a kiosk and display of the east site (tests/fixtures/kiosk-config/east.json),
 * east's receptionist, and main's receptionist and admin.
 */
export async function makeCallers(server: TestServer): Promise<Callers> {
	const staff = await staffLogin(server);
	const admin = await staffLogin(server, 'admin');
	const east = await staffLogin(server, 'reception-east');
	const kiosk = await pairAndEnroll(server, staff, 'kiosk', 'Matrix kiosk');
	const display = await pairAndEnroll(server, staff, 'display', 'Matrix display');
	const spare = await pairAndEnroll(server, staff, 'kiosk', 'Spare kiosk');
	const revokedKiosk = await pairAndEnroll(server, staff, 'kiosk', 'Revoked kiosk');
	const revokedDisplay = await pairAndEnroll(server, staff, 'display', 'Revoked display');
	await removeDevice(server, staff, revokedKiosk.deviceId);
	await removeDevice(server, staff, revokedDisplay.deviceId);
	const eastKiosk = await pairAndEnroll(server, east, 'kiosk', 'East kiosk');
	const eastDisplay = await pairAndEnroll(server, east, 'display', 'East display');
	// Separate browsers for the matrix, so a sign-out row cannot end the set-up session.
	const matrixStaff = await staffLogin(server);
	return {
		cookies: {
			anonymous: '',
			kiosk: `fd_kiosk=${kiosk.token}`,
			display: `fd_display=${display.token}`,
			revokedDevice: `fd_kiosk=${revokedKiosk.token}; fd_display=${revokedDisplay.token}`,
			otherSiteDevice: `fd_kiosk=${eastKiosk.token}; fd_display=${eastDisplay.token}`,
			otherSiteStaff: east.cookieHeader,
			reception: matrixStaff.cookieHeader,
			admin: admin.cookieHeader
		},
		staff,
		spareKioskId: spare.deviceId,
		kioskId: kiosk.deviceId
	};
}

/** Everything of patients' that may not leave the server in a refusal: for expectNoPatientData. */
export async function patientSecrets(db: Reader, appointments: Appointment[]) {
	const rows = await db.selectFrom('patients').select(['id', 'dob']).execute();
	return {
		appointments,
		birthDates: [...new Set(rows.map((r) => r.dob))],
		ids: rows.map((r) => r.id)
	};
}

/**
 * What a refusal must leave as it was: the rows of the tables patients' data lives in, and the
 * fields a write would change (statuses, device names and revocations, open sessions).
 */
export async function dataState(db: Reader): Promise<string> {
	const counts: Record<string, number> = {};
	for (const table of [
		'patients',
		'coverages',
		'appointments',
		'queue_entries',
		'ops',
		'help_requests',
		'change_requests',
		'change_fields',
		'card_images',
		'devices',
		'pairing_codes',
		'sessions',
		'events',
		'kiosk_visits',
		'kiosk_feedback'
	] as const) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		counts[table] = Number(row.n);
	}
	const [appointments, queue, devices, changes, help] = await Promise.all([
		db.selectFrom('appointments').select(['id', 'status']).orderBy('id').execute(),
		db.selectFrom('queue_entries').select(['id', 'status', 'room_id']).orderBy('id').execute(),
		db.selectFrom('devices').select(['id', 'name', 'revoked_at']).orderBy('id').execute(),
		db.selectFrom('change_requests').select(['id', 'status']).orderBy('id').execute(),
		db.selectFrom('help_requests').select(['id', 'resolved_at']).orderBy('id').execute()
	]);
	return JSON.stringify({ counts, appointments, queue, devices, changes, help });
}
