import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './dialect';

/**
 * Device tokens are replaced on a schedule without pairing again (issue 12): when the current
 * one was issued, and the one before it, still honoured for a while so requests in flight (or a
 * lost answer) never lock a kiosk out.
 */
export function deviceTokenRotation(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema
				.alterTable('devices')
				.addColumn('token_issued_at', ms, (c) => c.notNull().defaultTo(0))
				.execute();
			await db.schema.alterTable('devices').addColumn('previous_token_hash', 'text').execute();
			await db.schema.alterTable('devices').addColumn('previous_token_until', ms).execute();
			await db.schema
				.createIndex('devices_previous_token')
				.on('devices')
				.column('previous_token_hash')
				.execute();
		}
	};
}
