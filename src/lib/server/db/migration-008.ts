import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './dialect';

/**
 * Staff sessions end after 15 minutes without activity (issue 12, NIST SP 800-63B AAL2): each
 * session keeps when its user last did something. 0 for sessions from before: their start counts.
 */
export function sessionActivity(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema
				.alterTable('sessions')
				.addColumn('last_active_at', ms, (c) => c.notNull().defaultTo(0))
				.execute();
		}
	};
}
