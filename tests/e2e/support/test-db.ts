// The e2e server's SQLite file, for what no screen can do: age a pairing code past its lifetime
// (waiting 15 real minutes is not a test) and read rows that prove what was recorded.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { testTmpDir } from './fixtures';

function databasePath(): string {
	const port = Number(process.env.E2E_PORT ?? 4173);
	const info = JSON.parse(readFileSync(join(testTmpDir, `e2e-server-${port}.json`), 'utf8')) as {
		databasePath: string;
	};
	return info.databasePath;
}

function withDb<T>(use: (db: Database.Database) => T): T {
	const db = new Database(databasePath());
	db.pragma('busy_timeout = 5000');
	try {
		return use(db);
	} finally {
		db.close();
	}
}

/** Moves a pairing code's expiry into the past, as if its 15 minutes had gone by. */
export function agePairingCodePastExpiry(code: string): void {
	const hash = createHash('sha256').update(code).digest('base64url');
	const changed = withDb(
		(db) =>
			db
				.prepare('update pairing_codes set expires_at = ? where code_hash = ?')
				.run(Date.now() - 1000, hash).changes
	);
	if (changed !== 1) throw new Error(`no pairing code ${code} in the e2e database`);
}

/** The audit rows of one action, newest first (detail parsed). */
export function auditRows(action: string): { actorId: string; detail: Record<string, unknown> }[] {
	return withDb((db) =>
		(
			db
				.prepare(
					'select actor_id, detail from audit_log where action = ? order by id desc limit 50'
				)
				.all(action) as { actor_id: string; detail: string }[]
		).map((r) => ({ actorId: r.actor_id, detail: JSON.parse(r.detail) as Record<string, unknown> }))
	);
}
