// axe-core (WCAG 2 A and AA) on each surface as people first see it.
import { expect, test } from '@playwright/test';
import { violations } from './support/axe';
import { pairDisplay, pairKiosk, signInAtReception } from './support/front-door';

test('kiosk welcome, lookup and enrollment screens have no WCAG A/AA violations', async ({
	browser
}) => {
	const fresh = await browser.newContext();
	const unpaired = await fresh.newPage();
	await unpaired.goto('/kiosk');
	await expect(unpaired.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
	expect(await violations(unpaired)).toEqual([]);

	const context = await browser.newContext();
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	expect(await violations(kiosk)).toEqual([]);
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	expect(await violations(kiosk)).toEqual([]);
});

test('reception sign-in and queue, and the display, have no WCAG A/AA violations', async ({
	browser,
	page
}) => {
	await page.goto('/reception/login');
	expect(await violations(page)).toEqual([]);

	const desk = await browser.newContext();
	const reception = await desk.newPage();
	await signInAtReception(reception);
	await expect(reception.getByRole('heading', { name: 'Live queue' })).toBeVisible();
	expect(await violations(reception)).toEqual([]);

	const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const display = await tv.newPage();
	await pairDisplay(display, reception);
	expect(await violations(display)).toEqual([]);
});
