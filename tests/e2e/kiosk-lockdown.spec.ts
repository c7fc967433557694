// Issue 10, "installable" and "stays put": the kiosk as an app a tablet installs, and a page a
// patient cannot zoom, select, long-press, link or go back out of. Through the kiosk's screens,
// paired from its own pairing screen.
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath } from './support/browser';
import { freshAppointments, lastNameOf, signInStaff } from './support/api';
import { pairKiosk } from './support/front-door';
import { lookUp } from './support/kiosk-page';

const TABLET = { width: 1280, height: 800 };

interface Manifest {
	id: string;
	name: string;
	short_name: string;
	start_url: string;
	scope: string;
	display: string;
	theme_color: string;
	background_color: string;
	icons: { src: string; sizes: string; type: string; purpose: string }[];
}

declare global {
	interface Window {
		/** Set by an init script: each context menu the page saw, and whether it was refused. */
		menus: { tag: string; refused: boolean }[];
		/** Set by the link test: each link tapped, and whether the kiosk refused to follow it. */
		followed: { text: string; refused: boolean }[];
		/** Set by an init script: how many times the kiosk asked for fullscreen. */
		fullscreenRequests: number;
	}
}

/** A tablet paired from its own screen, on Welcome, with the lock-down module running. */
async function pairedKiosk(
	browser: Browser,
	options: { hasTouch?: boolean; init?: () => void } = {}
): Promise<Page> {
	const context = await browser.newContext({ viewport: TABLET, hasTouch: options.hasTouch });
	if (options.init) await context.addInitScript(options.init);
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);
	// The lock-down module loads once the kiosk is ready; it marks the page when it is on.
	await expect(kiosk.locator('html')).toHaveAttribute('data-lock-down', 'on');
	return kiosk;
}

/** Every link on the screen shown now, as absolute addresses. */
async function linksOn(kiosk: Page): Promise<string[]> {
	return kiosk
		.locator('a[href], area[href]')
		.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
}

function isInsideKiosk(href: string, origin: string): boolean {
	const url = new URL(href);
	return url.origin === origin && (url.pathname === '/kiosk' || url.pathname.startsWith('/kiosk/'));
}

async function manifestOf(request: APIRequestContext, href: string): Promise<Manifest> {
	const response = await request.get(href);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
	return (await response.json()) as Manifest;
}

test('the kiosk links a manifest that installs it as a full-screen app, with real icons', async ({
	page,
	request
}) => {
	await page.goto('/kiosk');
	await expect(page.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
	const link = page.locator('link[rel="manifest"]');
	await expect(link).toHaveAttribute('href', '/kiosk/manifest.webmanifest');

	// Fetched the way a browser fetches a manifest: with no cookie, no device token.
	const manifest = await manifestOf(request, '/kiosk/manifest.webmanifest');
	expect(manifest).toMatchObject({
		id: '/kiosk',
		start_url: '/kiosk',
		scope: '/kiosk',
		display: 'fullscreen'
	});
	// The test server runs three sites (tests/fixtures/kiosk-config): an unpaired tablet could be
	// any clinic's, so it names none.
	expect(manifest.name).toBe('Front Desk Check-in');
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	const base = new URL(page.url());
	expect(new URL(manifest.start_url, base).pathname).toMatch(
		new RegExp(`^${new URL(manifest.scope, base).pathname}`)
	);
	const kinds = manifest.icons.map((icon) => `${icon.purpose} ${icon.sizes}`).sort();
	expect(kinds).toEqual(['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']);
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.status(), icon.src).toBe(200);
		expect(response.headers()['content-type']).toBe('image/png');
		const bytes = await response.body();
		// PNG signature, then IHDR's width and height.
		expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
	}
});

test("Chromium's own installability check passes on the kiosk", async ({ baseURL }) => {
	// What Lighthouse's installable-manifest audit reported before Lighthouse 12 dropped it, asked
	// of Chromium directly. A test context is incognito, where nothing installs: a browser with a
	// profile of its own, like a tablet's.
	const profile = await mkdtemp(path.join(tmpdir(), 'kiosk-install-'));
	const browser = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumExecutablePath,
		args: [...chromiumArgs],
		baseURL,
		viewport: TABLET
	});
	try {
		const page = browser.pages()[0] ?? (await browser.newPage());
		await page.goto('/kiosk');
		await expect(page.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
		const cdp = await browser.newCDPSession(page);
		const read = (await cdp.send('Page.getAppManifest')) as {
			url: string;
			errors: { message: string }[];
		};
		expect(read.url).toMatch(/\/kiosk\/manifest\.webmanifest$/);
		expect(read.errors).toEqual([]);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
			installabilityErrors: { errorId: string }[];
		};
		expect(installabilityErrors).toEqual([]);
	} finally {
		await browser.close();
		await rm(profile, { recursive: true, force: true });
	}
});

