/**
 * A list a live page shows beside (or instead of) the queue, such as the desk's help requests
 * and refused check-ins or the Devices table: an event says it changed, and we fetch it again
 * with a plain request that, while the server is away, is retried with backoff until it answers.
 * `invalidate` would do the same fetch, but a failed one sends the whole page to SvelteKit's
 * root error page: the desk left open over a server restart stayed on "500".
 */
import { Backoff } from '$lib/backoff';
import { fetchCurrent, type Freshness } from './fetch-current';

/** The desk's retry timing (the server is on the clinic's own network). */
const RETRY = { baseMs: 500, maxMs: 5_000 };

export class LiveResource<T> {
	#value: T;
	/** How the last look at the server went: a page says "could not be updated" while unreachable. */
	#freshness = $state<Freshness>('current');
	#inFlight: Promise<Freshness> | null = null;
	#again = false;
	#stopped = false;
	readonly #url: string;
	readonly #retry = new Backoff(RETRY);
	readonly #onUnauthorized: () => void;

	/** `onUnauthorized`: the session ended (401); nothing is retried after it. */
	constructor(url: string, initial: T, onUnauthorized: () => void) {
		this.#url = url;
		this.#value = $state.raw(initial);
		this.#onUnauthorized = onUnauthorized;
	}

	get value(): T {
		return this.#value;
	}

	/** 'unreachable' from a failed fetch until a retry (or a fresher page load) succeeds. */
	get freshness(): Freshness {
		return this.#freshness;
	}

	/** A fresher copy from a page load (after a form action); no request needed. */
	adopt(value: T): void {
		this.#value = value;
		this.#freshness = 'current';
	}

	/** Single flight: a change announced mid-fetch fetches once more afterwards. */
	refresh(): Promise<Freshness> {
		if (this.#stopped) return Promise.resolve('unreachable');
		if (this.#inFlight) {
			this.#again = true;
			return this.#inFlight;
		}
		this.#inFlight = this.#fetchUntilCurrent().finally(() => (this.#inFlight = null));
		return this.#inFlight;
	}

	stop(): void {
		this.#stopped = true;
		this.#retry.cancel();
	}

	async #fetchUntilCurrent(): Promise<Freshness> {
		let freshness: Freshness;
		do {
			this.#again = false;
			this.#retry.cancel();
			freshness = await this.#fetchOnce();
		} while (this.#again && freshness !== 'unauthorized' && !this.#stopped);
		this.#freshness = freshness;
		if (freshness === 'unauthorized') this.#onUnauthorized();
		// Server away or restarting: keep what is on screen and try again a little later.
		else if (freshness === 'unreachable' && !this.#stopped) {
			this.#retry.schedule(() => void this.refresh());
		} else this.#retry.reset();
		return freshness;
	}

	async #fetchOnce(): Promise<Freshness> {
		const result = await fetchCurrent(this.#url);
		if (result.kind !== 'current') return result.kind;
		try {
			// Our own endpoint's JSON, in the shape the page's load returns.
			this.#value = JSON.parse(result.body) as T;
			return 'current';
		} catch {
			return 'unreachable';
		}
	}
}
