import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Dialect } from '../db/dialect';
import type { EventType, LoggedEventPayloads } from '$lib/queue/events';
import { appendEvent } from './log';

/** Appends one typed event to the unit of work's transaction. */
export type Emit = <K extends EventType>(
	siteId: string,
	type: K,
	payload: LoggedEventPayloads[K]
) => Promise<void>;

/** What a write needs of the app: its database and the hub to tell after the commit. */
export interface EventWriter {
	db: Kysely<Database>;
	dialect: Dialect;
	hub: { notify(): void };
}

/**
 * The one write path. Runs `work` in a transaction; the events it emits are appended in that
 * transaction, so the change and its events commit together or not at all. After the commit,
 * and only if something was emitted, the hub is told once, so every screen hears of a change
 * only when it is on disk. A unit of work that returns a refusal simply emits nothing.
 *
 * An event emitted inside a savepoint that is later rolled back (sync's per-op savepoints) still
 * counts: the hub is then told about nothing new, which costs one empty read of the log.
 */
export async function withEvents<T>(
	app: EventWriter,
	work: (trx: Transaction<Database>, emit: Emit) => Promise<T>
): Promise<T> {
	let emitted = 0;
	const result = await app.db.transaction().execute((trx) =>
		work(trx, async (siteId, type, payload) => {
			await appendEvent(trx, app.dialect, siteId, type, payload);
			emitted++;
		})
	);
	if (emitted > 0) app.hub.notify();
	return result;
}
