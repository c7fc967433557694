// The kiosk for every patient: keyboard only, screen reader cues, focus ring, touch targets and
// large text, measured in a real Chromium through the kiosk's own screens.
import { mkdir } from 'node:fs/promises';
import type { Browser, APIRequestContext, Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { checkInUrl, freshAppointments, lastNameOf, signInStaff } from './support/api';
import { violations } from './support/axe';
import { pairKiosk } from './support/front-door';
import {
	dobDigits,
	expectIdentityScreen,
	fillDob,
	openKiosk,
	SCAN_VIEW
} from './support/kiosk-page';

const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 800, height: 1280 };
const SCREENS_DIR = 'test-results/screens';

async function pairedKiosk(
	browser: Browser,
	request: APIRequestContext,
	viewport = LANDSCAPE
): Promise<Page> {
	// The staff session is for picking patients (seeding); the kiosk pairs from its own screen.
	await signInStaff(request);
	const context = await browser.newContext({ viewport });
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	return kiosk;
}

/** Presses Tab until `target` has focus (a keyboard user's way to reach a control). */
async function tabTo(page: Page, target: Locator, maxPresses = 25) {
	for (let i = 0; i < maxPresses; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) break;
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

/**
 * The birth date typed from the keyboard alone. The only place this spec knows how the date is
 * entered: when the number pad replaces the three fields, adapt this function (digits typed or
 * pad keys reached with Tab and pressed with Space).
 */
async function enterDobByKeyboard(page: Page, dob: string) {
	// Reach the pad with Tab (its first key), then type the digits: the pad takes digit keys
	// from a physical keyboard, and the 8th digit completes the date.
	await tabTo(page, page.getByTestId('dob-pad').getByRole('button', { name: '1', exact: true }));
	await page.keyboard.type(dobDigits(dob).join(''));
}

/** A new screen: its heading has focus and the polite live region reads its title. */
async function expectNewScreen(page: Page, title: string | RegExp) {
	const heading = page.getByRole('heading', { level: 1, name: title });
	await expect(heading).toBeFocused();
	await expect(page.getByTestId('screen-announcer')).toHaveText(title);
	await expect(page.getByTestId('screen-announcer')).toHaveAttribute('role', 'status');
}

test('a patient checks in with the keyboard alone; each new screen takes focus and is announced', async ({
	browser,
	request
}) => {
	const kiosk = await pairedKiosk(browser, request);
	const [appointment] = await freshAppointments(request, 1);
	await openKiosk(kiosk);
	// A page that has just opened is read from its top by the browser and the screen reader; the
	// kiosk takes focus from the first screen change on (ScreenFocus loads with that screen).
	await expect(kiosk.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();

	await tabTo(kiosk, kiosk.getByRole('button', { name: /Look me up/ }));
	await kiosk.keyboard.press('Enter');
	await expectNewScreen(kiosk, 'Look me up');

	// No match: the Find button is disabled while the kiosk searches, and focus must not fall to
	// the page body when it is.
	// The 8th digit of the birth date searches at once when a name is there.
	await tabTo(kiosk, kiosk.getByLabel('Last name'));
	await kiosk.keyboard.type('Nobody-Here');
	await enterDobByKeyboard(kiosk, appointment.patientDob);
	await expect(kiosk.getByRole('alert')).toBeVisible();
	expect(await kiosk.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
	await tabTo(kiosk, kiosk.getByLabel('Last name'));
	await kiosk.keyboard.press('ControlOrMeta+A');
	await kiosk.keyboard.press('Delete');

	// Find with no name: the error is read with the field it is about.
	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Find my appointment' }));
	await kiosk.keyboard.press('Space');
	const lastName = kiosk.getByLabel('Last name');
	await expect(lastName).toHaveAccessibleDescription('Please enter your last name.');

	await tabTo(kiosk, lastName);
	await kiosk.keyboard.type(lastNameOf(appointment.patientName));
	// The birth date is still on the pad: Find searches with it.
	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Find my appointment' }));
	await kiosk.keyboard.press('Space');

	await expectNewScreen(kiosk, /^Hi /);
	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Everything is correct — check me in' }));
	await kiosk.keyboard.press('Enter');

	await expectNewScreen(kiosk, 'You’re checked in');
	await expect(kiosk.getByTestId('ticket').locator('.code')).toHaveText(appointment.ticket);
	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Done' }));
	await kiosk.keyboard.press('Space');
	await expectNewScreen(kiosk, 'Welcome');
});

/** The site's idle settings, as the kiosk got them (read past the UI: the tests' config). */
async function idleSettings(page: Page) {
	const response = await page.request.get('/api/kiosk/bootstrap');
	expect(response.ok()).toBe(true);
	const { site } = (await response.json()) as {
		site: { idle: { timeoutSeconds: number; warningSeconds: number } };
	};
	return site.idle;
}

/** Opens the idle warning by moving the page's clock past the warning time (no waiting). */
async function idleWarning(page: Page) {
	const { timeoutSeconds, warningSeconds } = await idleSettings(page);
	await page.clock.fastForward((timeoutSeconds - warningSeconds + 1) * 1000);
	const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
	await expect(dialog).toBeVisible();
	return dialog;
}

test('the idle warning traps focus, makes the page behind inert and keeps going on Escape', async ({
	browser,
	request
}) => {
	const kiosk = await pairedKiosk(browser, request);
	await kiosk.clock.install();
	await openKiosk(kiosk);
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expectNewScreen(kiosk, 'Look me up');

	const dialog = await idleWarning(kiosk);
	await expect(dialog).toHaveAccessibleDescription(/this screen will clear in \d+ seconds/);
	const stay = dialog.getByRole('button', { name: 'Yes, I’m here' });
	await expect(stay).toBeFocused();
	expect(await dialog.evaluate((el) => el.matches(':modal'))).toBe(true);
	for (let i = 0; i < 4; i++) {
		await kiosk.keyboard.press('Tab');
		expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
	}
	// Inert: a control behind the dialog cannot take focus, even from script.
	const behind = kiosk.getByRole('button', { name: 'Back', includeHidden: true });
	expect(
		await behind.evaluate((el: HTMLElement) => {
			el.focus();
			return document.activeElement === el;
		})
	).toBe(false);
	// Tab did not dismiss it: only an answer does.
	await expect(dialog).toBeVisible();

	await kiosk.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(kiosk.getByRole('heading', { name: 'Look me up' })).toBeVisible();

	await idleWarning(kiosk);
	await stay.click();
	await expect(dialog).toBeHidden();

	// Nobody answers: the kiosk clears and the next patient's Welcome takes focus.
	await idleWarning(kiosk);
	await kiosk.clock.fastForward(((await idleSettings(kiosk)).warningSeconds + 1) * 1000);
	await expectNewScreen(kiosk, 'Welcome');
});

interface Rgba {
	r: number;
	g: number;
	b: number;
	a: number;
}

function luminance({ r, g, b }: Rgba) {
	const channel = (v: number) => {
		const s = v / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgba, b: Rgba) {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

interface RingColours {
	name: string;
	ring: Rgba;
	gap: Rgba;
	/** What the ring sits on: the opaque colour behind the focused control. */
	surround: Rgba;
	/** The control's outer edge: its border if it has one, else its fill, over the surround. */
	edge: Rgba;
}

/**
 * The focused control's ring colours from computed styles (alpha composited): 'none' when focus
 * is not on a control, 'again' when Tab has come back round to a control already measured.
 */
function focusedRing(page: Page): Promise<RingColours | 'none' | 'again'> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || !el.matches('button, input')) return 'none';
		if (el.dataset.ringMeasured) return 'again';
		el.dataset.ringMeasured = '1';
		const parse = (css: string) => {
			const m = css.match(/rgba?\(([^)]+)\)/);
			if (!m) return { r: 0, g: 0, b: 0, a: 0 };
			const [r, g, b, a = '1'] = m[1].split(/[ ,/]+/).filter(Boolean);
			return { r: Number(r), g: Number(g), b: Number(b), a: Number(a) };
		};
		const over = (top: Rgba, bottom: Rgba): Rgba => ({
			r: top.r * top.a + bottom.r * (1 - top.a),
			g: top.g * top.a + bottom.g * (1 - top.a),
			b: top.b * top.a + bottom.b * (1 - top.a),
			a: 1
		});
		type Rgba = { r: number; g: number; b: number; a: number };
		const backdrop = (from: Element | null): Rgba => {
			const layers: Rgba[] = [];
			for (let el = from; el; el = el.parentElement) {
				layers.push(parse(getComputedStyle(el).backgroundColor));
			}
			return layers.reduceRight((below, layer) => over(layer, below), {
				r: 255,
				g: 255,
				b: 255,
				a: 1
			});
		};
		const style = getComputedStyle(el);
		const surround = backdrop(el.parentElement);
		const fill = over(parse(style.backgroundColor), surround);
		const border = parse(style.borderTopColor);
		const edge = parseFloat(style.borderTopWidth) > 0 && border.a > 0 ? over(border, fill) : fill;
		if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
			throw new Error(`no focus ring on ${el.outerHTML.slice(0, 80)}`);
		}
		return {
			name: (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim(),
			ring: over(parse(style.outlineColor), surround),
			gap: over(parse(style.boxShadow), surround),
			surround,
			edge
		};
	});
}

