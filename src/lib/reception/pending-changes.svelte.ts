import { createContext } from 'svelte';

/**
 * How many change requests wait for review: the number beside the desk's "Changes" link. The
 * layout starts it from its load; a live page (the queue, the review list) keeps it current from
 * the lists it refreshes when a 'changes.changed' event arrives.
 */
export class PendingChanges {
	#count = $state(0);

	constructor(initial: number) {
		this.#count = initial;
	}

	get count(): number {
		return this.#count;
	}

	set(count: number): void {
		this.#count = count;
	}
}

export const [getPendingChanges, setPendingChanges] = createContext<PendingChanges>();
