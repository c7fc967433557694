// Issue 10, "Stays healthy": a new release (its service worker) is applied only on an idle
// Welcome: at once when the kiosk is sitting there, after the visit when a patient is mid-way.
//
// The deploy is played by a small proxy in front of the test server (Playwright's routing does
// not see the browser's fetch of a service worker script): after `deploy()`, it serves
// /service-worker.js with one more line, which the browser takes as a new version. The kiosk
// looks for a new version every half hour (src/lib/kiosk/nightly-reload.ts); the test asks the
// browser for that same check now instead of waiting half an hour.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from '@playwright/test';
import { pairKiosk } from './support/front-door';

declare global {
	interface Window {
		/** Set by the test in a document; gone once the kiosk has reloaded. */
		__beforeRelease?: true;
	}
}

/** The test server behind another port, whose service worker script changes on `deploy()`. */
async function releaseProxy(target: URL, port: number) {
	let deployed = false;
	const server: Server = createServer((incoming, answer) => {
		const worker = deployed && (incoming.url ?? '').startsWith('/service-worker.js');
		const headers: IncomingHttpHeaders = { ...incoming.headers, host: target.host };
		// The app checks that a form post comes from its own origin.
		if (headers.origin) headers.origin = target.origin;
		if (worker) {
			for (const name of ['accept-encoding', 'if-none-match', 'if-modified-since']) {
				delete headers[name];
			}
		}
		const upstream = request(
			{
				host: target.hostname,
				port: target.port,
				method: incoming.method,
				path: incoming.url,
				headers
			},
			(response) => {
				if (!worker) {
					answer.writeHead(response.statusCode ?? 502, response.headers);
					response.pipe(answer);
					return;
				}
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const body = Buffer.concat([...chunks, Buffer.from('\n// the next release\n')]);
					const { etag: _etag, 'content-length': _length, ...rest } = response.headers;
					answer.writeHead(response.statusCode ?? 502, { ...rest, 'content-length': body.length });
					answer.end(body);
				});
			}
		);
		upstream.on('error', () => answer.destroy());
		incoming.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		deploy: () => (deployed = true),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/** The browser's update check for the kiosk's worker, as the kiosk's own timer makes it. */
async function checkForUpdate(kiosk: Page): Promise<void> {
	await kiosk
		.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
		})
		// The new version may take over, and the page reload, before the answer comes back.
		.catch((error: unknown) => {
			if (!String(error).includes('Execution context was destroyed')) throw error;
		});
}

let proxy: Awaited<ReturnType<typeof releaseProxy>>;
test.beforeEach(async ({ baseURL }) => {
	proxy = await releaseProxy(new URL(baseURL ?? ''), Number(process.env.HEAL_PORT ?? 4231));
});
test.afterEach(async () => {
	await proxy.close();
});

/** A kiosk paired through the proxy, running under its service worker, on Welcome. */
async function kioskBehindProxy(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ baseURL: proxy.url });
	const page = await context.newPage();
	await pairedUnderServiceWorker(page);
	return page;
}

async function pairedUnderServiceWorker(page: Page): Promise<void> {
	await pairKiosk(page);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.evaluate(() => (window.__beforeRelease = true));
}

/** The document the test marked is gone; a reload under way reads as not yet. */
const reloaded = (kiosk: Page) =>
	kiosk.evaluate(() => window.__beforeRelease === undefined).catch(() => false);

test('a release that arrives while the kiosk sits on Welcome takes over at once', async ({
	browser
}) => {
	const kiosk = await kioskBehindProxy(browser);
	proxy.deploy();
	await checkForUpdate(kiosk);
	await expect.poll(() => reloaded(kiosk), { timeout: 20_000 }).toBe(true);
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
	// The new version is the one in charge; nothing waits any more.
	expect(
		await kiosk.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return { waiting: Boolean(registration?.waiting), active: registration?.active?.state };
		})
	).toEqual({ waiting: false, active: 'activated' });
});

test('a release that arrives mid-visit waits for the patient to finish', async ({ browser }) => {
	const kiosk = await kioskBehindProxy(browser);
	await kiosk.getByRole('button', { name: /Look me up/ }).click();
	await expect(kiosk.getByRole('heading', { name: 'Look me up' })).toBeVisible();
	await kiosk.getByLabel('Last name').fill('Rivera');

	proxy.deploy();
	await checkForUpdate(kiosk);
	await kiosk.waitForFunction(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		return Boolean(registration?.waiting);
	});
	// Installed and waiting; the patient's screen and what they typed are untouched.
	expect(await reloaded(kiosk)).toBe(false);
	await expect(kiosk.getByLabel('Last name')).toHaveValue('Rivera');

	await kiosk.getByRole('button', { name: 'Back', exact: true }).click();
	await expect.poll(() => reloaded(kiosk), { timeout: 20_000 }).toBe(true);
	await expect(kiosk.getByRole('heading', { name: 'Welcome' })).toBeVisible();
});
