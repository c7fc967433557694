// Launching Debian's Chromium (scripts/ensure-chromium.js installs it) instead of Playwright's
// own build, which cannot be downloaded on our machines. playwright.config.ts uses the same
// path and flags, so a test that launches its own browser behaves like the default one.
import { resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';

export const chromiumExecutablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags for every Chromium we start. `--no-sandbox`: CI runs as root, where Chromium refuses
 * its sandbox. The rest keep a test run quiet and deterministic: no GPU on these machines, and
 * no background traffic to Google services that cannot be reached from here anyway.
 */
export const chromiumArgs: readonly string[] = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * Flags that replace the camera with a y4m file (see y4m.ts) and grant camera permission
 * without a prompt. The path is made absolute: Chromium resolves it against its own cwd.
 */
export function fakeCameraArgs(cameraY4m: string): string[] {
	return [
		'--use-fake-ui-for-media-stream',
		'--use-fake-device-for-media-stream',
		`--use-file-for-fake-video-capture=${resolve(cameraY4m)}`
	];
}

export interface LaunchChromiumOptions {
	/** y4m file the fake camera plays in a loop; without it the browser has no fake camera. */
	cameraY4m?: string;
	/** Default true. */
	headless?: boolean;
}

/** Starts Debian's Chromium. The caller closes the browser. */
export async function launchChromium(opts: LaunchChromiumOptions = {}): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumExecutablePath,
		headless: opts.headless ?? true,
		args: [...chromiumArgs, ...(opts.cameraY4m ? fakeCameraArgs(opts.cameraY4m) : [])]
	});
}
