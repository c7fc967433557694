// Kiosk reload with no network → usable welcome screen (no DESIGN §9 target; DESIGN §5 asks
// that "a kiosk reloads and works with no network").
//
// The kiosk has been online once (service worker active and controlling the page, roster
// cached), then the context goes offline and the page is reloaded RELOADS times. The figure is
// the reloaded document's own clock when "Welcome" is on screen with "Scan my code" enabled: its
// zero is the start of the navigation, so it covers the service worker answering the shell and
// the scripts from its cache, the app starting, the failed bootstrap fetch and the fallback to
// the cached settings. The wall time seen by the bench (page.reload() call → mark seen) is given
// too; it adds the browser's messaging to the bench process.
import { performance } from 'node:perf_hooks';
import type { Kiosk } from './support/kiosk';
import { ms, type ReportRow } from './support/report';
import { size } from './support/smoke';
import { rounded, summarize, type Summary } from './support/stats';

export const RELOADS = size(10, 2);

export interface OfflineReloadResult {
	reloads: number;
	/** Navigation start → welcome screen usable, page clock. */
	navigationToInteractiveMs: Summary;
	/** page.reload() called → mark seen by the bench. */
	wallMs: Summary;
}

/** Leaves the kiosk offline: the outbox benchmark starts from there. */
export async function offlineReload(kiosk: Kiosk): Promise<OfflineReloadResult> {
	const { context, page } = kiosk;
	await context.setOffline(true);
	const inPage: number[] = [];
	const wall: number[] = [];
	for (let i = 0; i < RELOADS; i++) {
		const start = performance.now();
		await page.reload({ waitUntil: 'commit' });
		const handle = await page.waitForFunction(() => window.__benchInteractiveAt, undefined, {
			polling: 10,
			timeout: 30_000
		});
		wall.push(performance.now() - start);
		inPage.push(Number(await handle.jsonValue()));
	}
	return {
		reloads: RELOADS,
		navigationToInteractiveMs: rounded(summarize(inPage)),
		wallMs: rounded(summarize(wall))
	};
}

export function offlineReloadRows(r: OfflineReloadResult): ReportRow[] {
	return [
		{
			what: `offline reload → welcome usable, ${r.reloads} reloads, p50 / p95`,
			target: '(none)',
			measured: `${ms(r.navigationToInteractiveMs.p50)} / ${ms(r.navigationToInteractiveMs.p95)}`,
			met: null
		}
	];
}
