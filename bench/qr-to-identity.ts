// DESIGN §9: "QR in camera frame → identity screen (headless Chromium, fake camera): p95 ≤ 400 ms",
// over a fixed set of letters at two sizes (issue 6 item 11, issue 7).
//
// Letters: the first LETTERS booked demo appointments nobody checks in (the same on every run of
// a fresh database), each letter's QR of its real check-in URL from /api/staff/letters, held at
// each of FRACTIONS of the frame height (0.6 and 0.75: the sizes zxing-js used to miss).
//
// Chromium's fake camera plays a y4m file: BLANK_FRAMES of an empty room (1 s at 15 fps), then
// QR_FRAMES of the letter held up, then loops. The capture device starts the file at its first
// frame whenever the camera is opened, so the code appears about a second after the scanner
// started: the scanner is warm and waiting, as when a patient taps "Scan my code" and then lifts
// the letter. Chromium reads the camera file at launch, so every letter × size gets its own
// browser and enrolled kiosk.
//
// Each run: tap "Scan my code" on the welcome screen, wait for "Type your date of
// birth", tap "Start over". A probe in the page stamps, with the page's clock:
//   - tap: the click on "Scan my code";
//   - camera started: the "Starting the camera…" overlay went away (the scanner is running);
//   - QR in frame: the first video frame showing the letter, detected by sampling a patch of
//     the letter's white margin in each frame (requestVideoFrameCallback); its capture time
//     when Chromium gives one, else its presentation time;
//   - identity screen: the date-of-birth heading was inserted into the page.
// The target figure is QR in frame → identity screen: finding the code in the frames, decoding
// it, verifying the token offline with the cached keys, and opening the patient's roster entry.
// Per browser, one warm-up scan (it loads the decoder's WebAssembly) and then RUNS_PER_LETTER
// measured ones. A letter "reads" when its warm-up and every measured scan reached the identity
// screen; a measured scan that never does counts as infinitely slow in the p95. A run where the
// code was already on screen when the camera opened (no empty frame seen first) is counted and
// reported, not used for the target.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium } from '../tests/e2e/support/browser';
import { renderBlankLuma, renderQrLuma, writeY4m } from '../tests/e2e/support/y4m';
import type { Staff } from './support/api';
import { openKiosk } from './support/kiosk';
import { ms, type ReportRow } from './support/report';
import { size } from './support/smoke';
import { rounded, summarize, type Summary } from './support/stats';

/** Letters held up at each size (two in `--smoke`). */
export const LETTERS = size(10, 2);
export const RUNS_PER_LETTER = 2;
export const FRACTIONS = [0.6, 0.75] as const;
const BLANK_FRAMES = 15;
const QR_FRAMES = 30;
const WIDTH = 640;
const HEIGHT = 480;

