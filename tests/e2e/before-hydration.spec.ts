// A slow TV or PC can show a page well before its JavaScript runs, and a person taps what they
// see. Each pairing and sign-in form is tapped here while the app's scripts are held back (the
// requests wait until the test lets them go), and must still do the right thing: post to the
// server and show its answer, or not exist yet.
import { expect, test, type Page, type Route } from '@playwright/test';
import { appointments, lastNameOf, signInStaff } from './support/api';
import { createPairingCode, openReception, pairKiosk, STAFF } from './support/front-door';
import { confirmAndCheckIn, lookUp } from './support/kiosk-page';

const APP_SCRIPTS = '**/_app/immutable/**';

/**
 * Holds every request for the app's scripts until `release()`. Its stylesheets (also under
 * _app/immutable) go through: held, they would keep the page from painting at all.
 */
async function holdAppScripts(page: Page) {
	const held: Route[] = [];
	let holding = true;
	await page.route(APP_SCRIPTS, async (route) => {
		if (holding && new URL(route.request().url()).pathname.endsWith('.js')) held.push(route);
		else await route.continue();
	});
	return {
		/** How many script requests are waiting: > 0 proves the page is not live. */
		count: () => held.length,
		async release() {
			holding = false;
			for (const route of held.splice(0)) await route.continue();
		}
	};
}

/**
 * Opens `path` with its scripts held. The page's module scripts never arrive, so the browser
 * never reaches DOMContentLoaded: wait for the response, then for the scripts to be asked for
 * (they are requested from the HTML, so what the server rendered is there by then).
 */
async function openWithoutScripts(page: Page, path: string) {
	const scripts = await holdAppScripts(page);
	await page.goto(path, { waitUntil: 'commit' });
	await expect.poll(scripts.count).toBeGreaterThan(0);
	return scripts;
}

test('reception sign-in works when tapped before the page is live, and says so when the password is wrong', async ({
	page
}) => {
	const scripts = await openWithoutScripts(page, '/reception/login');
	await page.getByLabel('Username').fill(STAFF.username);
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');

	await page.getByLabel('Password').fill(STAFF.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/reception$/);
	await expect(page.getByRole('heading', { name: 'Live queue' })).toBeVisible();
	await scripts.release();
});

test('reception creates a pairing code, renames and removes a device before the page is live', async ({
	browser,
	page
}) => {
	const desk = await openReception(browser, '/reception/devices');
	await pairKiosk(page, desk, 'Pre-hydration kiosk');

	const scripts = await openWithoutScripts(desk, '/reception/devices');
	await desk.getByLabel('Waiting-room display (TV)').check();
	await desk.getByLabel('Name', { exact: true }).fill('TV before scripts');
	await desk.getByRole('button', { name: 'Create pairing code' }).click();
	const pairing = desk.locator('[data-pairing-code]');
	await expect(pairing).toContainText('Pairing code for TV before scripts');
	await expect(pairing.locator('.code')).toHaveText(/^\d{6}$/);

	// <details> opens without JavaScript: the remove button is one deliberate click away.
	const row = desk.locator('tr', { hasText: 'Pre-hydration kiosk' });
	await row.locator('summary').click();
	await row.getByLabel('New name').fill('Renamed before scripts');
	await row.getByRole('button', { name: 'Rename', exact: true }).click();
	await expect(desk.getByRole('status').filter({ hasText: 'Renamed to' })).toHaveText(
		'Renamed to “Renamed before scripts”.'
	);

	const renamed = desk.locator('tr', { hasText: 'Renamed before scripts' });
	await renamed.locator('summary').click();
	await renamed.getByRole('button', { name: 'Yes, remove Renamed before scripts' }).click();
	await expect(desk.getByRole('status').filter({ hasText: 'was removed' })).toBeVisible();
	await expect(desk.locator('tr', { hasText: 'Renamed before scripts' })).toHaveCount(0);
	await scripts.release();
	await desk.context().close();
});

