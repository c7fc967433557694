import type { SyncOp } from '$lib/schemas/sync';

/** About how many bytes an op takes in a sync request: sealed photos dwarf everything else. */
export function opBytes(op: SyncOp): number {
	const sealed = 'sealed' in op.payload ? op.payload.sealed : null;
	return 300 + (sealed ? sealed.k.length + sealed.ct.length : 0);
}

/**
 * The longest run of `ops`, in order, within `budget` bytes, and never empty: a check-in and the
 * edits written after it go up together, each card photo after them in a request of its own,
 * so the patient's ticket never waits for a photo's bytes.
 */
export function withinBudget<T extends SyncOp>(ops: T[], budget: number): T[] {
	let used = 0;
	let count = 0;
	for (const op of ops) {
		used += opBytes(op);
		if (count > 0 && used > budget) break;
		count += 1;
	}
	return ops.slice(0, count);
}
