// One enrolled kiosk in a browser context, ready to work offline: the page the QR, reload and
// outbox benchmarks share, as a tablet on its stand would be after a day's first start.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { waitUntilOfflineReady } from '../../tests/e2e/support/kiosk-storage';
import type { Staff } from './api';

export interface Kiosk {
	context: BrowserContext;
	page: Page;
	/** Roster entries cached in IndexedDB. */
	rosterEntries: number;
}

declare global {
	interface Window {
		/** performance.now() when this document first showed "Welcome" with "Scan my code" enabled. */
		__benchInteractiveAt?: number;
	}
}

/**
 * Runs in every document of the context before the app's scripts: notes when the welcome
 * screen becomes usable (heading shown, scan button enabled), in the document's own clock,
 * whose zero is the start of the navigation that loaded it.
 */
function markInteractive() {
	const ready = () => {
		if (window.__benchInteractiveAt !== undefined) return;
		const heading = Array.from(document.querySelectorAll('h1')).some(
			(h) => h.textContent?.trim() === 'Welcome'
		);
		const button = Array.from(document.querySelectorAll('button')).some(
			(b) => !b.disabled && b.textContent?.includes('Scan my code')
		);
		if (heading && button) {
			window.__benchInteractiveAt = performance.now();
			observer.disconnect();
		}
	};
	const observer = new MutationObserver(ready);
	observer.observe(document, { childList: true, subtree: true, attributes: true });
}

export async function openKiosk(browser: Browser, staff: Staff, name: string): Promise<Kiosk> {
	const context = await browser.newContext({ baseURL: staff.baseUrl });
	await context.addInitScript(markInteractive);
	await staff.enrollContext(context, name);
	const page = await context.newPage();
	await page.goto('/kiosk');
	await page.getByRole('heading', { name: 'Welcome' }).waitFor();
	const rosterEntries = await waitUntilOfflineReady(page);
	// The first load registered the service worker; it claims the page once active. A reload
	// offline only works if it controls the page, so make sure before anyone goes offline.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	return { context, page, rosterEntries };
}
