// The kiosk's scan screen with real letters' codes in Chromium's fake camera: codes from both
// encoders at 0.45, 0.6 and 0.75 of the frame (the sizes zxing-js used to miss), at 640×480 and
// 1280×720, mildly soft and noisy like a webcam; scanning after an offline reboot; and the help a
// patient gets when no code reads. Frames come from tests/support/qr-corpus.ts, the generator
// the decoder's unit test uses.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, testTmpDir } from './support/fixtures';
import { checkInUrl, freshAppointments, signInStaff } from './support/api';
import { pairKiosk } from './support/front-door';
import { launchChromium } from './support/browser';
import { expectIdentityScreen, openKiosk } from './support/kiosk-page';
import { waitUntilOfflineReady } from './support/kiosk-storage';
import { writeY4m } from './support/y4m';
import {
	encodeQr,
	renderFrame,
	shotFor,
	seededRandom,
	type Encoder,
	type FrameSize
} from '../support/qr-corpus';

const VGA: FrameSize = { width: 640, height: 480 };
const HD: FrameSize = { width: 1280, height: 720 };

/** A few frames of the letter held up, each with its own sensor noise; Chromium loops them. */
async function letterCamera(text: string, encoder: Encoder, fraction: number, size: FrameSize) {
	const matrix = encodeQr(text, encoder);
	const frames = [1, 2, 3].map((seed) =>
		renderFrame(matrix, shotFor('blur-noise', fraction, seededRandom(seed)), size, seed)
	);
	const dir = join(testTmpDir, 'scanner');
	await mkdir(dir, { recursive: true });
	const file = join(dir, `${encoder}-${fraction}-${size.width}-${Date.now()}.y4m`);
	await writeY4m(file, frames, size);
	return file;
}

declare global {
	interface Window {
		__preview?: { detector: string | null; frame: string | null };
	}
}

/**
 * In the page: notes which detector and frame size the preview reported. A good code is read
 * within a frame or two and the preview is gone before a locator could look at it, so the test
 * reads what an observer saw instead.
 */
function recordPreview() {
	new MutationObserver(() => {
		const preview = document.querySelector('[data-testid="scan-preview"][data-frame]');
		if (preview && !window.__preview) {
			window.__preview = {
				detector: preview.getAttribute('data-detector'),
				frame: preview.getAttribute('data-frame')
			};
		}
	}).observe(document.body, { subtree: true, childList: true, attributes: true });
}

let browsers: Browser[] = [];
test.afterEach(async () => {
	await Promise.allSettled(browsers.map((b) => b.close()));
	browsers = [];
});

/** A tablet with `camera` in front of it, paired from the kiosk's own screen. */
async function kioskWithCamera(camera: string) {
	const browser = await launchChromium({ cameraY4m: camera });
	browsers.push(browser);
	const context = await browser.newContext();
	const page = await context.newPage();
	await pairKiosk(page);
	return { context, page };
}

const cases: { encoder: Encoder; fraction: number; size: FrameSize }[] = [
	{ encoder: 'qrcode', fraction: 0.45, size: VGA },
	{ encoder: 'qrcode', fraction: 0.6, size: HD },
	{ encoder: 'qrcode', fraction: 0.75, size: VGA },
	{ encoder: 'qrcode-generator', fraction: 0.45, size: HD },
	{ encoder: 'qrcode-generator', fraction: 0.6, size: VGA },
	{ encoder: 'qrcode-generator', fraction: 0.75, size: HD }
];

for (const { encoder, fraction, size } of cases) {
	test(`a letter's code by ${encoder} at ${fraction} of a ${size.width}×${size.height} frame reads`, async ({
		request
	}) => {
		await signInStaff(request);
		const [appointment] = await freshAppointments(request, 1);
		const url = await checkInUrl(request, appointment.id);
		const { page } = await kioskWithCamera(await letterCamera(url, encoder, fraction, size));
		await page.evaluate(recordPreview);
		await page.getByRole('button', { name: /Scan my code/ }).click();
		await expectIdentityScreen(page);
		// Headless Chromium on Linux has no native BarcodeDetector: this was zxing-wasm, decoding
		// the camera's whole frame at its own resolution.
		expect(await page.evaluate(() => window.__preview)).toEqual({
			detector: 'zxing-wasm',
			frame: `${size.width}x${size.height}`
		});
	});
}

test('after an offline reboot the kiosk still scans: the decoder comes from the service worker', async ({
	request
}) => {
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const url = await checkInUrl(request, appointment.id);
	const { context, page } = await kioskWithCamera(await letterCamera(url, 'qrcode', 0.6, VGA));
	await waitUntilOfflineReady(page);
	// The kiosk never opened the scan screen online: the .wasm can only come from the precache.
	await context.setOffline(true);
	await page.close();
	const rebooted = await context.newPage();
	const wasm: boolean[] = [];
	rebooted.on('response', (r) => {
		if (r.url().endsWith('.wasm')) wasm.push(r.fromServiceWorker());
	});
	await openKiosk(rebooted);
	await rebooted.getByRole('button', { name: /Scan my code/ }).click();
	await expectIdentityScreen(rebooted);
	expect(wasm).toEqual([true]);
});

/** Nothing below the fold: every control of the scan screen is on screen without scrolling. */
async function expectFits(page: Page) {
	const scroll = await page.evaluate(() => ({
		height: document.documentElement.scrollHeight,
		width: document.documentElement.scrollWidth
	}));
	const viewport = page.viewportSize();
	expect(scroll.height).toBeLessThanOrEqual(viewport?.height ?? 0);
	expect(scroll.width).toBeLessThanOrEqual(viewport?.width ?? 0);
	for (const name of ['Back', 'Look me up instead', 'I need help']) {
		await expect(page.getByRole('button', { name, exact: true }).last()).toBeInViewport({
			ratio: 1
		});
	}
}

for (const viewport of [
	{ width: 1024, height: 768, name: 'landscape' },
	{ width: 800, height: 1280, name: 'portrait' }
]) {
	test(`a patient whose code does not read gets a hint, then big ways out (${viewport.name} tablet)`, async ({
		blankCameraBrowser,
		request
	}, testInfo) => {
		await signInStaff(request);
		const tablet = await blankCameraBrowser();
		const context = await tablet.newContext({ viewport });
		const page = await context.newPage();
		await pairKiosk(page);
		await page.getByRole('button', { name: /Scan my code/ }).click();
		await expect(page.getByText('Starting the camera…')).toBeHidden({ timeout: 15_000 });
		await expect(page.getByText('Show the whole code inside the frame')).toBeVisible();
		await expect(page.getByText(/goes back to the start after \d+ minutes/)).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath(`scan-${viewport.name}-open.png`) });

		await expect(page.getByText('Hold the letter flat, about a forearm away.')).toBeVisible({
			timeout: 8_000
		});
		const lookMeUp = page.getByRole('button', { name: 'Look me up instead' });
		await expect(lookMeUp).toBeVisible({ timeout: 10_000 });
		await expectFits(page);
		await page.screenshot({ path: testInfo.outputPath(`scan-${viewport.name}-stuck.png`) });

		await lookMeUp.click();
		await expect(page.getByLabel('Last name')).toBeVisible();
	});
}
