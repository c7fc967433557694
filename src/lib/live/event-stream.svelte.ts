/**
 * One audience's `GET /api/events`, with the reconnect policy every live surface shares:
 *
 * - On any error we close the EventSource and open a new one ourselves, from the newest event
 *   we saw (the server replays what we missed), after a capped, jittered backoff. The browser's
 *   own retry is the server's fixed `retry: 2000`, the same for every screen in the clinic, and
 *   it gives up for good on an HTTP error.
 * - A stream the browser gave up on (CLOSED: the server or a proxy answered with an error, such
 *   as 401 for a TV no longer paired or a desk signed out), or one away longer than
 *   `RESYNC_AFTER_MS`, first asks its owner for a fresh picture: that request can see the status
 *   (an EventSource cannot), and it puts the screen right in one step instead of a long replay.
 * - The network coming back retries at once.
 * - `status` and `lastUpdateAt` say how current the screen is ("Reconnecting… · Last update
 *   10:42"); whatever goes wrong, what is on screen stays.
 */
import { Backoff, type BackoffOptions } from '$lib/backoff';
import type { Freshness } from './fetch-current';
import { parseStreamMessage, STREAM_EVENT_TYPES, type StreamMessage } from './stream-message';

/** Who is listening; the server filters what each one may see. The phone page comes next. */
export type Audience = 'display' | 'reception';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

const RETRY: Record<Audience, BackoffOptions> = {
	// Staff are waiting, and the server is on the clinic's own network: retry soon.
	reception: { baseMs: 500, maxMs: 5_000 },
	// A room full of TVs that lost the server together: spread them out.
	display: { baseMs: 2_000, maxMs: 10_000 }
};

/** Away longer than this, a fresh picture is cheaper than replaying every event one by one. */
export const RESYNC_AFTER_MS = 60_000;

export interface EventStreamHandlers {
	onMessage: (message: StreamMessage) => void;
	/**
	 * Fetch a fresh picture of what the surface shows, and tell the stream where to resume
	 * (`resumeFrom`). On 'unauthorized' the stream stops; the owner sends the screen on its way.
	 */
	resync: () => Promise<Freshness>;
}

export class EventStream {
	#status = $state<ConnectionState>('connecting');
	/** When the screen was last known to be current (open, a message, or the moment it broke). */
	#lastUpdateAt = $state<number | null>(null);
	/** The newest event the screen includes: the stream resumes right after it. */
	#cursor: number;
	#source: EventSource | null = null;
	#needsResync = false;
	#reconnecting = false;
	#stopped = true;
	readonly #audience: Audience;
	readonly #handlers: EventStreamHandlers;
	readonly #retry: Backoff;

	constructor(audience: Audience, lastEventId: number, handlers: EventStreamHandlers) {
		this.#audience = audience;
		this.#cursor = lastEventId;
		this.#handlers = handlers;
		this.#retry = new Backoff(RETRY[audience]);
	}

	get status(): ConnectionState {
		return this.#status;
	}

	get lastUpdateAt(): number | null {
		return this.#lastUpdateAt;
	}

	/** The screen now holds everything up to `lastEventId` (a snapshot arrived). */
	resumeFrom(lastEventId: number): void {
		this.#cursor = lastEventId;
		this.#lastUpdateAt = Date.now();
	}

	/** Opens the stream; returns the teardown (the return value of an `$effect`). */
	connect(): () => void {
		this.#stopped = false;
		window.addEventListener('online', this.#onOnline);
		this.#open();
		return () => this.stop();
	}

	stop(): void {
		this.#stopped = true;
		window.removeEventListener('online', this.#onOnline);
		this.#retry.cancel();
		this.#source?.close();
		this.#source = null;
	}

	readonly #onOnline = () => {
		if (this.#status === 'live' || this.#stopped) return;
		this.#retry.cancel();
		this.#retry.reset();
		void this.#reconnect();
	};

	#open(): void {
		if (this.#stopped) return;
		this.#source?.close();
		const source = new EventSource(
			`/api/events?audience=${this.#audience}&lastEventId=${encodeURIComponent(this.#cursor)}`
		);
		this.#source = source;
		source.addEventListener('open', () => {
			if (this.#source !== source) return;
			this.#status = 'live';
			this.#lastUpdateAt = Date.now();
			this.#retry.reset();
		});
		for (const type of STREAM_EVENT_TYPES) {
			source.addEventListener(type, (message) => {
				if (this.#source !== source) return;
				this.#status = 'live';
				this.#lastUpdateAt = Date.now();
				const id = Number(message.lastEventId);
				if (Number.isSafeInteger(id) && id > this.#cursor) this.#cursor = id;
				this.#handlers.onMessage(parseStreamMessage(type, message.data));
			});
		}
		source.addEventListener('error', () => this.#fail(source));
	}

	#fail(source: EventSource): void {
		if (this.#source !== source || this.#stopped) return;
		if (this.#status === 'live') this.#lastUpdateAt = Date.now();
		this.#status = 'reconnecting';
		// Read before close(), which makes every stream CLOSED.
		if (source.readyState === EventSource.CLOSED) this.#needsResync = true;
		source.close();
		this.#source = null;
		this.#retry.schedule(() => void this.#reconnect());
	}

	async #reconnect(): Promise<void> {
		if (this.#reconnecting || this.#stopped) return;
		this.#reconnecting = true;
		try {
			const away = Date.now() - (this.#lastUpdateAt ?? 0);
			if (this.#needsResync || away > RESYNC_AFTER_MS) {
				const freshness = await this.#handlers.resync();
				if (freshness === 'unauthorized') return this.stop();
				if (freshness === 'current') this.#needsResync = false;
			}
			// Also when the resync failed: the stream's own error then schedules the next, longer wait.
			this.#open();
		} finally {
			this.#reconnecting = false;
		}
	}
}
