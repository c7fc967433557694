import { Backoff } from '$lib/backoff';
import type { DeadLetterView, HelpRequestView } from '$lib/queue/desk-lists';

export interface DeskListsData {
	helpRequests: HelpRequestView[];
	deadLetters: DeadLetterView[];
}

const URL = '/api/staff/desk-lists';
const RETRY = { baseMs: 500, maxMs: 5000 };

/**
 * Help requests and refused check-ins beside the queue. An event says a list changed; we then
 * fetch both with a plain request that, when the server is away, is retried with backoff until
 * it answers. (`invalidate` would do the same fetch, but a failed one sends the whole page to
 * SvelteKit's error page: the desk left open over a server restart stayed on "500".)
 */
export class DeskLists {
	#lists = $state.raw<DeskListsData>() as DeskListsData;
	#inFlight = false;
	#again = false;
	#stopped = false;
	readonly #backoff = new Backoff(RETRY);
	readonly #onSignedOut: () => void;

	constructor(initial: DeskListsData, onSignedOut: () => void) {
		this.#lists = initial;
		this.#onSignedOut = onSignedOut;
	}

	get helpRequests(): HelpRequestView[] {
		return this.#lists.helpRequests;
	}

	get deadLetters(): DeadLetterView[] {
		return this.#lists.deadLetters;
	}

	/** Fresher lists from a page load (after a form action); no request needed. */
	adopt(data: DeskListsData): void {
		this.#lists = { helpRequests: data.helpRequests, deadLetters: data.deadLetters };
	}

	/** Single flight: a change announced mid-fetch fetches once more afterwards. */
	async refresh(): Promise<void> {
		if (this.#stopped) return;
		if (this.#inFlight) {
			this.#again = true;
			return;
		}
		this.#inFlight = true;
		this.#backoff.cancel();
		try {
			const response = await fetch(URL, { headers: { accept: 'application/json' } });
			if (response.status === 401) return this.#onSignedOut();
			if (!response.ok) throw new Error(`desk lists answered ${response.status}`);
			this.#lists = (await response.json()) as DeskListsData;
			this.#backoff.reset();
		} catch {
			// Server away or restarting: keep what is on screen and try again a little later.
			this.#backoff.schedule(() => void this.refresh());
		} finally {
			this.#inFlight = false;
		}
		if (this.#again) {
			this.#again = false;
			await this.refresh();
		}
	}

	stop(): void {
		this.#stopped = true;
		this.#backoff.cancel();
	}
}
