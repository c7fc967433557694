import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './dialect';

/** Nobody gets in by guessing (issue 12): throttles that outlive a restart. */
export function throttles(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	const real = dialect === 'postgres' ? 'double precision' : 'real';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('throttle_buckets')
				.addColumn('key', 'text', (c) => c.primaryKey())
				.addColumn('tokens', real, (c) => c.notNull())
				.addColumn('updated_at', ms, (c) => c.notNull())
				.execute();
			// Every wrong code typed anywhere counts against every live code: five, and it is void.
			await db.schema
				.alterTable('pairing_codes')
				.addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();
		}
	};
}
