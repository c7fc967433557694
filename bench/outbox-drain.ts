// DESIGN §9: "outbox drain after reconnect: ≥ 500 ops/s, 0 lost, 0 duplicated".
//
// The kiosk page is offline (the reload benchmark leaves it so). OPS check-in ops, one per
// prepared appointment, are written into its Dexie outbox with plain IndexedDB, in id (send)
// order, shaped as the kiosk's own enqueue() writes them. Then the context goes online: the
// page's `online` event wakes the sync engine, which sends the outbox in batches of 50. The rate
// is OPS over the page's clock from that `online` event to the outbox being empty (a watcher in
// the page counts it every 20 ms, so the end is late by up to 20 ms). The kiosk also refreshes
// its roster on `online`, as it would in a clinic; that runs alongside.
//
// Then the server's SQLite file says what arrived: lost = ops without the queue entry they
// should have created; duplicated = appointments with more than one queue entry, plus entries
// for these appointments created by anything but these ops. Ops the server refused would sit in
// the kiosk's dead letters, which are counted too.
import type { CheckInOp } from './support/api';
import { checkInOp } from './support/api';
import type { Kiosk } from './support/kiosk';
import type { ReportRow } from './support/report';
import { countInDatabase } from './server-checkins';
import { size } from './support/smoke';

export const OPS = size(1000, 20);
const WATCH_INTERVAL_MS = 20;

export interface OutboxDrainResult {
	ops: number;
	drainMs: number;
	opsPerSecond: number;
	lost: number;
	duplicated: number;
	deadLetters: number;
	queueEntries: number;
}

interface DrainWatch {
	onlineAt: number | null;
	emptyAt: number | null;
	deadLetters: number | null;
}

declare global {
	interface Window {
		__drainWatch?: DrainWatch;
	}
}

/** In the page: puts the rows into the outbox in one strict-durability transaction. */
async function writeOutbox(rows: object[]): Promise<number> {
	const db = await new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open('front-desk-kiosk');
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
	await new Promise<void>((resolve, reject) => {
		const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
		const store = tx.objectStore('outbox');
		for (const row of rows) store.put(row);
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
	});
	const count = await new Promise<number>((resolve, reject) => {
		const request = db.transaction('outbox').objectStore('outbox').count();
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
	db.close();
	return count;
}

/** In the page: stamps the `online` event, then the first moment the outbox is empty. */
function watchDrain(intervalMs: number) {
	const watch: DrainWatch = { onlineAt: null, emptyAt: null, deadLetters: null };
	window.__drainWatch = watch;
	window.addEventListener('online', () => (watch.onlineAt ??= performance.now()), { once: true });
	void (async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('front-desk-kiosk');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const count = (store: string) =>
			new Promise<number>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).count();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		for (;;) {
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
			if (watch.onlineAt === null) continue;
			if ((await count('outbox')) === 0) {
				watch.emptyAt = performance.now();
				watch.deadLetters = await count('deadLetters');
				db.close();
				return;
			}
		}
	})();
}

export async function outboxDrain(
	kiosk: Kiosk,
	databasePath: string,
	appointmentIds: readonly string[]
): Promise<OutboxDrainResult> {
	const { context, page } = kiosk;
	const ids = appointmentIds.slice(0, OPS);
	if (ids.length < OPS) throw new Error('outbox drain: not enough appointments');
	await context.setOffline(true);
	const now = Date.now();
	// uuidv7 ids increase within the millisecond, so this list is already in send order.
	const ops: CheckInOp[] = ids.map((id) => checkInOp(id, now));
	const rows = ops.map((op) => ({ ...op, attempts: 0, lastError: null, lastTriedAt: null }));
	const queued = await page.evaluate(writeOutbox, rows);
	if (queued < OPS) throw new Error(`outbox drain: only ${queued} ops in the outbox`);

	await page.evaluate(watchDrain, WATCH_INTERVAL_MS);
	await context.setOffline(false);
	await page.waitForFunction(() => window.__drainWatch?.emptyAt != null, undefined, {
		polling: 100,
		timeout: 120_000
	});
	const watch = await page.evaluate(() => window.__drainWatch as DrainWatch);
	const drainMs = (watch.emptyAt ?? NaN) - (watch.onlineAt ?? NaN);

	const counts = countInDatabase(databasePath, ops);
	return {
		ops: OPS,
		drainMs: Math.round(drainMs),
		opsPerSecond: Math.round((OPS / drainMs) * 1000),
		lost: OPS - counts.queueEntries,
		duplicated: counts.doubleEntries + (counts.appointmentEntries - counts.queueEntries),
		deadLetters: watch.deadLetters ?? -1,
		queueEntries: counts.queueEntries
	};
}

export function outboxDrainRows(r: OutboxDrainResult): ReportRow[] {
	return [
		{
			what: `outbox drain after reconnect, ${r.ops} ops`,
			target: '≥ 500 ops/s',
			measured: `${r.opsPerSecond} ops/s (${r.drainMs} ms)`,
			met: r.opsPerSecond >= 500
		},
		{
			what: '  lost / duplicated / dead letters',
			target: '0 / 0 / 0',
			measured: `${r.lost} / ${r.duplicated} / ${r.deadLetters}`,
			met: r.lost === 0 && r.duplicated === 0 && r.deadLetters === 0
		}
	];
}
