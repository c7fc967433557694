// The camera path on its own, without the app: Debian's Chromium with a fake camera playing a
// y4m of a QR code, and html5-qrcode scanning the whole frame. It proves the fake camera and
// getUserMedia work on this machine (the kiosk no longer decodes with html5-qrcode: it reads
// frames itself with zxing-wasm, see tests/e2e/kiosk-scanner.spec.ts and docs/decisions.md).
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { QrY4mOptions } from './support/y4m';

// A check-in URL as DESIGN §4 shapes it, 240 characters: an ES256 compact JWS (kid "1") with
// payload {"sub":"7K","site":"m","exp":1767311999,"rk":"y0_bMm1DECKyt1QdpTX8bw"}, signed by a
// throwaway key. Byte mode, so QR version 11 at level M (61 modules; v11-M holds 251 bytes).
const CHECK_IN_URL =
	'http://localhost:3000/c/eyJhbGciOiJFUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiI3SyIsInNpdGUiOiJtIiwiZX' +
	'hwIjoxNzY3MzExOTk5LCJyayI6InkwX2JNbTFERUNLeXQxUWRwVFg4YncifQ.DpVfe2BIY8lJiQMCNyyOWqMz3zQg1eSh' +
	'TY6ofxoa19PqHUylJiUM_RRLbDSW828vAOYWZcEjoK_C0i1OG6iraw';

const DECODE_TIMEOUT_MS = 10_000;

/** What tests/fixtures/camera-probe/index.html records on `window.probe`. */
interface Probe {
	loadedAt: number;
	startedAt: number | null;
	decodedAt: number | null;
	decoded: string | null;
	decodeCount: number;
	error: string | null;
}

const probeDir = fileURLToPath(new URL('../fixtures/camera-probe/', import.meta.url));
const html5QrcodeFile = join(
	dirname(createRequire(import.meta.url).resolve('html5-qrcode/package.json')),
	'html5-qrcode.min.js'
);

// Only these paths are served; everything else is a 404.
const routes: Record<string, { file: string; type: string }> = {
	'/': { file: join(probeDir, 'index.html'), type: 'text/html; charset=utf-8' },
	'/index.html': { file: join(probeDir, 'index.html'), type: 'text/html; charset=utf-8' },
	'/node_modules/html5-qrcode/html5-qrcode.min.js': {
		file: html5QrcodeFile,
		type: 'text/javascript; charset=utf-8'
	}
};

let server: Server;
let probeUrl: string;

test.beforeAll(async () => {
	server = createServer((request, response) => {
		const route = routes[new URL(request.url ?? '/', 'http://probe').pathname];
		if (!route) {
			response.writeHead(404).end();
			return;
		}
		response.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' });
		createReadStream(route.file).pipe(response);
	});
	// 127.0.0.1 is a secure context, so getUserMedia is allowed over plain HTTP.
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	probeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

function readProbe(page: Page): Promise<Probe> {
	return page.evaluate(() => (window as unknown as { probe: Probe }).probe);
}

// DESIGN §4: a letter held up close, and at arm's length (the code a third of the frame high).
// The synthetic picture is sharper than any webcam, so the hard case also runs blurred and noisy.
const views: { name: string; camera: QrY4mOptions }[] = [
	{ name: 'held close (0.6 of the frame height)', camera: { fraction: 0.6 } },
	{ name: "at arm's length (0.33 of the frame height)", camera: { fraction: 0.33 } },
	{
		name: "at arm's length through a soft, noisy webcam",
		camera: { fraction: 0.33, blur: 0.7, noise: 4 }
	}
];

for (const { name, camera } of views) {
	test(`decodes a 240-character check-in URL ${name}`, async ({ cameraBrowser }, testInfo) => {
		expect(CHECK_IN_URL).toHaveLength(240);
		const browser = await cameraBrowser(CHECK_IN_URL, camera);
		const page = await browser.newPage();
		const navigatedAt = Date.now();
		await page.goto(probeUrl);

		// A start() error shows up as the polled value, so a broken camera fails with its reason.
		await expect
			.poll(
				async () => {
					const { decoded, error } = await readProbe(page);
					return decoded ?? error;
				},
				{ timeout: DECODE_TIMEOUT_MS }
			)
			.toBe(CHECK_IN_URL);
		const seenAfter = Date.now() - navigatedAt;

		const probe = await readProbe(page);
		expect(probe.error).toBeNull();
		// Measured in the page: from the camera stream being up (the scanner's start() resolved)
		// to the first decode, which includes the decoder's cold start.
		const afterStart = Math.round((probe.decodedAt ?? NaN) - (probe.startedAt ?? NaN));
		const afterLoad = Math.round((probe.decodedAt ?? NaN) - probe.loadedAt);
		const timing = [
			`start→decode ${afterStart} ms`,
			`load→decode ${afterLoad} ms`,
			`goto→seen ${seenAfter} ms`
		].join(', ');
		testInfo.annotations.push({ type: 'decode time', description: timing });
		console.log(`${name}: ${timing}`);
	});
}

test('a camera with nothing in front of it decodes nothing', async ({ blankCameraBrowser }) => {
	const browser = await blankCameraBrowser();
	const page = await browser.newPage();
	await page.goto(probeUrl);

	await expect.poll(async () => (await readProbe(page)).startedAt).not.toBeNull();
	// The stream really runs at the file's size: 2 s of video is 30 frames the scanner looked at.
	const video = page.locator('#reader video');
	await expect
		.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime))
		.toBeGreaterThan(2);
	expect(
		await video.evaluate((element: HTMLVideoElement) => [element.videoWidth, element.videoHeight])
	).toEqual([640, 480]);

	const probe = await readProbe(page);
	expect(probe.error).toBeNull();
	expect(probe.decodeCount).toBe(0);
});
