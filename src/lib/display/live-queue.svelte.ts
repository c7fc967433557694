/**
 * The display's live copy of the queue: the server-rendered snapshot, kept current by the SSE
 * stream. Whatever goes wrong (network, server restart, a new day), the last good snapshot stays
 * on screen; the only visible sign is the connection state.
 */
import { applyEvent } from '$lib/queue/reducer';
import type { QueueEntryView, QueueSnapshot } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';
import { siteDay } from '$lib/site-time';
import { Backoff } from '$lib/backoff';
import { callsToAnnounce, latestCallAt } from '$lib/display/calls';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface LiveQueueOptions {
	timezone: string;
	/** The server no longer knows this TV (enrollment removed): show the pairing screen. */
	onUnenrolled: () => void;
	/** New calls the room should hear, oldest first. */
	onCalls: (calls: QueueEntryView[]) => void;
}

const SNAPSHOT_URL = '/api/queue/snapshot?audience=display';
/** Our own reopens after the browser gave up: capped and jittered (a room full of TVs). */
const RETRY = { baseMs: 2_000, maxMs: 10_000 };
/** How often a stale site day may trigger a refetch (the server may still be on yesterday). */
const DAY_CHECK_MS = 60_000;

export class LiveQueue {
	#snapshot: QueueSnapshot;
	#connection: ConnectionState = $state('connecting');
	/** When the board was last known to be current (open, a message, or the moment it broke). */
	#lastUpdateAt: number | null = $state(null);
	/** Server clock minus ours, from the newest snapshot: timings use the server's clock. */
	#skew: number;
	#announcedUpTo: number;
	#source: EventSource | null = null;
	/** Events that arrived while a snapshot fetch was in flight; re-applied on top of it. */
	#buffered: QueueEvent[] | null = null;
	readonly #retry = new Backoff(RETRY);
	#lastDayCheck = 0;
	#stopped = true;

	constructor(
		initial: QueueSnapshot,
		private readonly options: LiveQueueOptions
	) {
		this.#snapshot = $state.raw(initial);
		this.#skew = initial.serverTime - Date.now();
		// What the first snapshot shows was called before this screen was on: no chime for it.
		this.#announcedUpTo = latestCallAt(initial.entries);
	}

	get snapshot(): QueueSnapshot {
		return this.#snapshot;
	}

	get connection(): ConnectionState {
		return this.#connection;
	}

	get lastUpdateAt(): number | null {
		return this.#lastUpdateAt;
	}

	/** Now, by the server's clock (epoch ms). */
	serverNow(): number {
		return Date.now() + this.#skew;
	}

	/** Opens the stream; returns the teardown (for an `$effect`). */
	start(): () => void {
		this.#stopped = false;
		this.#open();
		return () => this.stop();
	}

	stop(): void {
		this.#stopped = true;
		this.#source?.close();
		this.#source = null;
		this.#retry.cancel();
	}

	/**
	 * Called every tick of the clock. After the site's midnight the board must show the new day
	 * even if no `queue.reset` event comes (the server may have been down at midnight).
	 */
	checkDay(now: number): void {
		if (siteDay(this.options.timezone, now) === this.#snapshot.siteDay) return;
		if (Date.now() - this.#lastDayCheck < DAY_CHECK_MS) return;
		this.#lastDayCheck = Date.now();
		void this.refetch();
	}

	/** Replaces the snapshot with a fresh one from the server. Single flight; never throws. */
	async refetch(): Promise<void> {
		if (this.#buffered) return;
		this.#buffered = [];
		let again = false;
		try {
			const response = await fetch(SNAPSHOT_URL, { cache: 'no-store' });
			if (response.status === 401) {
				this.stop();
				this.options.onUnenrolled();
				return;
			}
			if (!response.ok) throw new Error(`snapshot answered ${response.status}`);
			let next = (await response.json()) as QueueSnapshot;
			for (const event of this.#buffered) {
				const result = applyEvent(next, event);
				next = result.snapshot;
				again ||= result.needsRefetch;
			}
			this.#replace(next);
		} catch {
			// Keep the board as it is; the day check or the next reconnect tries again.
			again = false;
		} finally {
			this.#buffered = null;
		}
		if (again && !this.#stopped) await this.refetch();
	}

	#open(): void {
		if (this.#stopped) return;
		const lastEventId = this.#snapshot.lastEventId;
		const source = new EventSource(`/api/events?audience=display&lastEventId=${lastEventId}`);
		this.#source = source;
		source.addEventListener('open', () => {
			this.#connection = 'live';
			this.#lastUpdateAt = Date.now();
			this.#retry.reset();
		});
		source.addEventListener('snapshot', (message) => {
			const snapshot = parse<QueueSnapshot>(message);
			if (snapshot) this.#replace(snapshot);
			else void this.refetch();
		});
		source.addEventListener('queue', (message) => {
			const event = parse<QueueEvent>(message);
			if (event) this.#apply(event);
			else void this.refetch();
		});
		source.addEventListener('error', () => {
			if (this.#source !== source) return;
			if (this.#connection === 'live') this.#lastUpdateAt = Date.now();
			this.#connection = 'reconnecting';
			// CONNECTING: the browser retries by itself and sends Last-Event-ID (server restart,
			// dropped network). CLOSED: it gave up (an HTTP error such as a proxy's 502, or 401),
			// so we retry, finding out on the way whether this TV is still enrolled.
			if (source.readyState === EventSource.CLOSED) {
				source.close();
				this.#source = null;
				this.#scheduleReopen();
			}
		});
	}

	#scheduleReopen(): void {
		if (this.#stopped || this.#retry.pending) return;
		this.#retry.schedule(() => void this.refetch().then(() => this.#open()));
	}

	#apply(event: QueueEvent): void {
		this.#buffered?.push(event);
		const result = applyEvent(this.#snapshot, event);
		if (result.applied) this.#set(result.snapshot);
		if (result.needsRefetch) void this.refetch();
	}

	#replace(snapshot: QueueSnapshot): void {
		this.#skew = snapshot.serverTime - Date.now();
		this.#set(snapshot);
	}

	#set(snapshot: QueueSnapshot): void {
		this.#snapshot = snapshot;
		this.#lastUpdateAt = Date.now();
		const calls = callsToAnnounce(snapshot.entries, this.#announcedUpTo, this.serverNow());
		this.#announcedUpTo = Math.max(this.#announcedUpTo, latestCallAt(snapshot.entries));
		if (calls.length > 0) this.options.onCalls(calls);
	}
}

function parse<T>(message: MessageEvent<unknown>): T | null {
	try {
		return typeof message.data === 'string' ? (JSON.parse(message.data) as T) : null;
	} catch {
		return null;
	}
}