/** Tabs once round every control on screen and returns each one's ring ratios. */
async function ringRatios(page: Page, scope: Locator) {
	const count = await scope.locator('button:visible, input:visible').count();
	await page.evaluate(() => {
		for (const el of document.querySelectorAll('[data-ring-measured]')) {
			el.removeAttribute('data-ring-measured');
		}
	});
	const ratios: { name: string; ringOnPage: number; gapOnControl: number; ringOnGap: number }[] =
		[];
	for (let presses = 0; presses < count + 5; presses++) {
		await page.keyboard.press('Tab');
		const c = await focusedRing(page);
		if (c === 'again') break;
		if (c === 'none') continue;
		ratios.push({
			name: c.name,
			ringOnPage: contrast(c.ring, c.surround),
			gapOnControl: contrast(c.gap, c.edge),
			ringOnGap: contrast(c.ring, c.gap)
		});
	}
	expect(ratios.length, 'every control on screen was reached with Tab').toBe(count);
	return ratios;
}

test('the focus ring contrasts at least 3:1 with the page and with every control', async ({
	browser,
	request
}) => {
	const kiosk = await pairedKiosk(browser, request);
	await kiosk.clock.install();
	await openKiosk(kiosk);
	const all = await ringRatios(kiosk, kiosk.locator('body'));
	// For a person to look at: the ring on a content button and on a header button.
	await mkdir(SCREENS_DIR, { recursive: true });
	await tabTo(kiosk, kiosk.getByRole('button', { name: /Scan my code/ }));
	await shot(kiosk, 'focus-ring');
	await tabTo(kiosk, kiosk.getByRole('button', { name: 'Larger text' }));
	await shot(kiosk, 'focus-ring-header');
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expectNewScreen(kiosk, 'Look me up');
	all.push(...(await ringRatios(kiosk, kiosk.locator('body'))));
	const dialog = await idleWarning(kiosk);
	all.push(...(await ringRatios(kiosk, dialog)));

	for (const r of all) {
		expect.soft(r.ringOnPage, `${r.name}: ring on the page`).toBeGreaterThanOrEqual(3);
		expect.soft(r.gapOnControl, `${r.name}: ring on the control`).toBeGreaterThanOrEqual(3);
		expect.soft(r.ringOnGap, `${r.name}: the ring's two tones`).toBeGreaterThanOrEqual(3);
	}
	expect(all.length).toBeGreaterThanOrEqual(8);
	const min = (key: 'ringOnPage' | 'gapOnControl') => Math.min(...all.map((r) => r[key]));
	test.info().annotations.push({
		type: 'contrast',
		description: `ring on page ≥ ${min('ringOnPage').toFixed(2)}:1, gap on control ≥ ${min('gapOnControl').toFixed(2)}:1`
	});
});

