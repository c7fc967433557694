// axe-core (WCAG 2 A and AA) run inside the page under test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | null = null;

interface AxeViolation {
	id: string;
	impact: string | null;
	nodes: { target: string[] }[];
}

/** The page's WCAG A/AA violations as readable lines; [] when there are none. */
export async function violations(page: Page): Promise<string[]> {
	// Evaluated through the DevTools protocol: the pages' Content-Security-Policy (rightly) refuses
	// an injected <script>.
	axeSource ??= readFileSync(axePath, 'utf8');
	await page.evaluate(axeSource);
	// Contrast is measured on what people read, not mid-fade: let finite animations (a new
	// announcement fading in) end first. Endless ones (a pulsing "Live" dot) are left running.
	await page.evaluate(() =>
		Promise.all(
			document
				.getAnimations()
				.filter((a) => a.effect?.getTiming().iterations !== Infinity)
				.map((a) => a.finished.catch(() => undefined))
		)
	);
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
