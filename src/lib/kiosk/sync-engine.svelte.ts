import type { OpResult, SyncOp, SyncResponse, KioskStatus } from '$lib/schemas/sync';
import { MAX_OPS_PER_BATCH, SYNC_BATCH_BYTES } from '$lib/schemas/limits';
import { withinBudget } from './batch';
import type { KioskDb, OutboxOp } from './db';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'retrying' | 'not-enrolled';

export interface SyncEngineOptions {
	endpoint?: string;
	batchSize?: number;
	/** Bytes per request, about (see ./batch.ts). */
	batchBytes?: number;
	appVersion?: string;
	/** Heartbeat: how often an idle kiosk still reports in (ms). */
	heartbeatMs?: number;
	fetch?: typeof fetch;
	now?: () => number;
	random?: () => number;
}

const LOCK_NAME = 'front-desk-kiosk-sync';
const BACKOFF_BASE_MS = 1000;
// A few kiosks per clinic cost the server nothing; a minute's wait meant a patient checked in
// during a server restart stayed invisible to the desk for up to a minute after it came back.
const BACKOFF_MAX_MS = 10_000;

class TransientError extends Error {}

/** Whether an op may be sent at `now`: not held, or held until a moment that has passed. */
const readyAt = (now: number) => (op: OutboxOp) =>
	op.notBefore === undefined || op.notBefore <= now;

/**
 * Pushes the outbox to the server (DESIGN §5). One flight at a time and one tab at a time (Web
 * Locks); triggered on commit, on `online`, and by a timer that backs off with jitter. Ops leave
 * the outbox only when the server has answered for them: applied/duplicate delete them, rejected
 * moves them to the dead letters. A network error or 5xx leaves everything where it was.
 */
export class SyncEngine {
	#phase = $state<SyncPhase>('idle');
	#pending = $state(0);
	#oldestPendingAt = $state<number | null>(null);
	#deadLetters = $state(0);
	#held = $state(0);
	#lastContactAt = $state<number | null>(null);
	#storagePersisted = $state<boolean | null>(null);

	#running: Promise<void> | null = null;
	#again = false;
	#failures = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stopped = true;
	// Plain Map on purpose: waiters are callbacks, nothing renders from them.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#waiters = new Map<string, (result: OpResult) => void>();
	readonly #opts: Required<SyncEngineOptions>;

