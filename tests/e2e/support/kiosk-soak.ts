// A day at the kiosk, shortened (issue 10: "memory steady over a day: 500 simulated visits with
// camera start/stop, heap growth ≤ 10 %, no camera track left running"). Shared by the soak spec
// (tests/e2e/kiosk-soak.spec.ts, a few dozen visits) and the bench row (bench/kiosk-soak.ts, 500).
//
// Every visit goes through the kiosk's own screens, as a patient would: "Scan my code", the
// camera opens; either the letter's code is read (the camera shows it after a moment of empty
// room), the birth-date screen comes and the patient taps "Start over", or the patient taps
// "Back" on the scan screen as soon as the camera picture is up. Both end on Welcome, the
// kiosk's reset for the next patient.
//
// What is measured in the page: the JS heap after forced garbage collection (Chrome DevTools
// Protocol: HeapProfiler.collectGarbage, then Runtime.getHeapUsage; the page-side
// measureUserAgentSpecificMemory needs cross-origin isolation the kiosk does not have), and the
// camera tracks still running, counted by an init script that wraps getUserMedia.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { renderBlankLuma, renderQrLuma, writeY4m } from './y4m';

const FPS = 15;
const CODE_FRAMES = 15;

/**
 * The camera footage: `leadSeconds` of an empty room (1.5 s by default), then the letter held
 * up for 1 s, in a loop; the file starts again each time the camera opens. The room first makes
 * "Back" a cancel: the code cannot be read before the patient's tap. On a machine loaded far past
 * its cores a tap can take longer than that (the bench, hundreds of visits long, uses 3 s).
 */
export async function writeSoakCamera(
	checkInUrl: string,
	file: string,
	leadSeconds = 1.5
): Promise<void> {
	const code = renderQrLuma(checkInUrl, { fraction: 0.6 });
	const room = renderBlankLuma();
	await writeY4m(file, [
		...Array<Uint8Array>(Math.round(leadSeconds * FPS)).fill(room),
		...Array<Uint8Array>(CODE_FRAMES).fill(code)
	]);
}

export interface CameraTrackCount {
	/** Tracks getUserMedia handed out. */
	opened: number;
	/** stop() calls on them. */
	stopped: number;
	/** Tracks whose readyState is still "live". */
	live: number;
}

declare global {
	interface Window {
		__cameraTracks?: { opened: number; stopped: number; running: Set<MediaStreamTrack> };
	}
}

/**
 * Init script: counts every camera track the page gets and every stop(). Only tracks not yet
 * stopped are held (a Set the counter empties), so the counting itself does not grow the heap.
 */
function countCameraTracks() {
	const tracks = { opened: 0, stopped: 0, running: new Set<MediaStreamTrack>() };
	window.__cameraTracks = tracks;
	const getUserMedia = MediaDevices.prototype.getUserMedia;
	MediaDevices.prototype.getUserMedia = async function (constraints) {
		const stream = await getUserMedia.call(this, constraints);
		for (const track of stream.getTracks()) {
			tracks.opened++;
			tracks.running.add(track);
			track.addEventListener('ended', () => tracks.running.delete(track));
		}
		return stream;
	};
	const stop = MediaStreamTrack.prototype.stop;
	MediaStreamTrack.prototype.stop = function () {
		if (tracks.running.delete(this)) tracks.stopped++;
		stop.call(this);
	};
}

/** Installs the track counter in every page of `context` (before the app's scripts). */
export async function watchCameraTracks(context: BrowserContext): Promise<void> {
	await context.addInitScript(countCameraTracks);
}

export async function cameraTracks(page: Page): Promise<CameraTrackCount> {
	return page.evaluate(() => {
		const tracks = window.__cameraTracks;
		if (!tracks) throw new Error('the camera track counter is not installed');
		const live = [...tracks.running].filter((t) => t.readyState === 'live').length;
		return { opened: tracks.opened, stopped: tracks.stopped, live };
	});
}

