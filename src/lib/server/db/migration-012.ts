import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './dialect';

/**
 * The desk handles every case (issue 11): walk-ins (a queue entry with its own patient and no
 * appointment), why an appointment was cancelled, a provider's delay set by hand, and the
 * desk's last actions kept 30 s for undo.
 */
export function deskDay(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	return {
		async up(db: Kysely<unknown>) {
			// A walk-in has no appointment to name its patient: the entry names them itself.
			await db.schema.alterTable('queue_entries').addColumn('patient_id', 'text').execute();
			// Walk-in tickets come from their own letter, numbered per site day: two desks
			// registering at once collide here rather than printing the same ticket.
			await db.schema
				.createIndex('queue_entries_walk_in_ticket')
				.on('queue_entries')
				.columns(['site_id', 'site_day', 'ticket'])
				.unique()
				.where(sql.ref('appointment_id'), 'is', null)
				.execute();
			await db.schema.alterTable('appointments').addColumn('cancel_reason', 'text').execute();
			await db.schema
				.alterTable('appointments')
				.addColumn('cancel_note', 'text', (c) => c.notNull().defaultTo(''))
				.execute();
			await db.schema
				.createTable('provider_delays')
				.addColumn('provider_id', 'text', (c) => c.notNull())
				.addColumn('site_day', 'text', (c) => c.notNull())
				.addColumn('site_id', 'text', (c) => c.notNull())
				.addColumn('minutes', 'integer', (c) => c.notNull())
				.addColumn('set_by', 'text', (c) => c.notNull())
				.addColumn('set_at', ms, (c) => c.notNull())
				.addPrimaryKeyConstraint('provider_delays_pk', ['provider_id', 'site_day'])
				.execute();
			await db.schema
				.createTable('desk_undo')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('site_id', 'text', (c) => c.notNull())
				.addColumn('staff_id', 'text', (c) => c.notNull())
				.addColumn('action', 'text', (c) => c.notNull())
				.addColumn('before', 'text', (c) => c.notNull())
				.addColumn('created_at', ms, (c) => c.notNull())
				.addColumn('undone_at', ms)
				.execute();
			await db.schema
				.createIndex('desk_undo_staff_created')
				.on('desk_undo')
				.columns(['staff_id', 'created_at'])
				.execute();
		}
	};
}
