/**
 * Waiting order within one provider (DESIGN §3). Pure functions: the server, reception, the
 * waiting-room display and the patient's phone all compute the same order from the same rows,
 * so a position shown on the phone matches the list at the desk.
 */
import type { QueueEntryView } from './types';

/**
 * The moment an entry takes its place in the line, in epoch ms.
 *
 * - Walk-in (no slot): placed at arrival.
 * - Early or on-time arrival: keeps the appointment slot, so coming early never pushes anyone
 *   back and never jumps anyone either.
 * - Late arrival: placed at arrival, behind the people who were there on time.
 *
 * For a scheduled entry that is simply max(slotAt, arrivedAt).
 */
export function queueSortKey(entry: Pick<QueueEntryView, 'slotAt' | 'arrivedAt'>): number {
	if (entry.slotAt === null) return entry.arrivedAt;
	return Math.max(entry.slotAt, entry.arrivedAt);
}

// Numeric-aware so "A-9" sorts before "A-10" even when tickets are not zero-padded. A fixed
// locale keeps the order identical on every device, whatever its language.
const ticketCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Total order: place in line, then arrival (who was physically here first), then ticket, then
 * entryId so two devices never disagree even on identical rows.
 */
export function compareQueueEntries(a: QueueEntryView, b: QueueEntryView): number {
	return (
		queueSortKey(a) - queueSortKey(b) ||
		a.arrivedAt - b.arrivedAt ||
		ticketCollator.compare(a.ticket, b.ticket) ||
		(a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0)
	);
}

/**
 * Entries in waiting order. Does not filter by status or provider (callers decide what they
 * show) and never mutates its input: snapshots are shared, immutable state.
 */
export function orderQueue(entries: readonly QueueEntryView[]): QueueEntryView[] {
	return [...entries].sort(compareQueueEntries);
}

/**
 * Provider id → that provider's 'waiting' entries in order. Providers with nobody waiting are
 * absent, so an unknown provider simply has no list.
 */
export function waitingByProvider(
	entries: readonly QueueEntryView[]
): Map<string, QueueEntryView[]> {
	const byProvider = new Map<string, QueueEntryView[]>();
	for (const entry of entries) {
		if (entry.status !== 'waiting') continue;
		const list = byProvider.get(entry.providerId);
		if (list) list.push(entry);
		else byProvider.set(entry.providerId, [entry]);
	}
	for (const list of byProvider.values()) list.sort(compareQueueEntries);
	return byProvider;
}

/**
 * 1-based place of an entry among its own provider's waiting entries, or null when the entry is
 * unknown or no longer waiting (called, in room, done, removed): it has no place in line then.
 */
export function positionOf(entries: readonly QueueEntryView[], entryId: string): number | null {
	const entry = entries.find((candidate) => candidate.entryId === entryId);
	if (!entry || entry.status !== 'waiting') return null;
	let ahead = 0;
	for (const other of entries) {
		if (
			other !== entry &&
			other.status === 'waiting' &&
			other.providerId === entry.providerId &&
			compareQueueEntries(other, entry) < 0
		) {
			ahead++;
		}
	}
	return ahead + 1;
}
