// The reception desk in a real browser: signing in and out, the sign-in guard, today's
// appointments, a reminder letter's QR code, pairing codes, and calling a patient who was just
// checked in at a kiosk paired from its own screen.
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { appointments, lastNameOf, signInStaff } from './support/api';
import { pairKiosk, signInAtReception, STAFF } from './support/front-door';
import { confirmAndCheckIn, lookUp } from './support/kiosk-page';

const { username: USERNAME, password: PASSWORD } = STAFF;
const signIn = signInAtReception;

/**
 * A booked patient checks in on a kiosk paired from its own screen (looked up by name and birth
 * date). Which patient is picked from the staff API: seeding, not what the test is about.
 */
async function checkInThroughKiosk(browser: Browser, request: APIRequestContext) {
	await signInStaff(request);
	// Not one another spec locked with five wrong birth dates: the server refuses those.
	// An English speaker: the kiosk speaks the patient's own language once it knows them.
	const booked = (await appointments(request)).filter(
		(a) => a.status === 'booked' && !a.dobLocked && a.preferredLanguage === 'en'
	);
	expect(booked.length).toBeGreaterThan(0);
	// Other specs share this server: a random pick keeps two specs off the same patient.
	const appointment = booked[Math.floor(Math.random() * booked.length)];
	const tablet = await browser.newContext();
	const kiosk = await tablet.newPage();
	await pairKiosk(kiosk, undefined, 'E2E reception kiosk');
	await lookUp(kiosk, lastNameOf(appointment.patientName), appointment.patientDob);
	expect(await confirmAndCheckIn(kiosk)).toBe(appointment.ticket);
	await tablet.close();
	return appointment;
}

test('a wrong password is refused with a clear message', async ({ page }) => {
	await page.goto('/reception/login');
	await page.getByLabel('Username').fill(USERNAME);
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
	await expect(page).toHaveURL(/\/reception\/login/);
	await expect(page.getByLabel('Username')).toHaveValue(USERNAME);
	await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
});

test('signed out, reception pages send you to sign in and back', async ({ page }) => {
	await page.goto('/reception/devices');
	await expect(page).toHaveURL(/\/reception\/login\?next=%2Freception%2Fdevices$/);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

	await page.getByLabel('Username').fill(USERNAME);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/reception\/devices$/);
	await expect(page.getByText('Signed in as Front desk')).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/reception\/login/);
	await expect(page.getByRole('status')).toHaveText('You are signed out.');
	await page.goto('/reception');
	await expect(page).toHaveURL(/\/reception\/login\?next=%2Freception$/);
});

test("today's appointments list links to a printable letter with a check-in QR code", async ({
	page
}) => {
	await signIn(page, '/reception/appointments');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Today.s appointments/);
	const rows = page.getByRole('table').getByRole('row');
	// A header row and the seeded demo day's appointments.
	expect(await rows.count()).toBeGreaterThan(10);
	await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText(/^[A-Z]-\d{3}$/);

	const letter = rows.nth(1).getByRole('link', { name: /^Letter/ });
	const patientName = (await rows.nth(1).getByRole('rowheader').textContent())?.trim() ?? '';
	await letter.click();
	await expect(page).toHaveURL(/\/reception\/letters\/[A-Za-z0-9]+$/);
	await expect(page.getByText(patientName).first()).toBeVisible();

	const qr = page.locator('[data-check-in-url]');
	await expect(qr.locator('svg')).toBeVisible();
	const url = await qr.getAttribute('data-check-in-url');
	// DESIGN §4: <site base URL>/c/<compact JWS>.
	expect(url).toMatch(/^https?:\/\/[^/]+\/c\/[\w-]+\.[\w-]+\.[\w-]+$/);
	await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();

	// The Print button and the navigation are not printed.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Reception' })).toBeHidden();
	await expect(qr.locator('svg')).toBeVisible();
});

test('creates a pairing code for a kiosk', async ({ page }) => {
	await signIn(page, '/reception/devices');
	await page.getByLabel('Check-in kiosk (tablet)').check();
	await page.getByLabel('Name', { exact: true }).fill('Kiosk by the door');
	await page.getByRole('button', { name: 'Create pairing code' }).click();

	const pairing = page.locator('[data-pairing-code]');
	await expect(pairing).toBeVisible();
	const code = await pairing.getAttribute('data-pairing-code');
	expect(code).toMatch(/^\d{6}$/);
	await expect(pairing.getByText(code!, { exact: true })).toBeVisible();
	await expect(pairing).toContainText('Pairing code for Kiosk by the door');
	await expect(pairing).toContainText(/On the tablet open \S+\/kiosk and type this code\./);
	await expect(pairing).toContainText(/Expires at/);
});

test('a patient checked in at a kiosk appears live and can be called to a room', async ({
	page,
	browser,
	request
}) => {
	await signIn(page);
	await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
	const waiting = page.getByRole('region', { name: 'Waiting', exact: true });
	const called = page.getByRole('region', { name: 'Called', exact: true });

	const appointment = await checkInThroughKiosk(browser, request);
	const ticket = appointment.ticket;
	const row = waiting.locator(`li[data-ticket="${ticket}"]`);
	// Arrives over the event stream, without a reload.
	await expect(row).toBeVisible();
	await expect(row).toContainText(appointment.patientName);

	await page.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
	await page.getByRole('button', { name: `Call ${ticket}`, exact: true }).click();

	const calledRow = called.locator(`li[data-ticket="${ticket}"]`);
	await expect(calledRow).toContainText('Room 3');
	await expect(row).toHaveCount(0);
	await expect(page.getByText(`${ticket} called to Room 3.`)).toBeVisible();

	await page.getByRole('button', { name: `In room ${ticket}`, exact: true }).click();
	await expect(calledRow).toHaveAttribute('data-status', 'in-room');
	await page.getByRole('button', { name: `Done ${ticket}`, exact: true }).click();
	await expect(calledRow).toHaveCount(0);
});
