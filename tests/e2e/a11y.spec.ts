// axe-core (WCAG 2 A and AA) on each surface as people first see it.
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { pairDisplay, pairKiosk, signInAtReception } from './support/front-door';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
	id: string;
	impact: string | null;
	nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: axePath });
	const found = await page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> } }
		).axe;
		const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
		return result.violations;
	});
	return found.map(
		(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

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