/** A patch of the frame that is grey room in the empty frames and white paper in the QR ones. */
export interface SamplePatch {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Writes the camera footage; returns where the page should look to tell the two apart. */
export async function writeCamera(
	checkInUrl: string,
	file: string,
	fraction: number
): Promise<SamplePatch> {
	const qr = renderQrLuma(checkInUrl, { width: WIDTH, height: HEIGHT, fraction });
	const blank = renderBlankLuma({ width: WIDTH, height: HEIGHT });
	await writeY4m(
		file,
		[...Array<Uint8Array>(BLANK_FRAMES).fill(blank), ...Array<Uint8Array>(QR_FRAMES).fill(qr)],
		{ width: WIDTH, height: HEIGHT }
	);
	// The left quiet zone on the middle row: the first run of paper-white pixels.
	const row = HEIGHT / 2;
	let x = 0;
	while (x < WIDTH && qr[row * WIDTH + x] < 225) x++;
	let end = x;
	while (end < WIDTH && qr[row * WIDTH + end] >= 225) end++;
	if (end - x < 6) throw new Error('qr-to-identity: no white margin found in the QR frame');
	return { x: x + 2, y: row - 4, w: end - x - 4, h: 8 };
}

interface Probe {
	clickAt: number | null;
	startedAt: number | null;
	blankAt: number | null;
	qrAt: number | null;
	qrClock: 'captureTime' | 'presentationTime' | 'callback' | null;
	identityAt: number | null;
	frames: number;
}

declare global {
	interface Window {
		__qrProbe?: Probe;
	}
}

/** Installs a fresh probe in the page (see the file comment for what it stamps). */
function installProbe(patch: SamplePatch) {
	const probe: Probe = {
		clickAt: null,
		startedAt: null,
		blankAt: null,
		qrAt: null,
		qrClock: null,
		identityAt: null,
		frames: 0
	};
	window.__qrProbe = probe;
	const onClick = (event: MouseEvent) => {
		const button = (event.target as Element | null)?.closest('button');
		if (probe.clickAt === null && button?.textContent?.includes('Scan my code')) {
			probe.clickAt = performance.now();
		}
	};
	document.addEventListener('click', onClick, { capture: true });

	const canvas = document.createElement('canvas');
	canvas.width = patch.w;
	canvas.height = patch.h;
	const ctx = canvas.getContext('2d', { willReadFrequently: true });
	const watchFrames = (video: HTMLVideoElement) => {
		const onFrame: VideoFrameRequestCallback = (now, meta) => {
			if (window.__qrProbe !== probe || !video.isConnected || !ctx) return;
			ctx.drawImage(video, patch.x, patch.y, patch.w, patch.h, 0, 0, patch.w, patch.h);
			const pixels = ctx.getImageData(0, 0, patch.w, patch.h).data;
			let sum = 0;
			for (let i = 0; i < pixels.length; i += 4) sum += pixels[i];
			const paper = sum / (pixels.length / 4) > 185;
			probe.frames++;
			if (!paper) probe.blankAt ??= now;
			else if (probe.qrAt === null) {
				probe.qrAt = meta.captureTime ?? meta.presentationTime ?? now;
				probe.qrClock =
					meta.captureTime !== undefined
						? 'captureTime'
						: meta.presentationTime !== undefined
							? 'presentationTime'
							: 'callback';
			}
			video.requestVideoFrameCallback(onFrame);
		};
		video.requestVideoFrameCallback(onFrame);
	};

	let sawStarting = false;
	const watched = new WeakSet<HTMLVideoElement>();
	const observer = new MutationObserver(() => {
		const now = performance.now();
		const starting = Array.from(document.querySelectorAll('[role="status"]')).some(
			(el) => el.textContent?.trim() === 'Starting the camera…'
		);
		if (starting) sawStarting = true;
		else if (sawStarting && probe.startedAt === null) probe.startedAt = now;
		const video = document.querySelector('video');
		if (video && !watched.has(video)) {
			watched.add(video);
			watchFrames(video);
		}
		const identity = Array.from(document.querySelectorAll('h1')).some(
			(h) => h.textContent?.trim() === 'Type your date of birth'
		);
		if (identity && probe.identityAt === null) {
			probe.identityAt = now;
			observer.disconnect();
			document.removeEventListener('click', onClick, { capture: true });
		}
	});
	observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** A measured scan still on the scan screen after this long is stuck. */
const SCAN_TIMEOUT_MS = 15_000;
/** The code shows 1 s after the camera opens and reads in well under a second when it reads. */
const WARMUP_TIMEOUT_MS = 6_000;

interface Scan {
	probe: Probe;
	/** What the kiosk showed when the identity screen never came; null when it came. */
	stuck: string | null;
}

/** In the page: the headings and live messages on screen, for a scan that got stuck. */
function describeScreen(): string {
	const texts = (selector: string) =>
		Array.from(document.querySelectorAll(selector)).map((el) => el.textContent?.trim() ?? '');
	const frames = window.__qrProbe?.frames ?? 0;
	return [
		`headings: ${texts('h1').join(' | ')}`,
		`messages: ${texts('[role="status"], [role="alert"]').join(' | ')}`,
		`frames seen: ${frames}, code seen: ${window.__qrProbe?.qrAt != null}`
	].join('; ');
}

async function scanOnce(page: Page, patch: SamplePatch, timeoutMs: number): Promise<Scan> {
	await page.evaluate(installProbe, patch);
	await page.getByRole('button', { name: /Scan my code/ }).click();
	const reached = await page
		.getByRole('heading', { name: 'Type your date of birth' })
		.waitFor({ timeout: timeoutMs })
		.then(
			() => true,
			() => false
		);
	const probe = await page.evaluate(() => window.__qrProbe as Probe);
	if (reached) {
		await page.getByRole('button', { name: 'Start over' }).click();
		await page.getByRole('heading', { name: 'Welcome' }).waitFor();
		return { probe, stuck: null };
	}
	// A patient left stuck on the scan screen is a finding, not a broken bench: note what the
	// screen said, start the kiosk afresh and go on.
	const stuck = await page.evaluate(describeScreen);
	await page.goto('/kiosk');
	await page.getByRole('heading', { name: 'Welcome' }).waitFor();
	return { probe, stuck };
}

/** A letter whose code did not read at one size, with what the screen showed. */
export interface UnreadLetter {
	appointmentId: string;
	checkInUrl: string;
	fraction: number;
	screen: string;
}

export interface FractionResult {
	fraction: number;
	letters: number;
	/** Letters whose warm-up and every measured scan reached the identity screen. */
	lettersRead: number;
	unread: UnreadLetter[];
	/** The target interval: first frame with the code → identity screen in the DOM. */
	qrToIdentityMs: Summary;
	/** Tap → scanner running (camera opened, decoder loaded). */
	tapToCameraMs: Summary;
	/** Measured runs that never reached the identity screen. */
	stuck: number;
	measuredRuns: number;
	/** Runs where the code was on screen as the camera opened (not in qrToIdentityMs). */
	codeAlreadyInFrame: number;
}

export interface QrToIdentityResult {
	fractions: FractionResult[];
	qrClock: string | null;
	blankFrames: number;
	runsPerLetter: number;
}

interface LetterScans {
	appointmentId: string;
	checkInUrl: string;
	warmup: Scan;
	scans: Scan[];
}

/** One letter at one size: its own camera browser and enrolled kiosk, closed afterwards. */
async function scanLetter(
	staff: Staff,
	appointmentId: string,
	fraction: number,
	workDir: string
): Promise<LetterScans> {
	const checkInUrl = await staff.checkInUrl(appointmentId);
	const camera = join(workDir, `camera-${appointmentId}-${fraction}.y4m`);
	const patch = await writeCamera(checkInUrl, camera, fraction);
	const browser = await launchChromium({ cameraY4m: camera });
	try {
		const name = `bench camera kiosk ${appointmentId} ${fraction}`;
		const { page } = await openKiosk(browser, staff, name);
		const warmup = await scanOnce(page, patch, WARMUP_TIMEOUT_MS);
		const scans: Scan[] = [];
		for (let i = 0; i < RUNS_PER_LETTER; i++) {
			const scan = await scanOnce(page, patch, SCAN_TIMEOUT_MS);
			if (scan.stuck) console.log(`  ${appointmentId} at ${fraction}: scan stuck: ${scan.stuck}`);
			scans.push(scan);
		}
		return { appointmentId, checkInUrl, warmup, scans };
	} finally {
		await browser.close();
	}
}

/** Every one of the first `letters` of `appointmentIds`, at each of FRACTIONS. */
export async function qrToIdentity(
	staff: Staff,
	appointmentIds: readonly string[],
	workDir: string,
	letters = LETTERS
): Promise<QrToIdentityResult> {
	const chosen = appointmentIds.slice(0, letters);
	if (chosen.length < letters) {
		throw new Error(`qr-to-identity needs ${letters} demo letters, found ${chosen.length}`);
	}
	const fractions: FractionResult[] = [];
	let qrClock: string | null = null;
	for (const fraction of FRACTIONS) {
		const results: LetterScans[] = [];
		for (const appointmentId of chosen) {
			results.push(await scanLetter(staff, appointmentId, fraction, workDir));
		}
		qrClock ??= results.flatMap((r) => r.scans).find((s) => s.probe.qrClock)?.probe.qrClock ?? null;
		fractions.push(summarizeFraction(fraction, results));
	}
	return { fractions, qrClock, blankFrames: BLANK_FRAMES, runsPerLetter: RUNS_PER_LETTER };
}

function summarizeFraction(fraction: number, letters: LetterScans[]): FractionResult {
	const scans = letters.flatMap((l) => l.scans);
	// The code must appear after the scanner was already looking at an empty room.
	const appearedLater = (p: Probe) => p.blankAt !== null && p.qrAt !== null && p.qrAt > p.blankAt;
	const qrToIdentityMs = scans.flatMap(({ probe: p, stuck }) => {
		// A scan that never reached the identity screen is an infinitely slow one.
		if (stuck) return [Infinity];
		return appearedLater(p) ? [(p.identityAt ?? NaN) - (p.qrAt ?? NaN)] : [];
	});
	const tapToCamera = scans.flatMap(({ probe: p }) =>
		p.clickAt === null || p.startedAt === null ? [] : [p.startedAt - p.clickAt]
	);
	const unread = letters
		.filter((l) => l.warmup.stuck || l.scans.some((s) => s.stuck))
		.map((l) => ({
			appointmentId: l.appointmentId,
			checkInUrl: l.checkInUrl,
			fraction,
			screen: l.warmup.stuck ?? l.scans.find((s) => s.stuck)?.stuck ?? ''
		}));
	return {
		fraction,
		letters: letters.length,
		lettersRead: letters.length - unread.length,
		unread,
		qrToIdentityMs: rounded(summarize(qrToIdentityMs)),
		tapToCameraMs: rounded(summarize(tapToCamera)),
		stuck: scans.filter((s) => s.stuck).length,
		measuredRuns: scans.length,
		codeAlreadyInFrame: scans.filter((s) => !s.stuck && !appearedLater(s.probe)).length
	};
}

export function qrToIdentityRows(r: QrToIdentityResult): ReportRow[] {
	return r.fractions.flatMap((f) => [
		{
			what: `QR at ${f.fraction} of the frame → identity screen, ${f.qrToIdentityMs.n} scans, p95`,
			target: 'p95 ≤ 400 ms',
			measured: `${ms(f.qrToIdentityMs.p95)} (p50 ${ms(f.qrToIdentityMs.p50)})`,
			met: f.qrToIdentityMs.n > 0 && f.qrToIdentityMs.p95 <= 400
		},
		{
			what: `  letters read at ${f.fraction} of the frame (every scan reached the identity screen)`,
			target: 'all (DESIGN §4)',
			measured: `${f.lettersRead} of ${f.letters}`,
			met: f.lettersRead === f.letters
		},
		{
			what: '  tap "Scan my code" → camera running, p50 / p95',
			target: '',
			measured: `${ms(f.tapToCameraMs.p50)} / ${ms(f.tapToCameraMs.p95)}`,
			met: null
		},
		{
			what: `  code already in frame at camera start (not counted)`,
			target: '',
			measured: `${f.codeAlreadyInFrame} of ${f.measuredRuns}`,
			met: null
		}
	]);
}
