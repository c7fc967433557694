import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpResult, SyncOp, SyncRequest, SyncResponse } from '$lib/schemas/sync';
import { KioskDb } from './db';
import { SyncEngine, type SyncEngineOptions } from './sync-engine.svelte';

const NOW = Date.UTC(2026, 2, 14, 15, 0);

/** Valid UUIDv7 strings whose order as strings is the order of `n`. */
const opId = (n: number) => `0190abcd-0000-7000-8000-${String(n).padStart(12, '0')}`;

function checkInOp(n: number, appointmentId = 'ab12cd'): SyncOp {
	return {
		id: opId(n),
		type: 'checkin',
		createdAt: NOW + n,
		payload: { appointmentId, method: 'lookup', arrivedAt: NOW + n }
	};
}

function json(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}

function answer(results: OpResult[], resolvedOpIds: string[] = []): Response {
	const body: SyncResponse = { results, serverTime: NOW, resolvedOpIds };
	return json(body);
}

const applyAll = (request: SyncRequest) =>
	answer(request.ops.map((op) => ({ id: op.id, outcome: 'applied' as const })));

type Handler = (request: SyncRequest) => Response | Promise<Response>;

/** A fake server: records every request body and answers with `handler`; no network. */
function fakeServer(initial: Handler = applyAll) {
	const server = {
		handler: initial,
		requests: [] as SyncRequest[],
		fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
			const body = JSON.parse(String(init?.body)) as SyncRequest;
			server.requests.push(body);
			return server.handler(body);
		}) as typeof fetch
	};
	return server;
}

let db: KioskDb;
let stops: (() => void)[];

function engineFor(server: { fetch: typeof fetch }, options: SyncEngineOptions = {}) {
	return new SyncEngine(db, {
		fetch: server.fetch,
		now: () => NOW,
		random: () => 0.5,
		appVersion: 'test-1',
		...options
	});
}

/** Starts the engine (its first flight begins at once) and waits for the flight to finish. */
async function startAndSettle(engine: SyncEngine): Promise<void> {
	stops.push(engine.start());
	await engine.settled();
}

beforeEach(() => {
	db = new KioskDb(`test-${crypto.randomUUID()}`);
	stops = [];
	// start() listens for `online` on window; the node environment has none. No Web Locks and
	// no storage API: the engine then syncs without a lock and reports persistence as unknown.
	vi.stubGlobal('window', new EventTarget());
	vi.stubGlobal('navigator', {});
});

afterEach(async () => {
	for (const stop of stops) stop();
	vi.unstubAllGlobals();
	vi.useRealTimers();
	await db.delete();
});

describe('SyncEngine.enqueue', () => {
	it('refuses an invalid op and stores nothing', async () => {
		const server = fakeServer();
		const engine = engineFor(server);
		const bad = { ...checkInOp(1), id: 'not-a-uuid' };
		await expect(engine.enqueue(bad)).rejects.toThrow(/UUIDv7/);
		const missing = { ...checkInOp(2), payload: { appointmentId: 'ab12cd' } } as SyncOp;
		await expect(engine.enqueue(missing)).rejects.toThrow();
		expect(await db.outbox.count()).toBe(0);
		expect(engine.pending).toBe(0);
	});

	it('stores a valid op with no attempts yet and counts it as pending', async () => {
		const engine = engineFor(fakeServer());
		await engine.enqueue(checkInOp(1));
		expect(await db.outbox.get(opId(1))).toEqual({
			...checkInOp(1),
			attempts: 0,
			lastError: null,
			lastTriedAt: null
		});
		expect(engine.pending).toBe(1);
		expect(engine.oldestPendingAt).toBe(NOW + 1);
	});
});

