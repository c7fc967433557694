/**
 * Retry delays for the live surfaces (reception, display, error pages): doubling from `baseMs`,
 * capped at `maxMs`, with "equal jitter" (half fixed, half random) so a room full of screens
 * that lost the server together do not all knock again in the same millisecond.
 */
export interface BackoffOptions {
	baseMs: number;
	maxMs: number;
	random?: () => number;
}

/** The wait before retry number `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
	const { baseMs, maxMs, random = Math.random } = options;
	const step = Math.max(0, Math.floor(attempt) - 1);
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(step, 30));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A retry timer with a growing delay. `schedule` replaces a pending retry (single flight);
 * `reset` after a success starts the next outage from the shortest delay again.
 */
export class Backoff {
	#attempt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	readonly #options: BackoffOptions;

	constructor(options: BackoffOptions) {
		this.#options = options;
	}

	get pending(): boolean {
		return this.#timer !== null;
	}

	schedule(task: () => void): number {
		this.cancel();
		this.#attempt += 1;
		const delay = backoffDelay(this.#attempt, this.#options);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			task();
		}, delay);
		return delay;
	}

	reset(): void {
		this.#attempt = 0;
	}

	cancel(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