/** The page's JS heap in bytes after full garbage collections (three: weak refs, finalizers). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
	for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	return usedSize;
}

export type VisitKind = 'scan' | 'cancel';

/** Three in four visits scan their letter, one in four goes back once the camera is up. */
export const visitKind = (i: number): VisitKind => (i % 4 === 3 ? 'cancel' : 'scan');

/** One patient, from Welcome back to Welcome; returns how long it took, in ms. */
export async function visit(page: Page, kind: VisitKind, timeoutMs = 20_000): Promise<number> {
	const started = Date.now();
	const heading = (name: string) => page.getByRole('heading', { name, exact: true });
	await page.getByRole('button', { name: /Scan my code/ }).click({ timeout: timeoutMs });
	await heading('Scan your code').waitFor({ timeout: timeoutMs });
	if (kind === 'scan') {
		await heading('Type your date of birth').waitFor({ timeout: timeoutMs });
		await page
			.getByRole('button', { name: 'Start over', exact: true })
			.click({ timeout: timeoutMs });
	} else {
		// Once the camera runs (the preview knows its frame size, the layout has settled), and
		// well within the empty room's lead: the code cannot be read before the tap.
		await page.locator('[data-testid="scan-preview"][data-frame]').waitFor({ timeout: timeoutMs });
		await page.getByRole('button', { name: 'Back', exact: true }).click({ timeout: timeoutMs });
	}
	await heading('Welcome').waitFor({ timeout: timeoutMs });
	// Welcome is the reset: the scan screen and its camera view are gone.
	await page.getByTestId('scan-preview').waitFor({ state: 'detached', timeout: timeoutMs });
	return Date.now() - started;
}

export interface SoakResult {
	warmupVisits: number;
	visits: number;
	/** Heap after GC once the warm-up visits are done, and after the last visit. */
	heapStartBytes: number;
	heapEndBytes: number;
	/** (end - start) / start, in %. */
	heapGrowthPercent: number;
	visitMs: number[];
	/** Counted after the last visit's reset, once a camera still opening has answered. */
	tracks: CameraTrackCount;
}

/**
 * `warmup` visits (code loaded, caches filled), the heap measured, `visits` more, the heap
 * again and the camera tracks. `page` is a paired kiosk on Welcome whose context has
 * `watchCameraTracks` and whose camera shows a letter of today's roster.
 */
export async function soak(
	page: Page,
	{
		warmup,
		visits,
		onProgress
	}: { warmup: number; visits: number; onProgress?: (done: number) => void }
): Promise<SoakResult> {
	const cdp = await page.context().newCDPSession(page);
	try {
		for (let i = 0; i < warmup; i++) await visit(page, visitKind(i));
		const heapStartBytes = await heapAfterGc(cdp);
		const visitMs: number[] = [];
		for (let i = 0; i < visits; i++) {
			visitMs.push(await visit(page, visitKind(warmup + i)));
			if ((i + 1) % 50 === 0) onProgress?.(i + 1);
		}
		const heapEndBytes = await heapAfterGc(cdp);
		// A camera that was still opening when "Back" was tapped is let go once getUserMedia
		// answers: wait for that answer (a few frames), never for a fixed time.
		await page
			.waitForFunction(
				() => {
					const tracks = window.__cameraTracks;
					return tracks !== undefined && [...tracks.running].every((t) => t.readyState !== 'live');
				},
				undefined,
				{ timeout: 10_000 }
			)
			.catch(() => undefined);
		const tracks = await cameraTracks(page);
		return {
			warmupVisits: warmup,
			visits,
			heapStartBytes,
			heapEndBytes,
			heapGrowthPercent: ((heapEndBytes - heapStartBytes) / heapStartBytes) * 100,
			visitMs,
			tracks
		};
	} finally {
		await cdp.detach().catch(() => undefined);
	}
}