describe('SyncEngine sending', () => {
	it('sends ops in id order, in batches of batchSize, and empties the outbox', async () => {
		const server = fakeServer();
		const engine = engineFor(server, { batchSize: 2 });
		for (const n of [3, 1, 5, 2, 4]) await engine.enqueue(checkInOp(n));
		await startAndSettle(engine);
		expect(server.requests.map((r) => r.ops.map((op) => op.id))).toEqual([
			[opId(1), opId(2)],
			[opId(3), opId(4)],
			[opId(5)]
		]);
		// Only what the server accepts is sent: no outbox bookkeeping fields.
		expect(server.requests[0].ops[0]).toEqual(checkInOp(1));
		expect(await db.outbox.count()).toBe(0);
		expect(engine.pending).toBe(0);
		expect(engine.phase).toBe('idle');
		expect(engine.lastContactAt).toBe(NOW);
	});

	it('reports pending and dead-letter counts in the status', async () => {
		await db.deadLetters.put({ id: opId(9), op: checkInOp(9), reason: 'cancelled', at: NOW });
		const server = fakeServer();
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await engine.enqueue(checkInOp(2));
		await engine.refreshCounts();
		await startAndSettle(engine);
		expect(server.requests[0].status).toEqual({
			appVersion: 'test-1',
			pending: 2,
			oldestPendingAt: NOW + 1,
			deadLetters: 1,
			storagePersisted: null
		});
	});

	it('reports in with an empty batch when there is nothing to send', async () => {
		const server = fakeServer();
		const engine = engineFor(server);
		await startAndSettle(engine);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].ops).toEqual([]);
		expect(engine.phase).toBe('idle');
	});

	it('removes applied and duplicate ops and moves rejected ones to the dead letters', async () => {
		const server = fakeServer((request) =>
			answer([
				{ id: request.ops[0].id, outcome: 'applied', ticket: 'A-001' },
				{ id: request.ops[1].id, outcome: 'duplicate', reason: 'already-checked-in' },
				{ id: request.ops[2].id, outcome: 'rejected', reason: 'appointment-cancelled' }
			])
		);
		const engine = engineFor(server);
		for (const n of [1, 2, 3]) await engine.enqueue(checkInOp(n));
		await startAndSettle(engine);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.deadLetters.toArray()).toEqual([
			{ id: opId(3), op: checkInOp(3), reason: 'appointment-cancelled', at: NOW }
		]);
		expect(engine.pending).toBe(0);
		expect(engine.deadLetters).toBe(1);
	});

	it('keeps everything on a network error, counts the attempt and goes offline', async () => {
		const server = fakeServer(() => {
			throw new TypeError('fetch failed');
		});
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await engine.enqueue(checkInOp(2));
		await startAndSettle(engine);
		const rows = await db.outbox.orderBy('id').toArray();
		expect(rows.map((r) => [r.id, r.attempts, r.lastError, r.lastTriedAt])).toEqual([
			[opId(1), 1, 'network error', NOW],
			[opId(2), 1, 'network error', NOW]
		]);
		expect(engine.phase).toBe('offline');
		expect(engine.online).toBe(false);
		expect(engine.pending).toBe(2);
		expect(await db.deadLetters.count()).toBe(0);
	});

	it('keeps everything on a 503 and retries later', async () => {
		const server = fakeServer(() => json({ message: 'busy' }, 503));
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		const [row] = await db.outbox.toArray();
		expect(row.attempts).toBe(1);
		expect(row.lastError).toBe('server answered 503');
		expect(engine.phase).toBe('retrying');
		expect(await db.deadLetters.count()).toBe(0);
	});

	it('stops at not-enrolled on a 401, keeping the outbox', async () => {
		const server = fakeServer(() => json({ message: 'enroll', code: 'not-enrolled' }, 401));
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		expect(engine.phase).toBe('not-enrolled');
		expect(await db.outbox.count()).toBe(1);
		expect(await db.deadLetters.count()).toBe(0);
	});

	it('retries a refused batch one op at a time and dead-letters only the bad op', async () => {
		const bad = opId(2);
		const server = fakeServer((request) => {
			if (request.ops.some((op) => op.id === bad)) {
				return json({ message: 'Invalid request: ops.1.payload.appointmentId' }, 400);
			}
			return applyAll(request);
		});
		const engine = engineFor(server);
		for (const n of [1, 2, 3]) await engine.enqueue(checkInOp(n));
		await startAndSettle(engine);
		expect(server.requests.map((r) => r.ops.map((op) => op.id))).toEqual([
			[opId(1), opId(2), opId(3)],
			[opId(1)],
			[opId(2)],
			[opId(3)]
		]);
		expect(await db.outbox.count()).toBe(0);
		const letters = await db.deadLetters.toArray();
		expect(letters.map((l) => l.id)).toEqual([bad]);
		expect(letters[0].reason).toBe('http-400: Invalid request: ops.1.payload.appointmentId');
		expect(engine.phase).toBe('idle');
	});

	it('drops dead letters that staff have resolved', async () => {
		const server = fakeServer((request) =>
			answer(request.ops.map((op) => ({ id: op.id, outcome: 'rejected', reason: 'cancelled' })))
		);
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		expect(await db.deadLetters.count()).toBe(1);

		server.handler = () => answer([], [opId(1)]);
		engine.trigger();
		await engine.settled();
		expect(server.requests.at(-1)?.ops).toEqual([]);
		expect(await db.deadLetters.count()).toBe(0);
		expect(engine.deadLetters).toBe(0);
	});
});