test('a paired kiosk links the manifest of its own clinic', async ({ browser, request }) => {
	const kiosk = await pairedKiosk(browser);
	const href = await kiosk.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/kiosk/manifest.webmanifest?site=main');
	const manifest = await manifestOf(request, href ?? '');
	expect(manifest.name).toBe('Riverside Family Clinic Check-in');
	expect(manifest.id).toBe('/kiosk');
	await expect(kiosk.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#0f5e6e');
});

test('no pinch zoom, no text selection and no context menu outside fields on kiosk screens', async ({
	browser,
	request
}) => {
	await signInStaff(request);
	const [patient] = await freshAppointments(request, 1);
	const kiosk = await pairedKiosk(browser, {
		init: () => {
			// Listens last (bubbling, on window): sees whether anything before it refused the menu.
			window.menus = [];
			window.addEventListener('contextmenu', (event) => {
				const target = event.target as Element;
				window.menus.push({ tag: target.tagName, refused: event.defaultPrevented });
			});
		}
	});
	const style = (selector: string, property: 'touchAction' | 'userSelect') =>
		kiosk
			.locator(selector)
			.first()
			.evaluate((el, p) => getComputedStyle(el)[p], property);

	expect(await style('html', 'touchAction')).toBe('pan-x pan-y');
	expect(await style('body', 'userSelect')).toBe('none');
	// touch-action is not inherited, but a pinch is the browser's only where every element from
	// the touched one up to the page allows it: refused at <html>, refused everywhere. (A pinch
	// played through the DevTools protocol does not zoom headless Chromium at all, even on a page
	// without this rule, so it could not tell the difference here.)

	await kiosk.getByRole('heading', { name: 'Welcome' }).click({ button: 'right' });
	await lookUp(kiosk, lastNameOf(patient.patientName), patient.patientDob);
	await expect(kiosk.getByRole('heading', { level: 1, name: /^Hi / })).toBeVisible();
	expect(await style('h1', 'userSelect')).toBe('none');
	await kiosk.getByRole('heading', { level: 1, name: /^Hi / }).click({ button: 'right' });

	// In a field the patient may select, and long-press to paste.
	await kiosk.getByRole('button', { name: 'Change contact details' }).click();
	const phone = kiosk.getByLabel('Phone number', { exact: true });
	expect(await phone.evaluate((el) => getComputedStyle(el).userSelect)).toBe('text');
	await phone.click({ button: 'right' });

	// Safari pinches through its own gesture events, whatever touch-action says; Chromium has
	// none, so the one Safari would send is played here.
	const gestureRefused = await kiosk.evaluate(() => {
		const gesture = new Event('gesturestart', { bubbles: true, cancelable: true });
		document.body.dispatchEvent(gesture);
		return gesture.defaultPrevented;
	});
	expect(gestureRefused).toBe(true);

	expect(await kiosk.evaluate(() => window.menus)).toEqual([
		{ tag: 'H1', refused: true },
		{ tag: 'H1', refused: true },
		{ tag: 'INPUT', refused: false }
	]);
});

test('every link on every kiosk screen stays inside the kiosk, and a link out is not followed', async ({
	browser,
	request,
	baseURL
}) => {
	await signInStaff(request);
	const [patient] = await freshAppointments(request, 1);
	const origin = new URL(baseURL ?? '').origin;
	const seen = new Map<string, string[]>();
	const look = async (screen: string, kiosk: Page) => seen.set(screen, await linksOn(kiosk));

	const context = await browser.newContext({ viewport: TABLET });
	const unpaired = await context.newPage();
	await unpaired.goto('/kiosk');
	await expect(unpaired.getByRole('heading', { name: 'Set up this kiosk' })).toBeVisible();
	await look('pairing', unpaired);
	await context.close();

	const kiosk = await pairedKiosk(browser);
	await look('welcome', kiosk);
	// No camera in this browser: the scan screen with its "camera off" help.
	await kiosk.getByRole('button', { name: /Scan my code/ }).click();
	await expect(kiosk.getByRole('heading', { level: 1, name: 'Scan your code' })).toBeVisible();
	await look('scan', kiosk);
	await kiosk.getByRole('button', { name: 'Back' }).click();
	await kiosk.getByRole('button', { name: 'I need help' }).click();
	await expect(kiosk.getByRole('heading', { level: 1, name: 'Help is on the way' })).toBeVisible();
	await look('help', kiosk);
	await kiosk.getByRole('button', { name: 'Done' }).click();
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	await look('lookup', kiosk);
	await kiosk.getByRole('button', { name: 'Back' }).click();
	await lookUp(kiosk, lastNameOf(patient.patientName), patient.patientDob);
	await expect(kiosk.getByRole('heading', { level: 1, name: /^Hi / })).toBeVisible();
	await look('confirm', kiosk);
	await kiosk.getByRole('button', { name: 'Change contact details' }).click();
	await expect(
		kiosk.getByRole('heading', { level: 1, name: 'Your contact details' })
	).toBeVisible();
	await look('contact', kiosk);
	await kiosk.getByRole('button', { name: 'Cancel' }).click();
	await kiosk.getByRole('button', { name: 'Change insurance' }).click();
	await expect(kiosk.getByRole('heading', { level: 1, name: 'Your insurance' })).toBeVisible();
	await look('insurance', kiosk);
	await kiosk.getByRole('button', { name: 'Cancel' }).click();
	await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(kiosk.getByRole('heading', { name: 'You’re checked in' })).toBeVisible();
	await look('ticket', kiosk);
	await kiosk.getByRole('button', { name: 'Done' }).click();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();

	// An address under /kiosk that is no screen: its way home is the kiosk, not the site's root.
	await kiosk.goto('/kiosk/nowhere');
	await expect(kiosk.getByTestId('healing-error')).toBeVisible();
	await look('not found', kiosk);
	expect(seen.get('not found')).toEqual([`${origin}/kiosk`]);

	for (const [screen, links] of seen) {
		for (const href of links) expect(isInsideKiosk(href, origin), `${screen}: ${href}`).toBe(true);
	}
	expect([...seen.keys()]).toHaveLength(10);

	// No kiosk screen has a link out today; the guard is for one a later screen or a clinic's
	// text might bring. So this part reaches past the screens: it adds such links to Welcome.
	await kiosk.goto('/kiosk');
	await expect(kiosk.locator('html')).toHaveAttribute('data-lock-down', 'on');
	await kiosk.evaluate(() => {
		window.followed = [];
		// Listens last (bubbling, on window): sees whether the kiosk cancelled the link.
		window.addEventListener('click', (event) => {
			const link = (event.target as Element).closest('a');
			if (link)
				window.followed.push({ text: link.textContent ?? '', refused: event.defaultPrevented });
		});
		const main = document.querySelector('main') ?? document.body;
		for (const [text, href, target] of [
			['Our website', 'https://clinic.example/', ''],
			['The front desk', '/reception', ''],
			['A new tab', '/kiosk', '_blank']
		]) {
			const link = document.createElement('a');
			link.textContent = text;
			link.href = href;
			if (target) link.target = target;
			main.append(link);
		}
	});
	const names = ['Our website', 'The front desk', 'A new tab'];
	for (const name of names) {
		await kiosk.getByRole('link', { name }).click();
		await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
		expect(new URL(kiosk.url()).pathname).toBe('/kiosk');
	}
	expect(await kiosk.evaluate(() => window.followed)).toEqual(
		names.map((text) => ({ text, refused: true }))
	);
	expect(kiosk.context().pages()).toHaveLength(1);
});

test("the browser's back stays in the kiosk: the screen's own Back, or nothing", async ({
	browser,
	request
}) => {
	await signInStaff(request);
	const [patient] = await freshAppointments(request, 1);
	const kiosk = await pairedKiosk(browser);
	// Marks this document: a reload or a page left and come back to would lose it.
	await kiosk.evaluate(() => ((window as Window & { sameDocument?: boolean }).sameDocument = true));
	const stillHere = async () => {
		expect(new URL(kiosk.url()).pathname).toBe('/kiosk');
		expect(
			await kiosk.evaluate(() => (window as Window & { sameDocument?: boolean }).sameDocument)
		).toBe(true);
	};

	// On Welcome there is nowhere to go back to.
	await kiosk.goBack();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await stillHere();

	// Before the patient is known, back is the screen's Back: Welcome again.
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	await kiosk.goBack();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await stillHere();

	// In the visit: an edit screen goes back to the confirmation, without its changes.
	await lookUp(kiosk, lastNameOf(patient.patientName), patient.patientDob);
	const greeting = kiosk.getByRole('heading', { level: 1, name: /^Hi / });
	await expect(greeting).toBeVisible();
	await kiosk.getByRole('button', { name: 'Change contact details' }).click();
	await expect(
		kiosk.getByRole('heading', { level: 1, name: 'Your contact details' })
	).toBeVisible();
	await kiosk.getByLabel('Phone number', { exact: true }).fill('(415) 555-0111');
	await kiosk.goBack();
	await expect(greeting).toBeVisible();
	await expect(kiosk.getByTestId('confirm-contact')).not.toContainText('555-0111');
	await stillHere();

	// The confirmation has no Back: a stray swipe keeps the patient where they are.
	await kiosk.goBack();
	await expect(greeting).toBeVisible();
	await stillHere();
	await kiosk.goBack();
	await expect(greeting).toBeVisible();
	await kiosk.getByRole('button', { name: 'Everything is correct — check me in' }).click();
	await expect(kiosk.getByRole('heading', { name: 'You’re checked in' })).toBeVisible();
	await kiosk.goBack();
	await expect(kiosk.getByRole('heading', { name: 'You’re checked in' })).toBeVisible();
	await stillHere();

	// After a reload (the nightly one, say), the first tap puts the entry back.
	await kiosk.reload();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await expect(kiosk.locator('html')).toHaveAttribute('data-lock-down', 'on');
	await kiosk.evaluate(() => ((window as Window & { sameDocument?: boolean }).sameDocument = true));
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	await kiosk.goBack();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await stillHere();
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	await kiosk.goBack();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await stillHere();
});

test('the kiosk goes fullscreen at the first tap, and again at a later tap after leaving it', async ({
	browser
}) => {
	// Headless Chromium grants the Fullscreen API, so the real document.fullscreenElement is read;
	// the init script only counts the kiosk's requests.
	const kiosk = await pairedKiosk(browser, {
		hasTouch: true,
		init: () => {
			window.fullscreenRequests = 0;
			const request = Element.prototype.requestFullscreen;
			Element.prototype.requestFullscreen = function (options) {
				window.fullscreenRequests += 1;
				return request.call(this, options);
			};
		}
	});
	const fullscreen = () => kiosk.evaluate(() => document.fullscreenElement?.tagName ?? null);
	// Pairing was typed and tapped before the lock-down module ran: no request yet.
	expect(await fullscreen()).toBeNull();
	expect(await kiosk.evaluate(() => window.fullscreenRequests)).toBe(0);

	await kiosk.getByRole('heading', { name: 'Welcome' }).tap();
	await expect.poll(fullscreen).toBe('HTML');
	expect(await kiosk.evaluate(() => window.fullscreenRequests)).toBe(1);

	// Taps while fullscreen ask for nothing more.
	await kiosk.getByRole('button', { name: /Look me up/ }).tap();
	await expect(kiosk.getByLabel('Last name')).toBeVisible();
	expect(await kiosk.evaluate(() => window.fullscreenRequests)).toBe(1);

	// Left (a swipe from the edge, Esc): the next tap goes back to fullscreen.
	await kiosk.evaluate(() => document.exitFullscreen());
	await expect.poll(fullscreen).toBeNull();
	await kiosk.getByLabel('Last name').tap();
	await expect.poll(fullscreen).toBe('HTML');
	expect(await kiosk.evaluate(() => window.fullscreenRequests)).toBe(2);
});

test('offline, the kiosk starts from its service worker with its icons and its manifest', async ({
	browser
}) => {
	const kiosk = await pairedKiosk(browser);
	await kiosk.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect
		.poll(() => kiosk.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	const manifest = (await kiosk.locator('link[rel="manifest"]').getAttribute('href')) ?? '';
	const icons = [
		'/icons/kiosk-192.png',
		'/icons/kiosk-512.png',
		'/icons/kiosk-maskable-192.png',
		'/icons/kiosk-maskable-512.png'
	];
	// Fetched as a browser fetches a manifest (no cookies), through the page's service worker.
	const fetchAll = (urls: string[]) =>
		kiosk.evaluate(
			(list) =>
				Promise.all(
					list.map(async (url) => {
						const response = await fetch(url, { credentials: 'omit' });
						return `${url} ${response.status} ${response.headers.get('content-type')}`;
					})
				),
			urls
		);
	// Online once: the service worker keeps the manifest it saw; the icons are precached.
	expect(await fetchAll([manifest])).toEqual([
		`${manifest} 200 application/manifest+json; charset=utf-8`
	]);

	await kiosk.context().setOffline(true);
	await kiosk.reload();
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	await expect(kiosk.locator('html')).toHaveAttribute('data-lock-down', 'on');
	expect(await fetchAll([manifest, ...icons])).toEqual([
		`${manifest} 200 application/manifest+json; charset=utf-8`,
		...icons.map((icon) => `${icon} 200 image/png`)
	]);
});
