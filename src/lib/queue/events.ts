/**
 * The event map: every event the server logs, what it logs with it, and what a live screen is
 * sent for it. The server writes `LoggedEventPayloads` in the same transaction as the change
 * (src/lib/server/events/); the hub projects each logged event per audience into a
 * `QueueEvent`, sent as the SSE message `queue` (`StreamMessages`). One name per event from the
 * kiosk tap to the display: adding an event starts here.
 */
import type { QueueEntryView, QueueSnapshot } from './types';

/** What the `events` log holds for each event: ids only; readers look up the current state. */
export interface LoggedEventPayloads {
	/** A queue entry was created or moved along; its current row is projected per audience. */
	'queue.upsert': { entryId: string };
	/** A queue entry was taken back (the desk undid a check-in or a walk-in): it is gone. */
	'queue.remove': { entryId: string };
	/** The day turned over (or the queue was rebuilt): clients take a fresh snapshot. */
	'queue.reset': Record<never, never>;
	/** The desk set (or cleared) a provider's delay by hand. */
	'provider.delay': { providerId: string };
	/** A help request was raised or answered. */
	'help.changed': { helpId: string };
	/** A device changed (paired, renamed, removed, its backlog), or a refused op was resolved. */
	'device.changed': { deviceId: string } | { opId: string };
	/** A patient's change request arrived, gained a card photo, or staff decided a field. */
	'changes.changed': { changeId: string };
	/** Kept in the log for audit and replay; no live audience needs it yet. */
	'appointment.changed': { appointmentId: string };
}

export type EventType = keyof LoggedEventPayloads;

/** What a live audience is sent for each event it receives, already projected for it. */
export interface LiveEventBodies {
	'queue.upsert': { entry: QueueEntryView; delays: Record<string, number> };
	'queue.remove': { entryId: string; delays: Record<string, number> };
	'queue.reset': Record<never, never>;
	/** Every provider's delay set by hand, and the running delays they now give. */
	'provider.delay': { manualDelays: Record<string, number>; delays: Record<string, number> };
	/** Reception only: reload the help requests. */
	'help.changed': Record<never, never>;
	/** Reception only: reload the devices and refused check-ins. */
	'device.changed': Record<never, never>;
	/** Reception only: reload the change requests (the review list and the rows' flags). */
	'changes.changed': Record<never, never>;
}

export type LiveEventType = keyof LiveEventBodies;

/**
 * One SSE `queue` message. `id` is the event's id in the log (and the SSE `id:`), so a client
 * that applies it knows where to resume.
 */
export type QueueEvent = {
	[K in LiveEventType]: { id: number; type: K } & LiveEventBodies[K];
}[LiveEventType];

/**
 * Who a stream or snapshot is for; the server projects every entry for it (DESIGN §6): a display
 * gets tickets and rooms only, reception full rows, a kiosk what its ticket screen needs.
 */
export type Audience = 'display' | 'reception' | 'kiosk';

/** The named messages of `GET /api/events?audience=…` and what each carries. */
export interface StreamMessages {
	/** Sent first when the server cannot replay from the client's `Last-Event-ID`. */
	snapshot: QueueSnapshot;
	queue: QueueEvent;
}

export type StreamMessageName = keyof StreamMessages;

/**
 * Reads one SSE message's data, or null when it is not what its name says (then refetch a
 * snapshot). Only the shape the reducer relies on is checked: the server built the rest from the
 * same types. A `queue` event of a type this build does not know is passed on, so the reducer
 * can ask for a fresh snapshot (a newer server).
 */
export function parseStreamMessage<K extends StreamMessageName>(
	name: K,
	data: unknown
): StreamMessages[K] | null {
	let value: unknown;
	try {
		value = typeof data === 'string' ? JSON.parse(data) : null;
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const fields = value as Record<string, unknown>;
	const ok =
		name === 'snapshot'
			? typeof fields.lastEventId === 'number' && Array.isArray(fields.entries)
			: typeof fields.id === 'number' && typeof fields.type === 'string';
	return ok ? (value as StreamMessages[K]) : null;
}