describe('SyncEngine.waitFor', () => {
	it("resolves with the server's answer for the op", async () => {
		const server = fakeServer((request) =>
			answer([{ id: request.ops[0].id, outcome: 'applied', ticket: 'A-017', position: 3 }])
		);
		const engine = engineFor(server);
		const result = engine.waitFor(opId(1), 60_000);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		await expect(result).resolves.toEqual({
			id: opId(1),
			outcome: 'applied',
			ticket: 'A-017',
			position: 3
		});
	});

	it('resolves with the rejection when the op is dead-lettered', async () => {
		const server = fakeServer(() => json({ message: 'no' }, 422));
		const engine = engineFor(server);
		const result = engine.waitFor(opId(1), 60_000);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		await expect(result).resolves.toMatchObject({ id: opId(1), outcome: 'rejected' });
	});

	it('resolves with null when no answer comes in time', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const engine = engineFor(fakeServer());
		const result = engine.waitFor(opId(1), 2500);
		vi.advanceTimersByTime(2500);
		await expect(result).resolves.toBeNull();
	});
});

describe('SyncEngine flights', () => {
	it('never overlaps requests: triggers during a flight cause one more flight', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let firstCall!: () => void;
		const firstCalled = new Promise<void>((resolve) => (firstCall = resolve));
		const server = fakeServer(async (request) => {
			inFlight += 1;
			maxInFlight = Math.max(maxInFlight, inFlight);
			if (server.requests.length === 1) {
				firstCall();
				await gate;
			}
			inFlight -= 1;
			return applyAll(request);
		});
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		stops.push(engine.start());
		await firstCalled;
		expect(engine.phase).toBe('syncing');
		engine.trigger();
		engine.trigger();
		release();
		await engine.settled();
		expect(server.requests).toHaveLength(2);
		expect(maxInFlight).toBe(1);
		expect(server.requests[1].ops).toEqual([]);
	});

	it('does nothing before start() and after stop', async () => {
		const server = fakeServer();
		const engine = engineFor(server);
		engine.trigger();
		await engine.enqueue(checkInOp(1));
		await engine.settled();
		expect(server.requests).toHaveLength(0);

		const stop = engine.start();
		await engine.settled();
		stop();
		expect(server.requests).toHaveLength(1);
		await engine.enqueue(checkInOp(2));
		window.dispatchEvent(new Event('online'));
		await engine.settled();
		expect(server.requests).toHaveLength(1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('syncs again when the browser comes back online', async () => {
		const server = fakeServer(() => {
			throw new TypeError('fetch failed');
		});
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		expect(engine.phase).toBe('offline');

		server.handler = applyAll;
		window.dispatchEvent(new Event('online'));
		await engine.settled();
		expect(engine.phase).toBe('idle');
		expect(await db.outbox.count()).toBe(0);
	});

	it('stays quiet while another tab holds the sync lock', async () => {
		const requestLock = vi.fn(
			async (_name: string, _options: unknown, task: (lock: null) => Promise<void>) => task(null)
		);
		vi.stubGlobal('navigator', { locks: { request: requestLock } });
		const server = fakeServer();
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		expect(requestLock).toHaveBeenCalledWith(
			'front-desk-kiosk-sync',
			{ ifAvailable: true },
			expect.any(Function)
		);
		expect(server.requests).toHaveLength(0);
		expect(await db.outbox.count()).toBe(1);
	});

	it('syncs while holding the lock when it is free', async () => {
		const requestLock = vi.fn(
			async (_name: string, _options: unknown, task: (lock: object) => Promise<void>) => task({})
		);
		vi.stubGlobal('navigator', { locks: { request: requestLock } });
		const server = fakeServer();
		const engine = engineFor(server);
		await engine.enqueue(checkInOp(1));
		await startAndSettle(engine);
		expect(server.requests).toHaveLength(1);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('SyncEngine holding anonymous ops', () => {
	const HOUR = 3_600_000;
	const slot = NOW - (NOW % HOUR);

	function feedbackOp(n: number): SyncOp {
		return {
			id: opId(n),
			type: 'feedback',
			createdAt: slot,
			payload: { score: 4, language: 'en', method: 'qr', slot }
		};
	}

	it('keeps a held op in the outbox, uncounted, while it sends the ops around it', async () => {
		const server = fakeServer();
		let now = NOW;
		const engine = engineFor(server, { now: () => now, batchSize: 2 });
		// The held op sorts first (its id is as old as its hour), so it must not fill the batch.
		await engine.enqueue(feedbackOp(1), { notBefore: slot + HOUR });
		await engine.enqueue(checkInOp(2));
		await engine.enqueue(checkInOp(3));
		await engine.enqueue(checkInOp(4));
		expect(engine.pending).toBe(3);
		expect(engine.held).toBe(1);
		expect(engine.oldestPendingAt).toBe(NOW + 2);
		await startAndSettle(engine);
		expect(server.requests.map((r) => r.ops.map((op) => op.id))).toEqual([
			[opId(2), opId(3)],
			[opId(4)]
		]);
		expect((await db.outbox.toArray()).map((op) => op.id)).toEqual([opId(1)]);
		expect(engine.pending).toBe(0);
		expect(engine.held).toBe(1);

		// One millisecond before the hour ends: still held.
		now = slot + HOUR - 1;
		engine.trigger();
		await engine.settled();
		expect(server.requests.at(-1)?.ops).toEqual([]);

		// The hour is over: the next flight takes it, as the server accepts it (no `notBefore`).
		now = slot + HOUR;
		engine.trigger();
		await engine.settled();
		expect(server.requests.at(-1)?.ops).toEqual([feedbackOp(1)]);
		expect(await db.outbox.count()).toBe(0);
		expect(engine.held).toBe(0);
	});

	it('sends a held op with the heartbeat once its hour has passed', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const server = fakeServer();
		let now = NOW;
		const engine = engineFor(server, { now: () => now, heartbeatMs: 30_000 });
		await engine.enqueue(feedbackOp(1), { notBefore: slot + HOUR });
		await startAndSettle(engine);
		expect(server.requests.flatMap((r) => r.ops)).toEqual([]);
		now = slot + HOUR;
		await vi.advanceTimersByTimeAsync(30_000);
		await engine.settled();
		expect(server.requests.flatMap((r) => r.ops.map((op) => op.id))).toEqual([opId(1)]);
	});
});
