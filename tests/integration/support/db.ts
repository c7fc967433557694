import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '$lib/server/db/schema';
import type { TestServer } from './server';

export type Reader = Kysely<Database>;

/**
 * A direct connection to a test server's database, for assertions the HTTP API does not expose
 * (help requests, audit rows, exact event ids). Tests read through it; they never write.
 */
export function openReader(server: TestServer): Reader {
	if (server.dialect === 'sqlite') {
		if (!server.dbFile) throw new Error('sqlite test server without a database file');
		const database = new SQLite(server.dbFile, { readonly: true, fileMustExist: true });
		database.pragma('busy_timeout = 5000');
		return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
	}
	const pool = new pg.Pool({ connectionString: server.dbUrl, max: 2 });
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A writing connection, for the few tests that must set up what no API can make (an
 * appointment on another day or at another site, an expired pairing code, a thousand old
 * events). Each such test says so where it writes.
 */
export function openWriter(server: TestServer): Reader {
	if (server.dialect === 'sqlite') {
		if (!server.dbFile) throw new Error('sqlite test server without a database file');
		const database = new SQLite(server.dbFile, { fileMustExist: true });
		database.pragma('busy_timeout = 5000');
		return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
	}
	const pool = new pg.Pool({ connectionString: server.dbUrl, max: 2 });
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export const COUNTED = ['queue_entries', 'ops', 'events', 'devices', 'help_requests'] as const;
export type Counted = (typeof COUNTED)[number];

export async function count(db: Reader, table: keyof Database): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Row counts of the tables a request could write to, plus used pairing codes and open sessions. */
export async function fingerprint(db: Reader): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of COUNTED) counts[table] = await count(db, table);
	const used = await db
		.selectFrom('pairing_codes')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('used_at', 'is not', null)
		.executeTakeFirstOrThrow();
	counts.usedPairingCodes = Number(used.n);
	counts.sessions = await count(db, 'sessions');
	const booked = await db
		.selectFrom('appointments')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('status', '=', 'booked')
		.executeTakeFirstOrThrow();
	counts.bookedAppointments = Number(booked.n);
	return counts;
}

/** Integers come back as strings from pg (bigint) and numbers from SQLite: compare as numbers. */
export function normalise<T extends Record<string, unknown>>(row: T): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) {
		out[key] =
			typeof value === 'string' && /^-?\d+$/.test(value) && key !== 'ticket'
				? Number(value)
				: value;
	}
	return out as T;
}

/**
 * Everything a sync batch can change, in a fixed order: the state two replays must agree on.
 * Nothing here is volatile (queue entry ids derive from appointment ids; op rows keep the time
 * they were first received).
 */
export async function canonicalDump(db: Reader) {
	const [queue, ops, help, appointmentRows] = await Promise.all([
		db.selectFrom('queue_entries').selectAll().orderBy('id').execute(),
		db.selectFrom('ops').selectAll().orderBy('op_id').execute(),
		db.selectFrom('help_requests').selectAll().orderBy('id').execute(),
		db.selectFrom('appointments').select(['id', 'status', 'updated_at']).orderBy('id').execute()
	]);
	return {
		queue: queue.map(normalise),
		ops: ops.map(normalise),
		help: help.map(normalise),
		appointments: appointmentRows.map(normalise)
	};
}