/** Heights of every visible button on the page. */
async function buttonHeights(page: Page, screen: string) {
	const boxes = await page.locator('button:visible').evaluateAll((buttons) =>
		buttons.map((b) => ({
			name: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(),
			height: b.getBoundingClientRect().height
		}))
	);
	expect(boxes.length, `${screen} shows buttons`).toBeGreaterThan(0);
	return boxes.map((b) => ({ ...b, screen }));
}

test('every kiosk button is at least 64 px tall at 1024×768', async ({ browser, request }) => {
	const kiosk = await pairedKiosk(browser, request);
	const [appointment] = await freshAppointments(request, 1);
	await kiosk.clock.install();
	await openKiosk(kiosk);
	const heights = await buttonHeights(kiosk, 'welcome');
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	heights.push(...(await buttonHeights(kiosk, 'lookup')));
	const dialog = await idleWarning(kiosk);
	heights.push(...(await buttonHeights(kiosk, 'idle dialog')));
	await dialog.getByRole('button', { name: 'Yes, I’m here' }).click();
	await kiosk.getByLabel('Last name').fill(lastNameOf(appointment.patientName));
	await fillDob(kiosk, appointment.patientDob);
	await expect(kiosk.getByRole('heading', { name: /^Hi / })).toBeVisible();
	heights.push(...(await buttonHeights(kiosk, 'summary')));
	await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(kiosk.getByRole('heading', { name: 'You’re checked in' })).toBeVisible();
	heights.push(...(await buttonHeights(kiosk, 'ticket')));
	await kiosk.getByRole('button', { name: 'Done' }).click();
	await kiosk.getByRole('button', { name: 'I need help' }).click();
	await expect(kiosk.getByRole('heading', { name: 'Help is on the way' })).toBeVisible();
	heights.push(...(await buttonHeights(kiosk, 'help')));

	const short = heights.filter((b) => b.height < 64);
	expect(short).toEqual([]);
	test.info().annotations.push({
		type: 'smallest button',
		description: `${Math.min(...heights.map((b) => b.height))} px over ${heights.length} buttons`
	});
});

