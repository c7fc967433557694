// Issue 10, "Stays healthy": the camera is let go on every reset and whenever the page is
// hidden (the tablet's screen turned off, another app in front, the page going away), and the
// scan screen has it back when the page is shown again. Camera tracks are counted in the page by
// an init script that wraps getUserMedia (support/kiosk-soak.ts).
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { freshAppointments, signInStaff } from './support/api';
import { pairKiosk } from './support/front-door';
import { identify, TABLET } from './support/kiosk-changes';
import { cameraTracks, watchCameraTracks } from './support/kiosk-soak';

/**
 * What the browser does when the tablet's screen goes off and on again. Headless Chromium keeps
 * every page visible, so the test sets what `document.visibilityState` reads and sends the
 * event the browser would, or the pagehide / pageshow of a page leaving and coming back from the
 * back-forward cache.
 */
async function pageShown(page: Page, shown: boolean, how: 'visibility' | 'page-transition') {
	await page.evaluate(
		({ shown, how }) => {
			Object.defineProperty(document, 'visibilityState', {
				configurable: true,
				get: () => (shown ? 'visible' : 'hidden')
			});
			Object.defineProperty(document, 'hidden', { configurable: true, get: () => !shown });
			if (how === 'visibility') document.dispatchEvent(new Event('visibilitychange'));
			else {
				const type = shown ? 'pageshow' : 'pagehide';
				window.dispatchEvent(new PageTransitionEvent(type, { persisted: true }));
			}
		},
		{ shown, how }
	);
}

const liveTracks = async (page: Page) => (await cameraTracks(page)).live;

for (const how of ['visibility', 'page-transition'] as const) {
	test(`the scan screen lets the camera go while the page is hidden and has it back when shown (${how})`, async ({
		blankCameraBrowser,
		request
	}) => {
		await signInStaff(request);
		const tablet = await blankCameraBrowser();
		const context = await tablet.newContext();
		await watchCameraTracks(context);
		const kiosk = await context.newPage();
		await pairKiosk(kiosk);

		await kiosk.getByRole('button', { name: /Scan my code/ }).click();
		const preview = kiosk.getByTestId('scan-preview');
		await expect(preview).toHaveAttribute('data-frame', '640x480', { timeout: 15_000 });
		expect(await cameraTracks(kiosk)).toEqual({ opened: 1, stopped: 0, live: 1 });

		await pageShown(kiosk, false, how);
		await expect.poll(() => liveTracks(kiosk)).toBe(0);
		await expect(preview.locator('video')).toHaveCount(0);
		expect(await cameraTracks(kiosk)).toEqual({ opened: 1, stopped: 1, live: 0 });

		await pageShown(kiosk, true, how);
		await expect(preview).toHaveAttribute('data-frame', '640x480', { timeout: 15_000 });
		await expect(preview.locator('video')).toHaveCount(1);
		expect(await cameraTracks(kiosk)).toEqual({ opened: 2, stopped: 1, live: 1 });

		// The patient gives up: the reset to Welcome lets it go too.
		await kiosk.getByRole('button', { name: 'Back', exact: true }).click();
		await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
		await expect.poll(() => liveTracks(kiosk)).toBe(0);
		expect(await cameraTracks(kiosk)).toEqual({ opened: 2, stopped: 2, live: 0 });
	});
}

test('a page hidden on Welcome opens no camera when it is shown again', async ({
	blankCameraBrowser,
	request
}) => {
	await signInStaff(request);
	const tablet = await blankCameraBrowser();
	const context = await tablet.newContext();
	await watchCameraTracks(context);
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	await kiosk.getByRole('button', { name: /Scan my code/ }).click();
	await expect(kiosk.getByTestId('scan-preview')).toHaveAttribute('data-frame', '640x480', {
		timeout: 15_000
	});
	await kiosk.getByRole('button', { name: 'Back', exact: true }).click();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await pageShown(kiosk, false, 'visibility');
	await pageShown(kiosk, true, 'visibility');
	await expect(kiosk.getByRole('button', { name: /Scan my code/ })).toBeEnabled();
	expect(await cameraTracks(kiosk)).toEqual({ opened: 1, stopped: 1, live: 0 });
});

test('the card camera lets go while the page is hidden and when the patient leaves it', async ({
	cardCameraBrowser,
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const tablet = await cardCameraBrowser();
	const context = await tablet.newContext({ viewport: TABLET });
	await watchCameraTracks(context);
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	await identify(kiosk, appointment);
	await kiosk.getByRole('button', { name: 'Change insurance' }).click();
	await kiosk.getByLabel('I have new insurance').check();
	await kiosk.getByRole('button', { name: 'Take a photo of the front' }).click();
	const live = kiosk.getByTestId('card-preview').locator('video');
	await expect(live).toBeVisible();
	await expect(kiosk.getByRole('button', { name: 'Take the photo' })).toBeEnabled();
	expect(await cameraTracks(kiosk)).toEqual({ opened: 1, stopped: 0, live: 1 });

	await pageShown(kiosk, false, 'visibility');
	await expect.poll(() => liveTracks(kiosk)).toBe(0);
	await expect(live).toHaveCount(0);

	await pageShown(kiosk, true, 'visibility');
	await expect(live).toBeVisible();
	await expect(kiosk.getByRole('button', { name: 'Take the photo' })).toBeEnabled();
	expect(await cameraTracks(kiosk)).toEqual({ opened: 2, stopped: 1, live: 1 });

	await kiosk.getByRole('button', { name: 'Back', exact: true }).click();
	await expect(kiosk.getByRole('heading', { level: 1, name: 'Your insurance' })).toBeVisible();
	await expect.poll(() => liveTracks(kiosk)).toBe(0);
	expect(await cameraTracks(kiosk)).toEqual({ opened: 2, stopped: 2, live: 0 });
});
