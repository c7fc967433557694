// Patient actions on the kiosk, written the way a patient sees the screen (roles and labels).
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { dobParts, enroll } from './api';
import type { CameraFixtures } from './fixtures';

// The letter at 0.45 of the frame height, a comfortable distance. The kiosk's decoder reads
// 0.25–0.9 (tests/e2e/kiosk-scanner.spec.ts holds codes at 0.6 and 0.75 too).
export const SCAN_VIEW = { fraction: 0.45 };

/** A tablet whose camera sees the QR code of `text`, enrolled as a kiosk, on the scan screen. */
export async function scanningKiosk(
	cameraBrowser: CameraFixtures['cameraBrowser'],
	staff: APIRequestContext,
	text: string
): Promise<Page> {
	const tablet = await cameraBrowser(text, SCAN_VIEW);
	const context = await tablet.newContext();
	await enroll(staff, context, 'kiosk');
	const kiosk = await context.newPage();
	await openKiosk(kiosk);
	await kiosk.getByRole('button', { name: /Scan my code/ }).click();
	return kiosk;
}

/** The screen after a good scan; the camera and decoder get a generous first-frame allowance. */
export async function expectIdentityScreen(kiosk: Page) {
	await expect(
		kiosk.getByRole('heading', { name: 'Please confirm your date of birth' })
	).toBeVisible({
		timeout: 15_000
	});
}

export async function fillDob(page: Page, dob: string) {
	const { month, day, year } = dobParts(dob);
	await page.getByLabel('Month').fill(month);
	await page.getByLabel('Day').fill(day);
	await page.getByLabel('Year').fill(year);
}

export async function openKiosk(page: Page) {
	await page.goto('/kiosk');
	await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
}

export async function lookUp(page: Page, lastName: string, dob: string) {
	await page.getByRole('button', { name: /Look me up/ }).click();
	await page.getByLabel('Last name').fill(lastName);
	await fillDob(page, dob);
	await page.getByRole('button', { name: 'Next' }).click();
}

/** From the details screen to the ticket; returns the ticket code shown. */
export async function confirmAndCheckIn(page: Page): Promise<string> {
	await expect(page.getByRole('heading', { name: /^Hi / })).toBeVisible();
	await page.getByRole('button', { name: 'Yes, check me in' }).click();
	await expect(page.getByRole('heading', { name: 'You’re checked in' })).toBeVisible();
	return (await page.getByTestId('ticket').locator('.code').textContent())?.trim() ?? '';
}

export async function backToWelcome(page: Page) {
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
}
