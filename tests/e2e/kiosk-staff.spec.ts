import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { pairKiosk } from './support/front-door';
import { violations } from './support/axe';
import { waitUntilOfflineReady } from './support/kiosk-storage';

// Issue 10: the kiosk's staff panel, behind a hidden gesture and the site's staff PIN.
// tests/fixtures/kiosk-config/main.json (the e2e server's site) sets kiosk.staffPin to this.
const STAFF_PIN = '4826';

const panel = (kiosk: Page) => kiosk.getByRole('dialog', { name: 'Staff panel' });

/** Presses and holds the clinic's name until the panel opens (it takes 2 seconds of holding). */
async function longPressClinicName(kiosk: Page) {
	await kiosk.getByTestId('clinic-name').hover();
	await kiosk.mouse.down();
	await expect(panel(kiosk)).toBeVisible();
	await kiosk.mouse.up();
}

async function typePin(kiosk: Page, pin: string) {
	await panel(kiosk).getByLabel('Staff PIN').fill(pin);
	await panel(kiosk).getByRole('button', { name: 'Open' }).click();
}

test('a long press on the clinic name opens the staff panel, which refuses a wrong PIN and opens with the right one', async ({
	page: kiosk
}) => {
	await pairKiosk(kiosk, undefined, 'Staff panel kiosk');
	// Something waiting to be sent: a help request made while the network is down, once the
	// service worker holds the kiosk's code (offline, a screen not yet fetched cannot load).
	await waitUntilOfflineReady(kiosk);
	await kiosk.context().setOffline(true);
	await kiosk.getByRole('button', { name: 'I need help' }).click();
	const status = kiosk.getByTestId('sync-status');
	await expect(status).toContainText(/\d+ waiting to send/);
	const pending = /(\d+) waiting to send/.exec((await status.textContent()) ?? '')?.[1];
	expect(Number(pending)).toBeGreaterThan(0);

	await longPressClinicName(kiosk);
	await typePin(kiosk, '9157');
	await expect(panel(kiosk).getByRole('alert')).toHaveText('That PIN is not right. 4 tries left.');
	await expect(panel(kiosk).getByTestId('staff-device')).toHaveCount(0);

	await typePin(kiosk, STAFF_PIN);
	await expect(panel(kiosk).getByTestId('staff-device')).toHaveText('Staff panel kiosk');
	await expect(panel(kiosk).getByTestId('staff-connection')).toHaveText('Offline');
	await expect(panel(kiosk).getByTestId('staff-pending')).toHaveText(String(pending));
	await kiosk.screenshot({ path: '/tmp/kiosk-staff/staff-panel.png' });
	expect(await violations(kiosk)).toEqual([]);

	// Escape closes it; opening it again (here by keyboard) asks for the PIN again.
	await kiosk.keyboard.press('Escape');
	await expect(panel(kiosk)).toBeHidden();
	await kiosk.keyboard.press('Control+Alt+Shift+S');
	await expect(panel(kiosk).getByLabel('Staff PIN')).toBeFocused();
	await typePin(kiosk, STAFF_PIN);
	await panel(kiosk).getByRole('button', { name: 'Exit to Welcome' }).click();
	await expect(panel(kiosk)).toBeHidden();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
});

test('five wrong PINs lock the staff panel, and reloading the kiosk does not unlock it', async ({
	page: kiosk
}) => {
	await pairKiosk(kiosk);
	await kiosk.keyboard.press('Control+Alt+Shift+S');
	await expect(panel(kiosk)).toBeVisible();
	const alert = panel(kiosk).getByRole('alert');
	for (const [pin, left] of [
		['1357', 4],
		['2468', 3],
		['9753', 2]
	] as const) {
		await typePin(kiosk, pin);
		await expect(alert).toHaveText(`That PIN is not right. ${left} tries left.`);
	}
	await typePin(kiosk, '8642');
	await expect(alert).toHaveText('That PIN is not right. 1 try left before the panel locks.');
	await typePin(kiosk, '1470');
	await expect(alert).toHaveText('Too many wrong PINs. The panel is locked. Try again in 5 min.');
	await expect(panel(kiosk).getByLabel('Staff PIN')).toBeDisabled();
	await expect(panel(kiosk).getByRole('button', { name: 'Open' })).toBeDisabled();
	await kiosk.screenshot({ path: '/tmp/kiosk-staff/staff-locked.png' });

	await kiosk.reload();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await longPressClinicName(kiosk);
	await expect(panel(kiosk).getByRole('alert')).toHaveText(
		'Too many wrong PINs. The panel is locked. Try again in 5 min.'
	);
	await expect(panel(kiosk).getByLabel('Staff PIN')).toBeDisabled();
	await expect(panel(kiosk).getByTestId('staff-device')).toHaveCount(0);
});

test('the staff panel’s camera test sees a picture and releases the camera after', async ({
	blankCameraBrowser
}) => {
	const tablet = await blankCameraBrowser();
	const kiosk = await (await tablet.newContext()).newPage();
	// Every camera track the page opens, to prove none is left running.
	await kiosk.addInitScript(() => {
		const tracks: MediaStreamTrack[] = [];
		Object.assign(window, { cameraTracks: tracks });
		const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
		navigator.mediaDevices.getUserMedia = async (constraints) => {
			const stream = await open(constraints);
			tracks.push(...stream.getTracks());
			return stream;
		};
	});
	await pairKiosk(kiosk);
	await longPressClinicName(kiosk);
	await typePin(kiosk, STAFF_PIN);
	await panel(kiosk).getByRole('button', { name: 'Test the camera' }).click();
	await expect(panel(kiosk).getByTestId('staff-camera')).toHaveText(
		'The camera works: a picture arrived.'
	);
	const states = await kiosk.evaluate(() =>
		(window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks.map(
			(t) => t.readyState
		)
	);
	expect(states.length).toBeGreaterThan(0);
	expect(states.every((s) => s === 'ended')).toBe(true);
});
