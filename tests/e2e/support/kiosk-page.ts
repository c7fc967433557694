// Patient actions on the kiosk, written the way a patient sees the screen (roles and labels).
import { expect, type Locator, type Page } from '@playwright/test';
import { dobParts } from './api';
import { pairKiosk } from './front-door';
import type { CameraFixtures } from './fixtures';

// The letter at 0.45 of the frame height, a comfortable distance. The kiosk's decoder reads
// 0.25–0.9 (tests/e2e/kiosk-scanner.spec.ts holds codes at 0.6 and 0.75 too).
export const SCAN_VIEW = { fraction: 0.45 };

/**
 * A tablet whose camera sees the QR code of `text`, on the scan screen. It is paired the way a
 * clinic pairs one: a desk (signed in through the form, in the same camera browser) makes a
 * code, and the code is typed on the tablet's own pairing screen.
 */
export async function scanningKiosk(
	cameraBrowser: CameraFixtures['cameraBrowser'],
	text: string
): Promise<Page> {
	const tablet = await cameraBrowser(text, SCAN_VIEW);
	const context = await tablet.newContext();
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	await kiosk.getByRole('button', { name: /Scan my code/ }).click();
	return kiosk;
}

/** The screen after a good scan; the camera and decoder get a generous first-frame allowance. */
export async function expectIdentityScreen(kiosk: Page) {
	await expect(kiosk.getByRole('heading', { name: 'Type your date of birth' })).toBeVisible({
		timeout: 15_000
	});
}

/** Counts what a test taps, the way a patient's touches are counted (issue 6: ≤ 10 to a ticket). */
export class Touches {
	count = 0;
	async tap(target: Locator): Promise<void> {
		this.count += 1;
		await target.click();
	}
}

/** "1975-03-14" → the eight digits a patient taps on the kiosk's pad: 0 3 1 4 1 9 7 5. */
export function dobDigits(dob: string): string[] {
	const { month, day, year } = dobParts(dob);
	return [...`${month}${day}${year}`];
}

/** Taps the birth date on the kiosk's number pad; the 8th digit checks it (no Next). */
export async function fillDob(page: Page, dob: string, touches = new Touches()) {
	const pad = page.getByTestId('dob-pad');
	for (const digit of dobDigits(dob)) {
		await touches.tap(pad.getByRole('button', { name: digit, exact: true }));
	}
}

/** Clears the pad, as a patient fixing a date would. */
export async function clearDob(page: Page) {
	await page.getByTestId('dob-pad').getByRole('button', { name: 'Clear' }).click();
}

export async function openKiosk(page: Page) {
	await page.goto('/kiosk');
	await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
}

/** Welcome → look-up by name and birth date; the 8th digit searches. */
export async function lookUp(page: Page, lastName: string, dob: string) {
	await page.getByRole('button', { name: /Look me up/ }).click();
	await page.getByLabel('Last name').fill(lastName);
	await fillDob(page, dob);
}

/** From the details screen to the ticket; returns the ticket code shown. */
export async function confirmAndCheckIn(page: Page): Promise<string> {
	await expect(page.getByRole('heading', { name: /^Hi / })).toBeVisible();
	await page.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(page.getByRole('heading', { name: 'You’re checked in' })).toBeVisible();
	return (await page.getByTestId('ticket').locator('.code').textContent())?.trim() ?? '';
}

export async function backToWelcome(page: Page) {
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
}
