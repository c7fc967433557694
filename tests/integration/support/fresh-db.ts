import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { root } from './build';
import type { Dialect } from './server';

export interface FreshDatabase {
	/** What `openDb` and the server read: DATABASE_PATH or DATABASE_URL. */
	env: { DATABASE_PATH?: string; DATABASE_URL?: string };
	drop(): Promise<void>;
}

/**
 * An empty database of its own for a suite that runs the server's services in this process
 * (no HTTP server): a SQLite file under tests/.tmp, or `fd_it_<random>` next to
 * TEST_DATABASE_URL, as startServer makes them.
 */
export async function freshDatabase(dialect: Dialect): Promise<FreshDatabase> {
	const name = randomBytes(6).toString('hex');
	if (dialect === 'sqlite') {
		const dir = path.join(root, 'tests', '.tmp');
		fs.mkdirSync(dir, { recursive: true });
		const runDir = fs.mkdtempSync(path.join(dir, `it-${name}-`));
		return {
			env: { DATABASE_PATH: path.join(runDir, 'db.sqlite') },
			drop: async () => fs.rmSync(runDir, { recursive: true, force: true })
		};
	}
	const admin = process.env.TEST_DATABASE_URL;
	if (!admin) throw new Error('the PostgreSQL half needs TEST_DATABASE_URL');
	const database = `fd_it_${name}`;
	const run = async (statement: string) => {
		const client = new pg.Client({ connectionString: admin });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	await run(`create database ${database}`);
	const url = new URL(admin);
	url.pathname = `/${database}`;
	return {
		env: { DATABASE_URL: url.toString() },
		drop: () => run(`drop database if exists ${database} with (force)`)
	};
}