test('the TV pairing form works when tapped before the page is live: a wrong code is refused, a good one pairs', async ({
	browser
}) => {
	const desk = await openReception(browser, '/reception/devices');
	const code = await createPairingCode(desk, 'display', 'TV tapped early');
	await desk.context().close();

	const tv = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	const scripts = await openWithoutScripts(tv, '/display');
	const field = tv.getByLabel('Enter the 6-digit code from reception');
	await field.fill('000000');
	await tv.getByRole('button', { name: /Connect/ }).click();
	// The server's answer, rendered by the server: no GET with the code in the address.
	await expect(tv.getByTestId('pairing-error')).toContainText('That code is not right.');
	await expect(tv.getByTestId('pairing-error')).toContainText('Ese código no es correcto.');
	expect(new URL(tv.url()).search).not.toContain('000000');

	await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
	await tv.getByRole('button', { name: /Connect/ }).click();
	await expect(tv).toHaveURL(/\/display$/);
	await expect(tv.getByTestId('display-board')).toBeVisible();
	await scripts.release();
	await tv.context().close();
});

test('a code typed on the TV before the page is live is still there once it is, and pairs', async ({
	browser
}) => {
	const desk = await openReception(browser, '/reception/devices');
	const code = await createPairingCode(desk, 'display', 'TV typed early');
	await desk.context().close();

	const tv = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	const scripts = await openWithoutScripts(tv, '/display');
	const field = tv.getByLabel('Enter the 6-digit code from reception');
	await field.fill(code);
	await scripts.release();
	// The screen focuses its field once it is live: hydration has run by then.
	await expect(field).toBeFocused();
	await expect(field).toHaveValue(code);
	await tv.getByRole('button', { name: /Connect/ }).click();
	await expect(tv.getByTestId('display-board')).toBeVisible();
	await tv.context().close();
});

test('the kiosk pairing form does not exist until the kiosk app runs (client-rendered page)', async ({
	page
}) => {
	const scripts = await openWithoutScripts(page, '/kiosk');
	await expect(page.locator('form')).toHaveCount(0);
	await expect(page.getByLabel('Pairing code')).toHaveCount(0);
	await scripts.release();
	await expect(page.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
	await expect(page.getByLabel('Pairing code')).toBeVisible();
});

test("the desk's call, back to waiting, in room and done buttons work before the page is live", async ({
	browser,
	page,
	request
}) => {
	// Which patient checks in is picked from the staff API (seeding); the check-in itself is a
	// patient's, on a kiosk paired from its own screen.
	await signInStaff(request);
	// An English speaker: the kiosk speaks the patient's own language once it knows them.
	const booked = (await appointments(request)).filter(
		(a) => a.status === 'booked' && a.preferredLanguage === 'en'
	);
	const patient = booked[Math.floor(Math.random() * booked.length)];
	await pairKiosk(page);
	await lookUp(page, lastNameOf(patient.patientName), patient.patientDob);
	const ticket = await confirmAndCheckIn(page);

	const desk = await openReception(browser);
	const scripts = await openWithoutScripts(desk, '/reception');
	const waiting = desk.getByRole('region', { name: 'Waiting', exact: true });
	const called = desk.getByRole('region', { name: 'Called', exact: true });
	const row = called.locator(`li[data-ticket="${ticket}"]`);

	await desk.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
	await desk.getByRole('button', { name: `Call ${ticket}`, exact: true }).click();
	await expect(row).toContainText('Room 3');

	await desk.getByRole('button', { name: `Back to waiting ${ticket}`, exact: true }).click();
	await expect(waiting.locator(`li[data-ticket="${ticket}"]`)).toBeVisible();
	await expect(row).toHaveCount(0);

	await desk.getByLabel(`Room for ${ticket}`).selectOption({ label: 'Room 3' });
	await desk.getByRole('button', { name: `Call ${ticket}`, exact: true }).click();
	await desk.getByRole('button', { name: `In room ${ticket}`, exact: true }).click();
	await expect(row).toHaveAttribute('data-status', 'in-room');
	await desk.getByRole('button', { name: `Done ${ticket}`, exact: true }).click();
	await expect(row).toHaveCount(0);
	await expect(waiting.locator(`li[data-ticket="${ticket}"]`)).toHaveCount(0);
	await scripts.release();
	await desk.context().close();
});
