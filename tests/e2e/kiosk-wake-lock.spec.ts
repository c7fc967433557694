import { expect, test } from '@playwright/test';
import { pairKiosk } from './support/front-door';

declare global {
	interface Window {
		/** Set by this spec's init script: plays the tablet's screen going off and on. */
		setVisibility(state: DocumentVisibilityState): void;
		/** How many times the page asked Chromium for a screen wake lock. */
		wakeLockRequests: number;
	}
}

// Issue 10: a kiosk keeps its screen on all day. The wake lock is Chromium's own; only hiding the
// page is played, because headless Chromium never hides one: the init script answers
// document.visibilityState and fires the event the browser fires when the power button is pressed.
test('a paired kiosk holds a screen wake lock and asks for it again each time it is shown', async ({
	page
}) => {
	await page.addInitScript(() => {
		let state: DocumentVisibilityState = 'visible';
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
		Object.defineProperty(document, 'hidden', {
			configurable: true,
			get: () => state === 'hidden'
		});
		window.setVisibility = (next) => {
			state = next;
			document.dispatchEvent(new Event('visibilitychange'));
		};
		window.wakeLockRequests = 0;
		const request = navigator.wakeLock.request.bind(navigator.wakeLock);
		navigator.wakeLock.request = (type) => {
			window.wakeLockRequests += 1;
			return request(type);
		};
	});
	const html = page.locator('html');

	await page.goto('/kiosk');
	await expect(page.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
	await expect(html).not.toHaveAttribute('data-wake-lock');

	await pairKiosk(page);
	await expect(html).toHaveAttribute('data-wake-lock', 'held');
	expect(await page.evaluate(() => window.wakeLockRequests)).toBe(1);

	await page.evaluate(() => window.setVisibility('hidden'));
	await expect(html).toHaveAttribute('data-wake-lock', 'released');
	await page.evaluate(() => window.setVisibility('visible'));
	await expect(html).toHaveAttribute('data-wake-lock', 'held');
	expect(await page.evaluate(() => window.wakeLockRequests)).toBe(2);

	// A patient's visit keeps it: the lock belongs to the kiosk, not to one screen.
	await page.getByRole('button', { name: /Look me up/ }).click();
	await expect(page.getByLabel('Last name')).toBeVisible();
	await expect(html).toHaveAttribute('data-wake-lock', 'held');
	expect(await page.evaluate(() => window.wakeLockRequests)).toBe(2);
});
