import type { SyncOp } from '$lib/schemas/sync';

/** About how many bytes an op takes in a sync request: sealed photos dwarf everything else. */
export function opBytes(op: SyncOp): number {
	const sealed = 'sealed' in op.payload ? op.payload.sealed : null;
	return 300 + (sealed ? sealed.k.length + sealed.ct.length : 0);
}

/** Past this, an op travels alone (a card photo is about 400 KB, everything else under 50 KB). */
export const ALONE_BYTES = 64 * 1024;

/**
 * The next request's ops, in order and never none: a run of small ops within `budget` bytes, or
 * one big op on its own. So a check-in and the edits written after it go up together, and each
 * card photo after them in a request of its own: the patient's ticket never waits for a photo.
 */
export function withinBudget<T extends SyncOp>(ops: T[], budget: number): T[] {
	if (ops.length === 0) return [];
	if (opBytes(ops[0]) > ALONE_BYTES) return ops.slice(0, 1);
	let used = 0;
	let count = 0;
	for (const op of ops) {
		const bytes = opBytes(op);
		used += bytes;
		if (bytes > ALONE_BYTES || used > budget) break;
		count += 1;
	}
	return ops.slice(0, count);
}
