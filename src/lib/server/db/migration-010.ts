import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './dialect';

/**
 * The clinic's own schedule comes in (issue 11): patients and appointments keep the id the
 * practice-management export gave them, so importing again updates instead of duplicating, and
 * every import is kept with its counts and per-row report.
 */
export function scheduleImports(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema.alterTable('patients').addColumn('external_id', 'text').execute();
			await db.schema.alterTable('appointments').addColumn('external_id', 'text').execute();
			// Unique per site; rows without an external id (the demo's, the desk's) are all NULL,
			// which both dialects let a unique index hold many of.
			await db.schema
				.createIndex('patients_external_id')
				.on('patients')
				.columns(['site_id', 'external_id'])
				.unique()
				.execute();
			await db.schema
				.createIndex('appointments_external_id')
				.on('appointments')
				.columns(['site_id', 'external_id'])
				.unique()
				.execute();
			await db.schema
				.createTable('imports')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('site_id', 'text', (c) => c.notNull())
				.addColumn('kind', 'text', (c) => c.notNull())
				.addColumn('file_name', 'text', (c) => c.notNull())
				.addColumn('file_hash', 'text', (c) => c.notNull())
				.addColumn('created_at', ms, (c) => c.notNull())
				.addColumn('actor_type', 'text', (c) => c.notNull())
				.addColumn('actor_id', 'text', (c) => c.notNull())
				.addColumn('day_from', 'text')
				.addColumn('day_to', 'text')
				.addColumn('counts', 'text', (c) => c.notNull())
				.addColumn('report', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('imports_site_created')
				.on('imports')
				.columns(['site_id', 'created_at'])
				.execute();
		}
	};
}
