import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { lockEventOrder, type Dialect } from '../db';

export type EventType =
	'queue.upsert' | 'queue.reset' | 'help.changed' | 'device.changed' | 'appointment.changed';

/**
 * Appends one event. Must run inside the transaction that made the change, so the change and
 * its event commit together or not at all. The payload stays minimal (ids only): readers look
 * up the current state and project it for their audience.
 */
export async function appendEvent(
	trx: Kysely<Database>,
	dialect: Dialect,
	siteId: string,
	type: EventType,
	payload: Record<string, string | number | null>
): Promise<void> {
	await lockEventOrder(trx, dialect);
	await trx
		.insertInto('events')
		.values({ site_id: siteId, type, payload: JSON.stringify(payload), created_at: Date.now() })
		.execute();
}
