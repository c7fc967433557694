/**
 * What the live surfaces read off the wire: a message on `GET /api/events`, or the body of
 * `GET /api/queue/snapshot`. Parsing lives here and nowhere else, so the payload types are named
 * once (today `src/lib/queue/types.ts`; a typed event map later changes only the casts below).
 */
import type { QueueEvent, QueueSnapshot } from '$lib/queue/types';

/** The SSE event names the server sends (`event: snapshot` / `event: queue`). */
export const STREAM_EVENT_TYPES = ['snapshot', 'queue'] as const;
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

export type StreamMessage =
	/** The server had nothing to replay from (too far behind, or a first connection): everything. */
	| { kind: 'snapshot'; snapshot: QueueSnapshot }
	| { kind: 'event'; event: QueueEvent }
	/** Not JSON, or not an object: the only safe answer is a fresh snapshot. */
	| { kind: 'unreadable' };

export function parseStreamMessage(type: StreamEventType, data: unknown): StreamMessage {
	if (typeof data !== 'string') return { kind: 'unreadable' };
	let payload: unknown;
	try {
		payload = JSON.parse(data);
	} catch {
		return { kind: 'unreadable' };
	}
	if (typeof payload !== 'object' || payload === null) return { kind: 'unreadable' };
	return type === 'snapshot'
		? { kind: 'snapshot', snapshot: payload as QueueSnapshot }
		: { kind: 'event', event: payload as QueueEvent };
}