/** Sideways scrolling of the page, or a dialog wider than the screen. */
async function overflow(page: Page) {
	return page.evaluate(() => ({
		scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
		innerWidth: window.innerWidth,
		dialogRight: Math.max(
			0,
			...Array.from(document.querySelectorAll('dialog[open] *')).map(
				(el) => el.getBoundingClientRect().right
			)
		)
	}));
}

for (const viewport of [LANDSCAPE, PORTRAIT]) {
	test(`at 200 % text nothing scrolls sideways: welcome, lookup, idle dialog (${viewport.width}×${viewport.height})`, async ({
		browser,
		request
	}) => {
		const kiosk = await pairedKiosk(browser, request, viewport);
		await kiosk.clock.install();
		await openKiosk(kiosk);
		// The patient's own text size set to 200 % (what a tablet's text-size setting does).
		await kiosk.evaluate(() => (document.documentElement.style.fontSize = '200%'));
		const sizes: Record<string, Awaited<ReturnType<typeof overflow>>> = {};
		await mkdir(SCREENS_DIR, { recursive: true });
		sizes.welcome = await overflow(kiosk);
		await kiosk.getByRole('button', { name: 'Cambiar a español' }).click();
		await expect(kiosk.getByRole('heading', { name: 'Bienvenido' })).toBeVisible();
		sizes.welcomeSpanish = await overflow(kiosk);
		await shot(kiosk, 'text-200-welcome-es');
		await kiosk.getByRole('button', { name: 'Switch to English' }).click();
		await kiosk.getByRole('button', { name: /Look me up/ }).click();
		await expect(kiosk.getByLabel('Last name')).toBeVisible();
		sizes.lookup = await overflow(kiosk);
		await shot(kiosk, 'text-200-lookup');
		await idleWarning(kiosk);
		sizes.idleDialog = await overflow(kiosk);
		await shot(kiosk, 'text-200-idle-dialog');
		for (const [screen, size] of Object.entries(sizes)) {
			expect.soft(size.scrollWidth, screen).toBeLessThanOrEqual(size.innerWidth);
			expect.soft(size.dialogRight, screen).toBeLessThanOrEqual(size.innerWidth);
		}
		test.info().annotations.push({
			type: 'scroll width at 200 %',
			description: Object.entries(sizes)
				.map(([screen, s]) => `${screen} ${s.scrollWidth}/${s.innerWidth}`)
				.join(', ')
		});
	});
}

