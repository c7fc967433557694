/**
 * What the live surfaces read off the wire: a message on `GET /api/events`, or the body of
 * `GET /api/queue/snapshot`, as one tagged value the live queue switches on. The payloads and
 * their checks are the shared event map's (`src/lib/queue/events.ts`).
 */
import {
	parseStreamMessage as parseWireMessage,
	type QueueEvent,
	type StreamMessageName
} from '$lib/queue/events';
import type { QueueSnapshot } from '$lib/queue/types';

/** The SSE event names the server sends (`event: snapshot` / `event: queue`). */
export const STREAM_EVENT_TYPES = ['snapshot', 'queue'] as const satisfies StreamMessageName[];
export type StreamEventType = StreamMessageName;

export type StreamMessage =
	/** The server had nothing to replay from (too far behind, or a first connection): everything. */
	| { kind: 'snapshot'; snapshot: QueueSnapshot }
	| { kind: 'event'; event: QueueEvent }
	/** Not JSON, or not the shape its name says: the only safe answer is a fresh snapshot. */
	| { kind: 'unreadable' };

export function parseStreamMessage(type: StreamEventType, data: unknown): StreamMessage {
	if (type === 'snapshot') {
		const snapshot = parseWireMessage('snapshot', data);
		return snapshot ? { kind: 'snapshot', snapshot } : { kind: 'unreadable' };
	}
	const event = parseWireMessage('queue', data);
	return event ? { kind: 'event', event } : { kind: 'unreadable' };
}
