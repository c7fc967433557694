/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, prerendered, version } from '$service-worker';

/**
 * Precaches the kiosk so a tablet that reloads or boots with no network still opens it.
 * Caches are versioned; a new release installs in the background and waits, and the kiosk
 * tells it to take over at its next idle reset (never in the middle of a patient).
 * Only the kiosk shell and the app's static assets (the kiosk's icons among them) are served
 * from cache, and the kiosk's manifest from the network with its last copy kept for when there
 * is none; every API call and every other page goes to the network untouched.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `front-desk-kiosk-${version}`;
const ASSETS = [...build, ...files, ...prerendered];
const SHELL = '/kiosk';
/** The kiosk's manifest is made from the site config, so not a build file (kiosk-manifest.ts). */
const MANIFEST = '/kiosk/manifest.webmanifest';

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE && key.startsWith('front-desk-kiosk-')) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (url.pathname === MANIFEST) {
		event.respondWith(networkThenCache(request));
		return;
	}
	const isShell = request.mode === 'navigate' && url.pathname === SHELL;
	if (!isShell && !ASSETS.includes(url.pathname)) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const cached = await cache.match(isShell ? SHELL : url.pathname);
			if (cached) return cached;
			return fetch(request);
		})()
	);
});

/** The latest copy when the network answers, the last one kept when it does not. */
async function networkThenCache(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const kept = await cache.match(request);
		if (kept) return kept;
		throw error;
	}
}
