// Lighthouse 12.2.3 (the last that runs on Node 20) on each surface as its device sees it: the
// enrolled kiosk on Welcome, the paired waiting-room display, reception signed in. Mobile form
// factor with Lighthouse's default simulated throttling (4× CPU slowdown, slow 4G), the
// project's Chromium flags (tests/e2e/support/browser.ts), headless. Targets (issue 6):
// Performance ≥ 95, Accessibility 100, Best Practices 100.
//
// Lighthouse resets the origin's storage before it loads the page, so a device cookie set in
// the browser would be gone. Each surface's credential is sent instead as a Cookie header on
// every request (`extraHeaders`): this reaches past the UI on purpose — pairing and signing in
// through the screens is what the end-to-end tests do; here only the loaded page is measured.
//
// Each surface runs RUNS times; the figures are the medians (Lighthouse's own advice for
// variance). Each run must show the surface's own request answered 200 (`proof`), so a run that
// measured the sign-in page or the pairing screen breaks the row instead of scoring it. The LCP
// element is recorded when Lighthouse can tell (its TraceElements gatherer fails on Chromium
// 156, so today it is null).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs, chromiumExecutablePath } from '../tests/e2e/support/browser';
import type { Staff } from './support/api';
import { ms, type ReportRow } from './support/report';
import { size } from './support/smoke';

export const RUNS = size(3, 1);

export interface Surface {
	name: string;
	path: string;
	cookie: string;
	/**
	 * A request the page makes only in the state being measured, which must answer 200: proof
	 * that Lighthouse measured the enrolled kiosk, the paired display, the signed-in desk.
	 */
	proof: RegExp;
}

export interface LighthouseRun {
	performance: number;
	accessibility: number;
	bestPractices: number;
	fcpMs: number;
	lcpMs: number;
	tbtMs: number;
	cls: number;
	lcpElement: string | null;
	/** Audits below a full score in Accessibility or Best Practices, by id. */
	failing: string[];
}

export interface SurfaceResult {
	name: string;
	path: string;
	runs: LighthouseRun[];
	median: Omit<LighthouseRun, 'lcpElement' | 'failing'>;
}

export type LighthouseResult = SurfaceResult[];

