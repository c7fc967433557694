import type { QueueEvent, QueueSnapshot } from '$lib/queue/types';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface StreamHandlers {
	/** `event: snapshot`: the server had nothing to replay from, so here is everything. */
	onSnapshot?: (snapshot: QueueSnapshot) => void;
	onEvent: (event: QueueEvent) => void;
	/**
	 * The server refused the stream outright (the browser will not retry by itself), e.g. an
	 * expired session. Called before each of our own retries, so the page can check why.
	 */
	onRefused?: () => void;
}

/** Our own retry after the browser gave up; the browser's own retry (2 s) covers blips. */
const RETRY_AFTER_REFUSAL_MS = 5000;

/**
 * The reception audience of `GET /api/events`, with a status the desk can see. The browser's
 * EventSource resumes with `Last-Event-ID` after a dropped connection; when the server answers
 * with an error instead, EventSource closes for good, and we open a new one from the last id
 * we saw, so nothing is missed either way.
 */
export class ReceptionStream {
	#status = $state<StreamStatus>('connecting');
	#lastEventId: number;
	readonly #handlers: StreamHandlers;

	constructor(lastEventId: number, handlers: StreamHandlers) {
		this.#lastEventId = lastEventId;
		this.#handlers = handlers;
	}

	get status(): StreamStatus {
		return this.#status;
	}

	/** Opens the stream; returns the teardown (use as the return value of an `$effect`). */
	connect(): () => void {
		let source: EventSource | null = null;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let closed = false;

		const open = () => {
			source = new EventSource(
				`/api/events?audience=reception&lastEventId=${encodeURIComponent(this.#lastEventId)}`
			);
			source.onopen = () => {
				this.#status = 'live';
			};
			source.onerror = () => {
				this.#status = 'reconnecting';
				if (source?.readyState === EventSource.CLOSED && !closed) {
					source = null;
					this.#handlers.onRefused?.();
					retry = setTimeout(open, RETRY_AFTER_REFUSAL_MS);
				}
			};
			source.addEventListener('snapshot', (message) => {
				this.#remember(message);
				this.#handlers.onSnapshot?.(JSON.parse(message.data as string) as QueueSnapshot);
			});
			source.addEventListener('queue', (message) => {
				this.#remember(message);
				this.#handlers.onEvent(JSON.parse(message.data as string) as QueueEvent);
			});
		};

		open();
		return () => {
			closed = true;
			clearTimeout(retry);
			source?.close();
		};
	}

	#remember(message: MessageEvent) {
		this.#status = 'live';
		const id = Number(message.lastEventId);
		if (Number.isSafeInteger(id) && id > this.#lastEventId) this.#lastEventId = id;
	}
}
