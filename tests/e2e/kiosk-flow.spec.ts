// The patient's way through the kiosk when something is not plain sailing: already checked in,
// early, late, locked; and how many touches the plain way takes. Everything a patient does is
// tapped on the kiosk's screen; reception is used through its page.
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
	appointments,
	checkInUrl,
	freshAppointments,
	lastNameOf,
	signInStaff,
	STAFF,
	type Appointment
} from './support/api';
import {
	confirmAndCheckIn,
	expectIdentityScreen,
	fillDob,
	lookUp,
	SCAN_VIEW,
	Touches
} from './support/kiosk-page';
import { pairKiosk } from './support/front-door';

/** tests/fixtures/kiosk-config/north.json: a site whose check-in window is 0 min early, 0 late. */
const NORTH_STAFF = { username: 'reception-north', password: STAFF.password };

/** The north desk's API session, only to pick which booked patients to use (seeding). */
async function signInNorth(request: APIRequestContext) {
	const response = await request.post('/api/staff/session', { data: NORTH_STAFF });
	expect(response.status(), await response.text()).toBe(200);
}

/**
 * A kiosk paired from its own screen with a code made at `user`'s desk (so it belongs to that
 * desk's site), on the Welcome screen, in its own browser context.
 */
async function kioskOn(browser: Browser, user = STAFF): Promise<Page> {
	const desk = await receptionPage(browser, user);
	const kiosk = await (await browser.newContext()).newPage();
	await pairKiosk(kiosk, desk);
	await desk.context().close();
	return kiosk;
}

/** Reception's queue page, signed in through the form. */
async function receptionPage(browser: Browser, user: { username: string; password: string }) {
	const page = await (await browser.newContext()).newPage();
	await page.goto('/reception');
	await page.getByLabel('Username').fill(user.username);
	await page.getByLabel('Password').fill(user.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Waiting', exact: true })).toBeVisible();
	return page;
}

test('the plain scan path takes 10 touches, 8 of them the birth date', async ({
	cameraBrowser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const tablet = await cameraBrowser(await checkInUrl(request, appointment.id), SCAN_VIEW);
	const context = await tablet.newContext();
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);

	const touches = new Touches();
	await touches.tap(kiosk.getByRole('button', { name: /Scan my code/ }));
	// Holding the letter up to the camera is not a touch.
	await expectIdentityScreen(kiosk);
	for (const key of await kiosk.getByTestId('dob-pad').getByRole('button').all()) {
		// The kiosk's own touch target is 64 px.
		expect((await key.boundingBox())?.height).toBeGreaterThanOrEqual(64);
	}
	await fillDob(kiosk, appointment.patientDob, touches);
	await expect(kiosk.getByRole('heading', { name: /^Hi / })).toBeVisible();
	// Words are spaced: no "••••4410· Copay".
	for (const detail of await kiosk.locator('dd').allInnerTexts()) expect(detail).not.toMatch(/\S·/);
	await touches.tap(kiosk.getByRole('button', { name: 'Everything is correct — check me in' }));
	await expect(kiosk.getByTestId('ticket')).toContainText(appointment.ticket);
	expect(touches.count).toBe(10);
});

test('a physical keyboard types the birth date too, shown as a date in words', async ({
	browser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const kiosk = await kioskOn(browser);
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByTestId('dob-pad')).toBeVisible();
	const [year, month, day] = appointment.patientDob.split('-');
	// A slip, taken back with Backspace.
	await kiosk.keyboard.type(`${month}${day}${year.slice(0, 3)}9`);
	await kiosk.keyboard.press('Backspace');
	await kiosk.keyboard.type(year.slice(3));
	const inWords = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
		Date.parse(`${appointment.patientDob}T00:00:00Z`)
	);
	await expect(kiosk.locator('#dob-hint')).toHaveText(inWords);
	// With no name yet the 8th digit waits; the name typed after, the button searches.
	await kiosk.getByLabel('Last name').fill(lastNameOf(appointment.patientName));
	await kiosk.getByRole('button', { name: 'Find my appointment' }).click();
	await expect(kiosk.getByRole('heading', { name: /^Hi / })).toBeVisible();
});

