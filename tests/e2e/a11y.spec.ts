// axe-core (WCAG 2 A and AA) on each surface as people first see it.
import { expect, test } from '@playwright/test';
import { enroll, signInStaff } from './support/api';
import { violations } from './support/axe';

test('kiosk welcome, lookup and enrollment screens have no WCAG A/AA violations', async ({
	browser,
	request
}) => {
	const fresh = await browser.newContext();
	const unpaired = await fresh.newPage();
	await unpaired.goto('/kiosk');
	await expect(unpaired.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
	expect(await violations(unpaired)).toEqual([]);

	await signInStaff(request);
	const context = await browser.newContext();
	await enroll(request, context, 'kiosk');
	const kiosk = await context.newPage();
	await kiosk.goto('/kiosk');
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	expect(await violations(kiosk)).toEqual([]);
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	expect(await violations(kiosk)).toEqual([]);
});

test('reception sign-in and queue, and the display, have no WCAG A/AA violations', async ({
	browser,
	page,
	request
}) => {
	await page.goto('/reception/login');
	expect(await violations(page)).toEqual([]);

	const desk = await browser.newContext();
	await signInStaff(desk.request);
	const reception = await desk.newPage();
	await reception.goto('/reception');
	await expect(reception.getByRole('heading', { name: 'Live queue' })).toBeVisible();
	expect(await violations(reception)).toEqual([]);

	await signInStaff(request);
	const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	await enroll(request, tv, 'display');
	const display = await tv.newPage();
	await display.goto('/display');
	await expect(display.getByTestId('display-board')).toBeVisible();
	expect(await violations(display)).toEqual([]);
});
