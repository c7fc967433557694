/**
 * Client-side live queue state: a snapshot fetched once, then SSE events applied in order.
 * Pure and immutable so it can sit behind a `$state.raw` field: every change is a new object,
 * an ignored event returns the very same object (no needless re-render).
 */
import type { QueueEntryView, QueueSnapshot } from './types';
import type { QueueEvent } from './events';

/** Lists that live outside the queue snapshot and that an event says are out of date. */
export type StaleList = 'help-requests' | 'devices' | 'changes';

export interface ApplyResult {
	snapshot: QueueSnapshot;
	/** False when the event was already included (replay after a reconnect); nothing changed. */
	applied: boolean;
	/**
	 * The caller must fetch a fresh snapshot (new site day, or an event this client does not
	 * understand). Until it arrives keep showing the current one: never a blank screen. The
	 * fresh snapshot replaces this one wholesale, including its lastEventId.
	 */
	needsRefetch: boolean;
	/** Reception only: reload this list. Displays and phones can ignore it. */
	staleList: StaleList | null;
}

/**
 * Apply one SSE event. Safe to replay: an event whose id is not newer than the snapshot's
 * `lastEventId` is ignored, so resuming with `Last-Event-ID`, or an event that raced the
 * snapshot fetch, never applies twice.
 */
export function applyEvent(snapshot: QueueSnapshot, event: QueueEvent): ApplyResult {
	if (!(event.id > snapshot.lastEventId)) {
		return { snapshot, applied: false, needsRefetch: false, staleList: null };
	}
	const bumped: QueueSnapshot = { ...snapshot, lastEventId: event.id };
	switch (event.type) {
		case 'queue.upsert':
			return {
				snapshot: {
					...bumped,
					entries: upsertEntry(snapshot.entries, event.entry),
					// Delays are computed on the server for the whole site and sent whole.
					delays: { ...event.delays }
				},
				applied: true,
				needsRefetch: false,
				staleList: null
			};
		case 'queue.remove':
			return {
				snapshot: {
					...bumped,
					entries: snapshot.entries.filter((entry) => entry.entryId !== event.entryId),
					delays: { ...event.delays }
				},
				applied: true,
				needsRefetch: false,
				staleList: null
			};
		case 'provider.delay':
			return {
				snapshot: {
					...bumped,
					manualDelays: { ...event.manualDelays },
					delays: { ...event.delays }
				},
				applied: true,
				needsRefetch: false,
				staleList: null
			};
		case 'queue.reset':
			return { snapshot: bumped, applied: true, needsRefetch: true, staleList: null };
		case 'help.changed':
			return { snapshot: bumped, applied: true, needsRefetch: false, staleList: 'help-requests' };
		case 'device.changed':
			return { snapshot: bumped, applied: true, needsRefetch: false, staleList: 'devices' };
		case 'changes.changed':
			return { snapshot: bumped, applied: true, needsRefetch: false, staleList: 'changes' };
		default:
			// A newer server may send a type this build does not know. We cannot apply it, so the
			// only way to stay correct is a fresh snapshot.
			return { snapshot: bumped, applied: true, needsRefetch: true, staleList: null };
	}
}

/** Replace the entry with the same entryId, keeping its place in the array, or append it. */
function upsertEntry(entries: readonly QueueEntryView[], entry: QueueEntryView): QueueEntryView[] {
	const index = entries.findIndex((existing) => existing.entryId === entry.entryId);
	if (index === -1) return [...entries, entry];
	const next = [...entries];
	next[index] = entry;
	return next;
}

/**
 * Patients being called right now, newest call first, at most `limit` (the display's
 * "Now calling" panel). Ties (same millisecond) fall back to ticket so every screen agrees.
 */
export function nowCalling(snapshot: QueueSnapshot, limit: number): QueueEntryView[] {
	const count = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
	return snapshot.entries
		.filter((entry) => entry.status === 'called')
		.sort(
			(a, b) =>
				(b.calledAt ?? -Infinity) - (a.calledAt ?? -Infinity) ||
				(a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0)
		)
		.slice(0, count);
}
