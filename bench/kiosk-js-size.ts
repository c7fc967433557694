// DESIGN §9: "kiosk route JS before the scanner loads: ≤ 80 KB gzip".
//
// An enrolled kiosk opens /kiosk with its service worker blocked (so every script comes over the
// network where we can see it, and nothing is fetched for the precache). Every JavaScript
// response until the welcome screen is up and the network has been quiet for 500 ms is the
// route's initial JS: SvelteKit's entry, the route's node and every chunk they import or
// modulepreload. Each body is gzipped here (level 9) and the sizes summed: the bytes a tablet
// downloads with gzip, whatever compression the server used. Then "Scan my code" is tapped and
// the scripts that arrive only then (the QR scanner library) are reported beside it.
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Response } from '@playwright/test';
import type { Staff } from './support/api';
import type { ReportRow } from './support/report';
import { sleep } from './support/stats';

const KB = 1024;

export interface ScriptSize {
	path: string;
	bytes: number;
	gzipBytes: number;
}

export interface KioskJsSizeResult {
	initial: ScriptSize[];
	initialGzipKB: number;
	initialRawKB: number;
	/** Scripts loaded by tapping "Scan my code" (the scanner, loaded on demand). */
	onScan: ScriptSize[];
	onScanGzipKB: number;
}

/** Every JavaScript response of the page, sized, in the list that is current when it was requested. */
function collectScripts(page: Page): { current: Promise<ScriptSize | null>[] } {
	const sink = { current: [] as Promise<ScriptSize | null>[] };
	page.on('response', (response: Response) => {
		const path = new URL(response.url()).pathname;
		const type = response.headers()['content-type'] ?? '';
		if (!path.endsWith('.js') && !type.includes('javascript')) return;
		sink.current.push(
			response.body().then(
				(body) => ({ path, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length }),
				() => null
			)
		);
	});
	return sink;
}

async function settle(scripts: Promise<ScriptSize | null>[]): Promise<ScriptSize[]> {
	// Quiet for 500 ms: nothing new was requested in that time.
	let seen = -1;
	while (seen !== scripts.length) {
		seen = scripts.length;
		await sleep(500);
	}
	return (await Promise.all(scripts)).filter((s): s is ScriptSize => s !== null);
}

const kb = (list: ScriptSize[], key: 'bytes' | 'gzipBytes') =>
	Math.round((list.reduce((sum, s) => sum + s[key], 0) / KB) * 10) / 10;

export async function kioskJsSize(browser: Browser, staff: Staff): Promise<KioskJsSizeResult> {
	const context = await browser.newContext({ baseURL: staff.baseUrl, serviceWorkers: 'block' });
	try {
		await staff.enrollContext(context, 'bench js-size kiosk');
		const page = await context.newPage();
		const scripts = collectScripts(page);
		await page.goto('/kiosk');
		await page.getByRole('heading', { name: 'Welcome' }).waitFor();
		const initialScripts = await settle(scripts.current);

		scripts.current = [];
		await page.getByRole('button', { name: /Scan my code/ }).click();
		await page.getByRole('heading', { name: 'Scan your code' }).waitFor();
		// The scanner library has loaded once the camera runs.
		await page.getByText('Starting the camera…').waitFor({ state: 'hidden' });
		const scanScripts = await settle(scripts.current);
		return {
			initial: initialScripts,
			initialGzipKB: kb(initialScripts, 'gzipBytes'),
			initialRawKB: kb(initialScripts, 'bytes'),
			onScan: scanScripts,
			onScanGzipKB: kb(scanScripts, 'gzipBytes')
		};
	} finally {
		await context.close();
	}
}

export function kioskJsSizeRows(r: KioskJsSizeResult): ReportRow[] {
	return [
		{
			what: `kiosk JS before the scanner (${r.initial.length} files, gzip -9)`,
			target: '≤ 80 KB gzip',
			measured: `${r.initialGzipKB} KB (${r.initialRawKB} KB raw)`,
			// Exact bytes, not the rounded figure: 80 KB is 81,920 bytes.
			met: r.initial.reduce((sum, s) => sum + s.gzipBytes, 0) <= 80 * KB
		},
		{
			what: `  loaded on "Scan my code" (${r.onScan.length} files)`,
			target: '',
			measured: `${r.onScanGzipKB} KB gzip`,
			met: null
		}
	];
}