/** The three surfaces, each with the credential its device or person would carry. */
export async function lighthouseSurfaces(staff: Staff): Promise<Surface[]> {
	const kiosk = await staff.enrollToken('kiosk', 'bench lighthouse kiosk');
	const display = await staff.enrollToken('display', 'bench lighthouse display');
	return [
		{
			name: 'kiosk (enrolled, Welcome)',
			path: '/kiosk',
			cookie: `fd_kiosk=${kiosk}`,
			proof: /\/api\/kiosk\/bootstrap$/
		},
		{
			name: 'display (paired)',
			path: '/display',
			cookie: `fd_display=${display}`,
			proof: /\/api\/events\?audience=display/
		},
		{
			name: 'reception (signed in)',
			path: '/reception',
			cookie: staff.sessionCookie,
			proof: /\/api\/events\?audience=reception/
		}
	];
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

/** The first DOM node snippet in an audit's details (tables nest inside a list). */
function firstSnippet(details: unknown): string | null {
	if (!details || typeof details !== 'object') return null;
	const record = details as { type?: string; snippet?: string };
	if (record.type === 'node' && typeof record.snippet === 'string') return record.snippet;
	for (const value of Object.values(details)) {
		const found = firstSnippet(value);
		if (found) return found;
	}
	return null;
}

async function runOnce(port: number, url: string, surface: Surface): Promise<LighthouseRun> {
	const { cookie } = surface;
	const result = await lighthouse(
		url,
		{ port, output: 'json', logLevel: 'error' },
		{
			extends: 'lighthouse:default',
			settings: {
				onlyCategories: ['performance', 'accessibility', 'best-practices'],
				formFactor: 'mobile',
				throttlingMethod: 'simulate',
				extraHeaders: { Cookie: cookie }
			}
		}
	);
	if (!result) throw new Error(`lighthouse gave no result for ${url}`);
	const { lhr } = result;
	// BENCH_LIGHTHOUSE_DIR=folder keeps each run's full report (open it in Lighthouse's viewer).
	const keep = process.env.BENCH_LIGHTHOUSE_DIR;
	if (keep) {
		await mkdir(keep, { recursive: true });
		const name = `${new URL(url).pathname.replaceAll('/', '_')}-${Date.now()}.json`;
		await writeFile(join(keep, name), JSON.stringify(lhr));
	}
	if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
	const requests =
		(lhr.audits['network-requests']?.details as { items?: { url: string; statusCode: number }[] })
			?.items ?? [];
	if (!requests.some((r) => surface.proof.test(r.url) && r.statusCode === 200)) {
		throw new Error(`lighthouse: ${url} never made ${surface.proof} answered 200 (wrong state?)`);
	}
	const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
	const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
	const lcpElement = firstSnippet(lhr.audits['largest-contentful-paint-element']?.details);
	const failing = ['accessibility', 'best-practices'].flatMap((category) =>
		(lhr.categories[category]?.auditRefs ?? [])
			.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
			.map((ref) => ref.id)
	);
	return {
		performance: score('performance'),
		accessibility: score('accessibility'),
		bestPractices: score('best-practices'),
		fcpMs: Math.round(numeric('first-contentful-paint')),
		lcpMs: Math.round(numeric('largest-contentful-paint')),
		tbtMs: Math.round(numeric('total-blocking-time')),
		cls: Math.round(numeric('cumulative-layout-shift') * 1000) / 1000,
		lcpElement,
		failing
	};
}

export async function lighthouseScores(
	baseUrl: string,
	surfaces: Surface[]
): Promise<LighthouseResult> {
	const chrome = await chromeLauncher.launch({
		chromePath: chromiumExecutablePath,
		chromeFlags: ['--headless=new', ...chromiumArgs]
	});
	try {
		const results: LighthouseResult = [];
		for (const surface of surfaces) {
			const runs: LighthouseRun[] = [];
			for (let i = 0; i < RUNS; i++) {
				runs.push(await runOnce(chrome.port, `${baseUrl}${surface.path}`, surface));
			}
			const m = (key: keyof LighthouseResult[number]['median']) => median(runs.map((r) => r[key]));
			results.push({
				name: surface.name,
				path: surface.path,
				runs,
				median: {
					performance: m('performance'),
					accessibility: m('accessibility'),
					bestPractices: m('bestPractices'),
					fcpMs: m('fcpMs'),
					lcpMs: m('lcpMs'),
					tbtMs: m('tbtMs'),
					cls: m('cls')
				}
			});
		}
		return results;
	} finally {
		chrome.kill();
	}
}

export function lighthouseRows(result: LighthouseResult): ReportRow[] {
	return result.flatMap((s) => {
		const { performance, accessibility, bestPractices, fcpMs, lcpMs, tbtMs } = s.median;
		const failing = [...new Set(s.runs.flatMap((r) => r.failing))];
		return [
			{
				what: `Lighthouse ${s.name}, perf / a11y / best practices (median of ${s.runs.length})`,
				target: '≥ 95 / 100 / 100',
				measured: `${performance} / ${accessibility} / ${bestPractices}`,
				met: performance >= 95 && accessibility === 100 && bestPractices === 100
			},
			{
				what: `  FCP / LCP / TBT (simulated mobile, 4× CPU)`,
				target: '',
				measured: `${ms(fcpMs)} / ${ms(lcpMs)} / ${ms(tbtMs)}`,
				met: null
			},
			...(failing.length
				? [
						{
							what: '  audits below full score',
							target: '',
							measured: failing.join(', '),
							met: null
						}
					]
				: [])
		];
	});
}
