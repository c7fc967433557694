// Patient actions on the kiosk, written the way a patient sees the screen (roles and labels).
import { expect, type Page } from '@playwright/test';
import { dobParts } from './api';

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
