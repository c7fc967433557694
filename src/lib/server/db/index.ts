import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './schema';
import { migrateToLatest } from './migrations';

import type { Dialect } from './dialect';

export type { Dialect };

export interface Db {
	db: Kysely<Database>;
	dialect: Dialect;
	close(): Promise<void>;
}

/**
 * Opens the database named by the environment: PostgreSQL when DATABASE_URL is a postgres URL,
 * otherwise the SQLite file at DATABASE_PATH (default data/front-desk.sqlite).
 */
export async function openDb(
	env: { DATABASE_URL?: string; DATABASE_PATH?: string } = process.env
): Promise<Db> {
	const url = env.DATABASE_URL;
	if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
	return openSqlite(env.DATABASE_PATH ?? 'data/front-desk.sqlite');
}

async function openSqlite(file: string): Promise<Db> {
	const { default: SQLite } = await import('better-sqlite3');
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const database = new SQLite(file);
	// WAL + FULL: an acknowledged check-in survives a power cut or kill -9.
	database.pragma('journal_mode = WAL');
	database.pragma('synchronous = FULL');
	database.pragma('busy_timeout = 5000');
	database.pragma('foreign_keys = ON');
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(database) })
	});
	await migrateToLatest(db as Kysely<unknown>, 'sqlite');
	return { db, dialect: 'sqlite', close: () => db.destroy() };
}

type SqliteConnection = import('better-sqlite3').Database;

/**
 * Kysely prepares every statement afresh; the same few dozen statements run for every check-in,
 * so prepared statements are kept (least recently used dropped past 500).
 */
function withStatementCache(database: SqliteConnection) {
	const cache = new Map<string, ReturnType<SqliteConnection['prepare']>>();
	return {
		close: () => database.close(),
		prepare(sql: string) {
			let statement = cache.get(sql);
			if (statement) {
				cache.delete(sql);
			} else {
				statement = database.prepare(sql);
				if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
			}
			cache.set(sql, statement);
			return statement;
		}
	};
}

async function openPostgres(connectionString: string): Promise<Db> {
	const pg = await import('pg');
	const { Pool, types } = pg.default ?? pg;
	// Epoch-millisecond columns are bigint; they fit in a double exactly.
	types.setTypeParser(20, (value: string) => Number(value));
	const pool = new Pool({ connectionString, max: 10 });
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	await migrateToLatest(db as Kysely<unknown>, 'postgres');
	return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Serialises event-writing transactions on PostgreSQL so event ids commit in order. */
export async function lockEventOrder(trx: Kysely<Database>, dialect: Dialect): Promise<void> {
	if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7031)`.execute(trx);
}

/** Throws unless the database answers a query (GET /api/health). */
export async function checkDb(db: Kysely<Database>): Promise<void> {
	await db.selectFrom('events').select('id').limit(1).execute();
}
