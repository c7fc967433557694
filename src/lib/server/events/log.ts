import * as v from 'valibot';
import type { Kysely, Selectable } from 'kysely';
import type { Database, EventTable } from '../db/schema';
import { lockEventOrder, type Dialect } from '../db';
import type { EventType, LoggedEventPayloads } from '$lib/queue/events';

/**
 * Appends one event. Runs inside the transaction that made the change, so the change and its
 * event commit together or not at all; call it through `withEvents` (./write.ts), which also
 * tells the hub once the transaction has committed.
 */
export async function appendEvent<K extends EventType>(
	trx: Kysely<Database>,
	dialect: Dialect,
	siteId: string,
	type: K,
	payload: LoggedEventPayloads[K]
): Promise<void> {
	await lockEventOrder(trx, dialect);
	await trx
		.insertInto('events')
		.values({ site_id: siteId, type, payload: JSON.stringify(payload), created_at: Date.now() })
		.execute();
}

/** One row of the log, read back with its payload typed by its event type. */
export type LoggedEvent = {
	[K in EventType]: { id: number; siteId: string; type: K; payload: LoggedEventPayloads[K] };
}[EventType];

const PAYLOADS: { [K in EventType]: v.GenericSchema<unknown, LoggedEventPayloads[K]> } = {
	'queue.upsert': v.object({ entryId: v.string() }),
	'queue.remove': v.object({ entryId: v.string() }),
	'queue.reset': v.object({}),
	'provider.delay': v.object({ providerId: v.string() }),
	'help.changed': v.object({ helpId: v.string() }),
	'device.changed': v.union([v.object({ deviceId: v.string() }), v.object({ opId: v.string() })]),
	'changes.changed': v.object({ changeId: v.string() }),
	'appointment.changed': v.object({ appointmentId: v.string() })
};

/**
 * A stored row as a typed event, or null for a row this build cannot read (an event type from a
 * newer version, or a payload that is not what its type says): the hub skips it rather than stop
 * delivering everything after it.
 */
export function readLoggedEvent(row: Selectable<EventTable>): LoggedEvent | null {
	const schema = Object.hasOwn(PAYLOADS, row.type) ? PAYLOADS[row.type] : undefined;
	if (!schema) return null;
	let payload: unknown;
	try {
		payload = JSON.parse(row.payload);
	} catch {
		return null;
	}
	const parsed = v.safeParse(schema, payload);
	if (!parsed.success) return null;
	return {
		id: Number(row.id),
		siteId: row.site_id,
		type: row.type,
		payload: parsed.output
	} as LoggedEvent;
}