	constructor(
		private readonly db: KioskDb,
		options: SyncEngineOptions = {}
	) {
		this.#opts = {
			endpoint: '/api/kiosk/sync',
			batchSize: MAX_OPS_PER_BATCH,
			batchBytes: SYNC_BATCH_BYTES,
			appVersion: 'dev',
			heartbeatMs: 30_000,
			fetch: (...args) => fetch(...args),
			now: () => Date.now(),
			random: Math.random,
			...options
		};
	}

	get phase() {
		return this.#phase;
	}
	/** Ops waiting to be sent now; held ops (see `enqueue`) are not a backlog and not counted. */
	get pending() {
		return this.#pending;
	}
	/** Anonymous ops held in the outbox until their hour has ended. */
	get held() {
		return this.#held;
	}
	get oldestPendingAt() {
		return this.#oldestPendingAt;
	}
	get deadLetters() {
		return this.#deadLetters;
	}
	get lastContactAt() {
		return this.#lastContactAt;
	}
	get storagePersisted() {
		return this.#storagePersisted;
	}
	get online() {
		return this.#phase === 'idle' || this.#phase === 'syncing';
	}

	start(): () => void {
		this.#stopped = false;
		// Started again after pairing anew: the last answer (401) no longer holds.
		if (this.#phase === 'not-enrolled') this.#phase = 'idle';
		const onOnline = () => this.trigger();
		window.addEventListener('online', onOnline);
		void this.refreshCounts();
		void this.requestPersistence();
		this.trigger();
		return () => {
			this.#stopped = true;
			window.removeEventListener('online', onOnline);
			if (this.#timer) clearTimeout(this.#timer);
		};
	}

	/**
	 * Writes an op to the outbox (validated by the same schema the server applies) and syncs.
	 * `notBefore` holds it there until that instant: it is stored like any op, survives a reload,
	 * and goes with the first flight after it (the heartbeat at the latest).
	 */
	async enqueue(op: SyncOp, { notBefore }: { notBefore?: number } = {}): Promise<void> {
		// The schemas load with the first op, not with the kiosk (DESIGN §9: a small first load).
		const [v, schemas] = await Promise.all([import('valibot'), import('$lib/schemas/sync')]);
		const valid = v.parse(schemas.SyncOp, op);
		const row: OutboxOp = { ...valid, attempts: 0, lastError: null, lastTriedAt: null };
		if (notBefore !== undefined) row.notBefore = notBefore;
		await this.db.transaction('rw', this.db.outbox, async () => {
			await this.db.outbox.add(row);
		});
		await this.refreshCounts();
		this.trigger();
	}

	/** Resolves with the server's answer for `opId`, or null if none came within `timeoutMs`. */
	waitFor(opId: string, timeoutMs: number): Promise<OpResult | null> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.#waiters.delete(opId);
				resolve(null);
			}, timeoutMs);
			this.#waiters.set(opId, (result) => {
				clearTimeout(timer);
				resolve(result);
			});
		});
	}

	trigger(): void {
		if (this.#stopped) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = this.withLock(() => this.drain()).finally(() => {
			this.#running = null;
			if (this.#again) {
				this.#again = false;
				this.trigger();
			}
		});
	}

	/** Resolves when the current flight (if any) has finished. */
	async settled(): Promise<void> {
		while (this.#running) await this.#running;
	}

	private async withLock(task: () => Promise<void>): Promise<void> {
		const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
		if (!locks) return task();
		// ifAvailable: another tab holding the lock is already syncing; this one stays quiet.
		await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
			if (lock) await task();
		});
	}

	private async drain(): Promise<void> {
		this.#phase = this.#phase === 'idle' ? 'syncing' : this.#phase;
		try {
			let sentAny = false;
			const ready = readyAt(this.#opts.now());
			for (;;) {
				const next = await this.db.outbox
					.orderBy('id')
					.filter(ready)
					.limit(this.#opts.batchSize)
					.toArray();
				const batch = withinBudget(next, this.#opts.batchBytes);
				if (batch.length === 0 && sentAny) break;
				await this.send(batch);
				sentAny = true;
				if (next.length < this.#opts.batchSize && batch.length === next.length) break;
			}
			this.#failures = 0;
			this.#phase = 'idle';
			this.schedule(this.#opts.heartbeatMs);
		} catch (error) {
			if (this.#phase === 'not-enrolled') return;
			this.#failures += 1;
			this.#phase =
				error instanceof TransientError && error.message === 'network' ? 'offline' : 'retrying';
			this.schedule(this.backoff());
		}
	}

	private backoff(): number {
		const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (this.#failures - 1));
		return Math.round(exp / 2 + this.#opts.random() * (exp / 2));
	}

	private schedule(ms: number) {
		if (this.#stopped) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.trigger(), ms);
	}

	private async send(batch: OutboxOp[]): Promise<void> {
		const now = this.#opts.now();
		const ops = batch.map(
			({ id, type, createdAt, payload }) => ({ id, type, createdAt, payload }) as SyncOp
		);
		const status: KioskStatus = {
			appVersion: this.#opts.appVersion,
			pending: this.#pending,
			oldestPendingAt: this.#oldestPendingAt,
			deadLetters: this.#deadLetters,
			storagePersisted: this.#storagePersisted
		};
		let response: Response;
		try {
			response = await this.#opts.fetch(this.#opts.endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ops, status }),
				credentials: 'same-origin'
			});
		} catch {
			await this.noteAttempt(batch, 'network error', now);
			throw new TransientError('network');
		}
		if (response.status === 401) {
			this.#phase = 'not-enrolled';
			throw new Error('not enrolled');
		}
		if (response.status >= 500 || response.status === 408 || response.status === 429) {
			await this.noteAttempt(batch, `server answered ${response.status}`, now);
			throw new TransientError(`http ${response.status}`);
		}
		this.#lastContactAt = now;
		if (!response.ok) {
			const message = await errorMessage(response);
			const contentRefused = [400, 413, 422].includes(response.status) && batch.length > 0;
			if (!contentRefused) {
				// Refused as a request, not for its ops (a proxy's 404, a status report it disliked):
				// keep every op and try again later rather than dead-letter them all.
				await this.noteAttempt(batch, message, now);
				throw new TransientError(`http ${response.status}`);
			}
			// The server refused the batch's content. Find the culprit one op at a time, so one bad
			// op cannot hold up every check-in behind it.
			if (batch.length > 1) {
				for (const op of batch) await this.send([op]);
				return;
			}
			await this.deadLetter(batch, [{ id: batch[0].id, outcome: 'rejected', reason: message }]);
			return;
		}
		const body = (await response.json()) as SyncResponse;
		await this.deadLetter(batch, body.results);
		if (body.resolvedOpIds.length) await this.db.deadLetters.bulkDelete(body.resolvedOpIds);
		await this.refreshCounts();
		if (body.results.length < batch.length) {
			// The server stopped part-way (an op failed on its side): the rest stay, in order, and
			// are tried again after a pause rather than in a tight loop.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
			const answered = new Set(body.results.map((r) => r.id));
			await this.noteAttempt(
				batch.filter((op) => !answered.has(op.id)),
				'server answered part of the batch',
				now
			);
			throw new TransientError('partial');
		}
	}

	/** Removes answered ops in one transaction: applied/duplicate go, rejected become dead letters. */
	private async deadLetter(batch: OutboxOp[], results: OpResult[]): Promise<void> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
		const byId = new Map(batch.map((op) => [op.id, op]));
		const now = this.#opts.now();
		await this.db.transaction('rw', this.db.outbox, this.db.deadLetters, async () => {
			for (const result of results) {
				const op = byId.get(result.id);
				if (!op) continue;
				if (result.outcome === 'rejected') {
					const { id, type, createdAt, payload } = op;
					await this.db.deadLetters.put({
						id,
						op: { id, type, createdAt, payload } as SyncOp,
						reason: result.reason ?? 'rejected',
						at: now
					});
				}
				await this.db.outbox.delete(result.id);
			}
		});
		await this.refreshCounts();
		for (const result of results) {
			this.#waiters.get(result.id)?.(result);
			this.#waiters.delete(result.id);
		}
	}

	private async noteAttempt(batch: OutboxOp[], error: string, at: number) {
		await this.db.outbox.bulkUpdate(
			batch.map((op) => ({
				key: op.id,
				changes: { attempts: op.attempts + 1, lastError: error, lastTriedAt: at }
			}))
		);
	}

	async refreshCounts(): Promise<void> {
		const now = this.#opts.now();
		const [all, held, first, dead] = await Promise.all([
			this.db.outbox.count(),
			this.db.outbox.where('notBefore').above(now).count(),
			this.db.outbox.orderBy('id').filter(readyAt(now)).first(),
			this.db.deadLetters.count()
		]);
		this.#pending = all - held;
		this.#held = held;
		this.#oldestPendingAt = first?.createdAt ?? null;
		this.#deadLetters = dead;
	}

	private async requestPersistence() {
		try {
			const storage = navigator.storage;
			if (!storage?.persist) return;
			this.#storagePersisted = (await storage.persisted()) || (await storage.persist());
		} catch {
			this.#storagePersisted = false;
		}
	}
}

async function errorMessage(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { message?: string };
		return `http-${response.status}: ${body.message ?? 'refused'}`;
	} catch {
		return `http-${response.status}`;
	}
}
