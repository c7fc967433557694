/**
 * A live copy of today's queue for one audience (the waiting-room display, the desk, and next
 * the patient's phone): the server-rendered snapshot, kept current by the event stream, with the
 * reconnect policy of `EventStream`. Whatever goes wrong (network, server restart, a new day),
 * the last good snapshot stays on screen; the only visible sign is the connection state.
 * Snapshots are immutable, so `$state.raw` and whole-object replacement are enough.
 */
import { applyEvent, type StaleList } from '$lib/queue/reducer';
import type { QueueSnapshot } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';
import { siteDay } from '$lib/site-time';
import { EventStream, type Audience, type ConnectionState } from './event-stream.svelte';
import { fetchCurrent, type Freshness } from './fetch-current';
import { parseStreamMessage, type StreamMessage } from './stream-message';

export interface LiveQueueOptions {
	audience: Audience;
	/** The site's timezone: `checkDay` compares its day with the snapshot's. */
	timezone: string;
	/**
	 * The server refused us (401): a TV no longer paired, a desk whose session ended. The queue
	 * has stopped; send the screen to pairing or sign-in.
	 */
	onUnauthorized: () => void;
	/** Reception: a list beside the queue changed (help requests, refused check-ins). */
	onStale?: (list: StaleList) => void;
	/** After every change of the snapshot (an event, a resync): the display hears calls here. */
	onChange?: (snapshot: QueueSnapshot) => void;
}

/** How often a stale site day may trigger a refetch (the server may still be on yesterday). */
const DAY_CHECK_MS = 60_000;

export class LiveQueue {
	#snapshot: QueueSnapshot;
	/** Server clock minus ours, from the newest snapshot: timings use the server's clock. */
	#skew: number;
	/** Events that arrived while a snapshot fetch was in flight; re-applied on top of it. */
	#buffered: QueueEvent[] | null = null;
	#resyncing: Promise<Freshness> | null = null;
	#lastDayCheck = 0;
	#stopped = false;
	readonly #options: LiveQueueOptions;
	readonly #stream: EventStream;

	constructor(initial: QueueSnapshot, options: LiveQueueOptions) {
		this.#snapshot = $state.raw(initial);
		this.#skew = initial.serverTime - Date.now();
		this.#options = options;
		this.#stream = new EventStream(options.audience, initial.lastEventId, {
			onMessage: (message) => this.#receive(message),
			resync: () => this.resync()
		});
	}

	get snapshot(): QueueSnapshot {
		return this.#snapshot;
	}

	get connection(): ConnectionState {
		return this.#stream.status;
	}

	/** When the queue on screen was last known to be current (shown while reconnecting). */
	get lastUpdateAt(): number | null {
		return this.#stream.lastUpdateAt;
	}

	/** Now, by the server's clock (epoch ms). */
	serverNow(): number {
		return Date.now() + this.#skew;
	}

	/** Opens the stream; returns the teardown (for an `$effect`). */
	start(): () => void {
		this.#stopped = false;
		this.#stream.connect();
		return () => this.stop();
	}

	stop(): void {
		this.#stopped = true;
		this.#stream.stop();
	}

	/**
	 * Called every tick of the clock. After the site's midnight the board must show the new day
	 * even if no `queue.reset` event comes (the server may have been down at midnight).
	 */
	checkDay(now: number): void {
		if (siteDay(this.#options.timezone, now) === this.#snapshot.siteDay) return;
		if (Date.now() - this.#lastDayCheck < DAY_CHECK_MS) return;
		this.#lastDayCheck = Date.now();
		void this.resync();
	}

	/**
	 * A snapshot from a page reload (a form posted without JavaScript, a sign-in). Taken only if
	 * it includes at least every event already applied here: an older one would undo a call the
	 * screen has just shown.
	 */
	adopt(snapshot: QueueSnapshot): void {
		if (snapshot !== this.#snapshot && snapshot.lastEventId >= this.#snapshot.lastEventId) {
			this.#replace(snapshot);
		}
	}

	/** Replaces the snapshot with a fresh one from the server. Single flight; never throws. */
	resync(): Promise<Freshness> {
		this.#resyncing ??= this.#fetchSnapshot().finally(() => (this.#resyncing = null));
		return this.#resyncing;
	}

	async #fetchSnapshot(): Promise<Freshness> {
		this.#buffered = [];
		let again = false;
		let freshness: Freshness;
		try {
			const result = await fetchCurrent(`/api/queue/snapshot?audience=${this.#options.audience}`);
			const message =
				result.kind === 'current' ? parseStreamMessage('snapshot', result.body) : null;
			if (result.kind === 'unauthorized') {
				this.stop();
				this.#options.onUnauthorized();
				return 'unauthorized';
			}
			if (message?.kind !== 'snapshot') return 'unreachable';
			let next = message.snapshot;
			for (const event of this.#buffered) {
				const applied = applyEvent(next, event);
				next = applied.snapshot;
				again ||= applied.needsRefetch;
			}
			this.#replace(next);
			freshness = 'current';
		} finally {
			this.#buffered = null;
		}
		// An event that came meanwhile asks for a snapshot newer than this one (a new day).
		return again && !this.#stopped ? this.#fetchSnapshot() : freshness;
	}

	#receive(message: StreamMessage): void {
		if (message.kind === 'snapshot') this.#replace(message.snapshot);
		else if (message.kind === 'event') this.#apply(message.event);
		else void this.resync();
	}

	#apply(event: QueueEvent): void {
		this.#buffered?.push(event);
		const result = applyEvent(this.#snapshot, event);
		if (result.applied) this.#set(result.snapshot);
		if (result.needsRefetch) void this.resync();
		if (result.staleList) this.#options.onStale?.(result.staleList);
	}

	#replace(snapshot: QueueSnapshot): void {
		this.#skew = snapshot.serverTime - Date.now();
		this.#stream.resumeFrom(snapshot.lastEventId);
		this.#set(snapshot);
	}

	#set(snapshot: QueueSnapshot): void {
		this.#snapshot = snapshot;
		this.#options.onChange?.(snapshot);
	}
}