test('already checked in: told the ticket, and the room once called', async ({
	browser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const name = lastNameOf(appointment.patientName);
	// Opened first: its roster still says "booked" when the patient comes back to it.
	const hallway = await kioskOn(browser);

	const lobby = await kioskOn(browser);
	await lookUp(lobby, name, appointment.patientDob);
	expect(await confirmAndCheckIn(lobby)).toBe(appointment.ticket);

	// The server answers the second check-in with the patient's place, not "offline".
	await lookUp(hallway, name, appointment.patientDob);
	await hallway.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(
		hallway.getByRole('heading', {
			name: `You’re already checked in — ticket ${appointment.ticket}`
		})
	).toBeVisible();
	await expect(hallway.getByText('Please have a seat.')).toBeVisible();

	const desk = await receptionPage(browser, STAFF);
	await desk.getByLabel(`Room for ${appointment.ticket}`).selectOption({ label: 'Room 3' });
	await desk.getByRole('button', { name: `Call ${appointment.ticket}` }).click();
	await expect(desk.getByRole('button', { name: `Call ${appointment.ticket}` })).toBeHidden();

	// A kiosk whose roster came after the call knows it at once, with no "check me in".
	const third = await kioskOn(browser);
	await lookUp(third, name, appointment.patientDob);
	await expect(
		third.getByRole('heading', { name: `You’re already checked in — ticket ${appointment.ticket}` })
	).toBeVisible();
	await expect(third.getByText('Please go to Room 3.')).toBeVisible();
	await expect(
		third.getByRole('button', { name: 'Everything is correct — check me in' })
	).toHaveCount(0);
});

/** Booked appointments at the north site, before and after now (its window is 0 / 0 minutes). */
async function northAppointments(request: APIRequestContext) {
	await signInNorth(request);
	const booked = (await appointments(request)).filter(
		(a) => a.status === 'booked' && a.preferredLanguage === 'en'
	);
	const now = Date.now();
	return {
		// From the end and the start of the day: the two tests never take the same one.
		future: booked.filter((a) => a.startsAt > now + 60_000).reverse(),
		past: booked.filter((a) => a.startsAt < now - 60_000)
	};
}

test('too early: "Check in anyway" checks the patient in at their appointment time', async ({
	browser,
	request: staff
}) => {
	const { future } = await northAppointments(staff);
	const appointment: Appointment = future[0];
	const kiosk = await kioskOn(browser, NORTH_STAFF);
	await lookUp(kiosk, lastNameOf(appointment.patientName), appointment.patientDob);
	await expect(kiosk.getByRole('heading', { name: 'You are early' })).toBeVisible();
	await expect(kiosk.getByRole('button', { name: 'Tell the front desk' })).toBeVisible();
	await kiosk.getByRole('button', { name: 'Check in anyway' }).click();
	expect(await confirmAndCheckIn(kiosk)).toBe(appointment.ticket);
	await expect(kiosk.getByTestId('ticket-late')).toHaveCount(0);

	const desk = await receptionPage(browser, NORTH_STAFF);
	const row = desk.locator(`li[data-ticket="${appointment.ticket}"]`);
	await expect(row).toBeVisible();
	await expect(row).not.toContainText('Arrived late');
	// The queue keeps the appointment time, not the early arrival, as the place in line.
	const snapshot = (await (await staff.get('/api/queue/snapshot?audience=reception')).json()) as {
		entries: { appointmentId: string | null; slotAt: number | null }[];
	};
	expect(snapshot.entries.find((e) => e.appointmentId === appointment.id)?.slotAt).toBe(
		appointment.startsAt
	);
});

test('too late: checked in all the same, told the desk knows, flagged late at reception', async ({
	browser,
	request: staff
}) => {
	const { past } = await northAppointments(staff);
	const appointment: Appointment = past[0];
	const kiosk = await kioskOn(browser, NORTH_STAFF);
	await lookUp(kiosk, lastNameOf(appointment.patientName), appointment.patientDob);
	expect(await confirmAndCheckIn(kiosk)).toBe(appointment.ticket);
	await expect(kiosk.getByTestId('ticket-late')).toContainText('We let the front desk know');

	const desk = await receptionPage(browser, NORTH_STAFF);
	await expect(desk.locator(`li[data-ticket="${appointment.ticket}"]`)).toContainText(
		'Arrived late'
	);
});

test('five wrong birth dates lock the visit on every kiosk, for scan and look-up', async ({
	cameraBrowser,
	browser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const name = lastNameOf(appointment.patientName);
	// Opened before the lock: its roster does not know yet, so the server must refuse.
	const before = await kioskOn(browser);

	const tablet = await cameraBrowser(await checkInUrl(request, appointment.id), SCAN_VIEW);
	const context = await tablet.newContext();
	const scanner = await context.newPage();
	await pairKiosk(scanner);
	await scanner.getByRole('button', { name: /Scan my code/ }).click();
	await expectIdentityScreen(scanner);
	for (const left of [4, 3, 2, 1]) {
		await fillDob(scanner, '1901-02-03');
		await expect(scanner.getByRole('alert')).toContainText(`You have ${left} more`);
	}
	await fillDob(scanner, '1901-02-03');
	await expect(scanner.getByRole('heading', { name: 'Please see the front desk' })).toBeVisible();

	// Look-up with the right birth date on the kiosk opened before: refused by the server.
	await lookUp(before, name, appointment.patientDob);
	await before.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(before.getByRole('heading', { name: 'Please see the front desk' })).toBeVisible();

	// A kiosk opened after it knows from its roster: no details, no "check me in".
	const after = await kioskOn(browser);
	await lookUp(after, name, appointment.patientDob);
	await expect(after.getByRole('heading', { name: 'Please see the front desk' })).toBeVisible();
	await expect(after.getByRole('heading', { name: /^Hi / })).toHaveCount(0);

	const status = (await appointments(request)).find((a) => a.id === appointment.id)?.status;
	expect(status).toBe('booked');
});
