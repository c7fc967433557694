// Reads the kiosk's IndexedDB from inside the page, the way a thief with the tablet could.
import { expect, type Page } from '@playwright/test';

/** Every row of every object store in the kiosk's database, as JSON text. */
export async function dumpKioskStorage(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('front-desk-kiosk');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const dump: Record<string, unknown[]> = {};
		for (const name of Array.from(db.objectStoreNames)) {
			dump[name] = await new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(name).objectStore(name).getAll();
				request.onsuccess = () => resolve(request.result as unknown[]);
				request.onerror = () => reject(request.error);
			});
		}
		db.close();
		return JSON.stringify(dump);
	});
}

/** How many appointments the kiosk's roster store holds now (0 when it has none yet). */
export function rosterRowCount(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('front-desk-kiosk');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const rows = await new Promise<number>((resolve) => {
			const request = db.transaction('roster').objectStore('roster').count();
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => resolve(0);
		});
		db.close();
		return rows;
	});
}

/** Resolves once the kiosk has today's roster and its service worker is active. */
export async function waitUntilOfflineReady(page: Page): Promise<number> {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	// Polled from the test: waitForFunction would take the predicate's Promise itself as truthy.
	let count = 0;
	await expect.poll(async () => (count = await rosterRowCount(page))).toBeGreaterThan(0);
	return count;
}

/**
 * Every row of every store with binary values spelled out (a Blob or a byte array would be `{}`
 * in JSON): Blobs and buffers as base64, so a photo kept in the clear would show.
 */
export async function dumpKioskStorageDeep(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const base64 = (bytes: Uint8Array) => {
			let text = '';
			for (let i = 0; i < bytes.length; i += 0x8000)
				text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
			return btoa(text);
		};
		const spell = async (value: unknown): Promise<unknown> => {
			if (value instanceof Blob) return `blob:${base64(new Uint8Array(await value.arrayBuffer()))}`;
			if (value instanceof ArrayBuffer) return `bytes:${base64(new Uint8Array(value))}`;
			if (ArrayBuffer.isView(value))
				return `bytes:${base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))}`;
			if (Array.isArray(value)) return Promise.all(value.map(spell));
			if (value && typeof value === 'object') {
				const out: Record<string, unknown> = {};
				for (const [key, inner] of Object.entries(value)) out[key] = await spell(inner);
				return out;
			}
			return value;
		};
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('front-desk-kiosk');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const dump: Record<string, unknown> = {};
		for (const name of Array.from(db.objectStoreNames)) {
			const rows = await new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(name).objectStore(name).getAll();
				request.onsuccess = () => resolve(request.result as unknown[]);
				request.onerror = () => reject(request.error);
			});
			dump[name] = await spell(rows);
		}
		db.close();
		return JSON.stringify(dump);
	});
}
