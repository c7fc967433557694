// Playwright fixtures for tests that need a camera. Import `test` and `expect` from here instead
// of '@playwright/test' in such a spec.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Browser } from '@playwright/test';
import { launchChromium } from './browser';
import { writeBlankY4m, writeCardY4m, writeQrY4m, type QrY4mOptions } from './y4m';

export { expect } from '@playwright/test';

/** tests/.tmp/ (git-ignored): scratch files of test runs. */
export const testTmpDir = fileURLToPath(new URL('../../.tmp/', import.meta.url));

export interface CameraFixtures {
	/**
	 * Launches a Chromium whose fake camera shows the QR code of `text`. Each call starts its own
	 * browser (the camera is fixed per browser process); all are closed when the test ends.
	 */
	cameraBrowser: (text: string, opts?: QrY4mOptions) => Promise<Browser>;
	/** Launches a Chromium whose fake camera works but shows no QR code. */
	blankCameraBrowser: () => Promise<Browser>;
	/** Launches a Chromium whose fake camera sees an insurance card held up to it. */
	cardCameraBrowser: () => Promise<Browser>;
}

interface CameraWorkspace {
	launch: (write: (file: string) => Promise<void>) => Promise<Browser>;
}

export const test = base.extend<CameraFixtures & { cameraWorkspace: CameraWorkspace }>({
	// eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern.
	cameraWorkspace: async ({}, use, testInfo) => {
		const dir = join(testTmpDir, `camera-${testInfo.testId}-${testInfo.retry}`);
		await mkdir(dir, { recursive: true });
		const launched: Browser[] = [];
		let cameras = 0;
		await use({
			launch: async (write) => {
				const file = join(dir, `camera-${cameras++}.y4m`);
				await write(file);
				const browser = await launchChromium({ cameraY4m: file });
				launched.push(browser);
				return browser;
			}
		});
		await Promise.allSettled(launched.map((browser) => browser.close()));
		// A failed test keeps its footage, so what the camera showed can be looked at.
		if (testInfo.status === testInfo.expectedStatus) {
			await rm(dir, { recursive: true, force: true });
		}
	},
	cameraBrowser: async ({ cameraWorkspace }, use) => {
		await use((text, opts) => cameraWorkspace.launch((file) => writeQrY4m(text, file, opts)));
	},
	blankCameraBrowser: async ({ cameraWorkspace }, use) => {
		await use(() => cameraWorkspace.launch((file) => writeBlankY4m(file)));
	},
	cardCameraBrowser: async ({ cameraWorkspace }, use) => {
		await use(() => cameraWorkspace.launch((file) => writeCardY4m(file)));
	}
});