test('the Larger text toggle grows every screen and is off again for the next patient', async ({
	browser,
	request
}) => {
	const kiosk = await pairedKiosk(browser, request, PORTRAIT);
	await openKiosk(kiosk);
	const rootSize = () =>
		kiosk.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
	const normal = await rootSize();
	const toggle = kiosk.getByRole('button', { name: 'Larger text' });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	expect(await rootSize()).toBe(normal * 1.5);
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	expect(await rootSize()).toBe(normal * 1.5);
	const { scrollWidth, innerWidth } = await overflow(kiosk);
	expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

	// Spanish label too.
	await kiosk.getByRole('button', { name: 'Cambiar a español' }).click();
	await expect(kiosk.getByRole('button', { name: 'Letra más grande' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await kiosk.getByRole('button', { name: 'Atrás' }).click();
	// Back to Welcome: the next patient gets the normal size and English.
	await expectNewScreen(kiosk, 'Welcome');
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	expect(await rootSize()).toBe(normal);
});

/** Saves the screen for a person to look at, and checks it with axe on the way. */
async function shot(page: Page, name: string) {
	const size = page.viewportSize();
	const orientation = size && size.width > size.height ? 'landscape' : 'portrait';
	await page.screenshot({ path: `${SCREENS_DIR}/${orientation}-${name}.png` });
	expect.soft(await violations(page), `axe on ${name}`).toEqual([]);
}

for (const viewport of [LANDSCAPE, PORTRAIT]) {
	test(`screenshots of every kiosk screen at ${viewport.width}×${viewport.height}`, async ({
		cameraBrowser,
		browser,
		request
	}) => {
		await mkdir(SCREENS_DIR, { recursive: true });
		await signInStaff(request);
		const [scanned, lookedUp] = await freshAppointments(request, 2);
		const url = await checkInUrl(request, scanned.id);
		const tablet = await cameraBrowser(url, SCAN_VIEW);
		const context = await tablet.newContext({ viewport });
		const kiosk = await context.newPage();
		await pairKiosk(kiosk);
		await shot(kiosk, 'welcome');
		await kiosk.getByRole('button', { name: 'Cambiar a español' }).click();
		await expect(kiosk.getByRole('heading', { name: 'Bienvenido' })).toBeVisible();
		await shot(kiosk, 'welcome-es');
		await kiosk.getByRole('button', { name: 'Switch to English' }).click();

		await kiosk.getByRole('button', { name: /Look me up/ }).click();
		await expect(kiosk.getByLabel('Last name')).toBeVisible();
		await shot(kiosk, 'lookup');
		await kiosk.getByRole('button', { name: 'Find my appointment' }).click();
		await expect(kiosk.getByRole('alert')).toHaveText('Please enter your last name.');
		await shot(kiosk, 'lookup-error');
		await kiosk.getByRole('button', { name: 'Larger text' }).click();
		await shot(kiosk, 'lookup-larger-text');
		await kiosk.getByRole('button', { name: 'Back' }).click();

		await kiosk.getByRole('button', { name: /Scan my code/ }).click();
		await expect(kiosk.getByRole('heading', { name: 'Scan your code' })).toBeVisible();
		await shot(kiosk, 'scan');
		await expectIdentityScreen(kiosk);
		await shot(kiosk, 'dob');
		await fillDob(kiosk, scanned.patientDob);
		await expect(kiosk.getByRole('heading', { name: /^Hi / })).toBeVisible();
		await shot(kiosk, 'summary');
		await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
		await expect(kiosk.getByRole('heading', { name: 'You’re checked in' })).toBeVisible();
		await shot(kiosk, 'ticket');
		await kiosk.getByRole('button', { name: 'Done' }).click();

		await kiosk.getByRole('button', { name: 'I need help' }).click();
		await expect(kiosk.getByRole('heading', { name: 'Help is on the way' })).toBeVisible();
		await shot(kiosk, 'help');
		await kiosk.getByRole('button', { name: 'Done' }).click();
		await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();

		// The idle dialog on a page with a controllable clock (the camera page keeps real time).
		const idle = await pairedKiosk(browser, request, viewport);
		await idle.clock.install();
		await openKiosk(idle);
		await idle.getByRole('button', { name: /Look me up/ }).click();
		await idle.getByLabel('Last name').fill(lastNameOf(lookedUp.patientName));
		await idleWarning(idle);
		await shot(idle, 'idle-dialog');
	});
}
