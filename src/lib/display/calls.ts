/**
 * Which calls the room still has to hear. Pure, so it is the same whether a call arrives as a
 * live event, in a replay after a reconnect, or inside a fresh snapshot.
 */
import type { QueueEntryView } from '$lib/queue/types';

/** A call older than this is not announced: after a long outage, old calls would only confuse. */
export const ANNOUNCE_WITHIN_MS = 2 * 60_000;

/** The newest call time among entries (called or since moved on), or 0 when nobody was called. */
export function latestCallAt(entries: readonly QueueEntryView[]): number {
	let latest = 0;
	for (const entry of entries) {
		if (entry.calledAt !== null && entry.calledAt > latest) latest = entry.calledAt;
	}
	return latest;
}

/**
 * Entries still being called whose call is newer than `since` and at most `ANNOUNCE_WITHIN_MS`
 * old at `now` (server time), oldest first. A patient called again gets a new `calledAt`, so
 * they are announced again; one already in the room is not.
 */
export function callsToAnnounce(
	entries: readonly QueueEntryView[],
	since: number,
	now: number
): QueueEntryView[] {
	return entries
		.filter(
			(entry): entry is QueueEntryView & { calledAt: number } =>
				entry.status === 'called' &&
				entry.calledAt !== null &&
				entry.calledAt > since &&
				entry.calledAt >= now - ANNOUNCE_WITHIN_MS
		)
		.sort((a, b) => a.calledAt - b.calledAt);
}

/** "A-017" → "A 0 1 7": speech engines read "017" as "seventeen", patients read each sign. */
export function spokenTicket(ticket: string): string {
	return Array.from(ticket.replace(/[^\p{L}\p{N}]/gu, '')).join(' ');
}
