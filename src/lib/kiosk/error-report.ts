/**
 * What a kiosk tells the server about a fault it recovered from (issue 10): the screen and the
 * kind of error, never the message (it can hold anything a screen had, a patient's name
 * included), and never more often than the budget allows, so a fault that repeats cannot fill
 * the outbox ahead of the check-ins behind it.
 */

/** The `kiosk-error` op's rule for a name (src/lib/schemas/sync.ts, KioskErrorPayload). */
const ERROR_CLASS_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** `TypeError`, `NotAllowedError`…: the class of what was thrown, never its text. */
export function errorName(thrown: unknown): string {
	if (typeof thrown !== 'object' || thrown === null) return 'NonError';
	const name = (thrown as { name?: unknown }).name;
	if (typeof name === 'string' && ERROR_CLASS_NAME.test(name)) return name;
	return thrown instanceof Error ? 'Error' : 'NonError';
}

/** At most `max` reports in any `windowMs`; the rest are dropped (the screen still recovers). */
export class ErrorBudget {
	#sent: number[] = [];

	constructor(
		readonly max = 3,
		readonly windowMs = 60_000
	) {}

	/** True when a report may go now (and counts it). */
	take(now: number): boolean {
		this.#sent = this.#sent.filter((at) => now - at < this.windowMs);
		if (this.#sent.length >= this.max) return false;
		this.#sent.push(now);
		return true;
	}
}
