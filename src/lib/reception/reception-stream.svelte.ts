import { Backoff } from '$lib/backoff';
import type { QueueSnapshot } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface StreamHandlers {
	/** `event: snapshot`: the server had nothing to replay from, so here is everything. */
	onSnapshot?: (snapshot: QueueSnapshot) => void;
	onEvent: (event: QueueEvent) => void;
	/**
	 * The stream failed (server down, network gone, or refused, e.g. an expired session).
	 * Called before each of our retries, so the page can find out why.
	 */
	onRefused?: () => void;
}

/** Retries start quickly and stay short: the server is on the clinic's own network. */
const RETRY = { baseMs: 500, maxMs: 5000 };

/**
 * The reception audience of `GET /api/events`, with a status the desk can see. On any error we
 * close the EventSource and open a new one ourselves, from the last event id we saw (so nothing
 * is missed), with a capped, jittered backoff: the browser's own retry is a fixed 2 s and gives
 * up for good on an HTTP error. The network coming back retries at once.
 */
export class ReceptionStream {
	#status = $state<StreamStatus>('connecting');
	/** When the desk last knew its copy was current (open, a message, or the moment it broke). */
	#lastUpdateAt = $state<number | null>(null);
	#lastEventId: number;
	readonly #handlers: StreamHandlers;

	constructor(lastEventId: number, handlers: StreamHandlers) {
		this.#lastEventId = lastEventId;
		this.#handlers = handlers;
	}

	get status(): StreamStatus {
		return this.#status;
	}

	get lastUpdateAt(): number | null {
		return this.#lastUpdateAt;
	}

	/** Opens the stream; returns the teardown (use as the return value of an `$effect`). */
	connect(): () => void {
		let source: EventSource | null = null;
		let closed = false;
		const backoff = new Backoff(RETRY);

		const open = () => {
			if (closed) return;
			source?.close();
			const current = new EventSource(
				`/api/events?audience=reception&lastEventId=${encodeURIComponent(this.#lastEventId)}`
			);
			source = current;
			current.onopen = () => {
				this.#status = 'live';
				this.#lastUpdateAt = Date.now();
				backoff.reset();
			};
			current.onerror = () => {
				if (source !== current || closed) return;
				if (this.#status === 'live') this.#lastUpdateAt = Date.now();
				this.#status = 'reconnecting';
				current.close();
				source = null;
				this.#handlers.onRefused?.();
				backoff.schedule(open);
			};
			current.addEventListener('snapshot', (message) => {
				this.#remember(message);
				this.#handlers.onSnapshot?.(JSON.parse(message.data as string) as QueueSnapshot);
			});
			current.addEventListener('queue', (message) => {
				this.#remember(message);
				this.#handlers.onEvent(JSON.parse(message.data as string) as QueueEvent);
			});
		};
		const onOnline = () => {
			if (this.#status === 'live') return;
			backoff.reset();
			backoff.cancel();
			open();
		};

		open();
		window.addEventListener('online', onOnline);
		return () => {
			closed = true;
			window.removeEventListener('online', onOnline);
			backoff.cancel();
			source?.close();
		};
	}

	#remember(message: MessageEvent) {
		this.#status = 'live';
		this.#lastUpdateAt = Date.now();
		const id = Number(message.lastEventId);
		if (Number.isSafeInteger(id) && id > this.#lastEventId) this.#lastEventId = id;
	}
}
