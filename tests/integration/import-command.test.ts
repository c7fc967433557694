import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '$lib/server/db';
import { loadSiteConfigs } from '$lib/server/config';
import { seedDemoIfEmpty } from '$lib/server/db/seed';
import { dialects } from './support/dialects';
import { freshDatabase, type FreshDatabase } from './support/fresh-db';
import { childEnv, root } from './support/build';

/**
 * `npm run import` as an administrator types it: `node scripts/import.js` in a child process,
 * on a database seeded as `npm start` seeds it. Each run transpiles the server's modules afresh
 * (scripts/ts-hooks.js), several seconds on a busy machine: hence the longer time limit.
 */

const fixture = path.join(root, 'tests', 'fixtures', 'schedule-import', 'riverside-export.csv');

describe.each(dialects)('npm run import (%s)', { timeout: 180_000 }, (dialect) => {
	let fresh: FreshDatabase;

	beforeAll(async () => {
		fresh = await freshDatabase(dialect);
		const database = await openDb(fresh.env);
		await seedDemoIfEmpty(database.db, loadSiteConfigs(path.join(root, 'kiosk-config')), {
			FRONT_DESK_DEMO_PASSWORD: 'it-password'
		});
		await database.close();
	});

	afterAll(async () => {
		await fresh?.drop();
	});

	function importCommand(...args: string[]) {
		const result = spawnSync(process.execPath, ['scripts/import.js', ...args], {
			cwd: root,
			env: childEnv({ ...fresh.env, KIOSK_CONFIG_DIR: path.join(root, 'kiosk-config') }),
			encoding: 'utf8',
			timeout: 60_000
		});
		return { status: result.status, out: result.stdout + result.stderr };
	}

	/** Read with one plain connection that is closed before the database is dropped. */
	async function appointmentsImported(): Promise<number> {
		const query = 'select count(*) as n from appointments where external_id is not null';
		if (fresh.env.DATABASE_PATH) {
			const database = new SQLite(fresh.env.DATABASE_PATH, { readonly: true });
			try {
				return Number((database.prepare(query).get() as { n: number }).n);
			} finally {
				database.close();
			}
		}
		const client = new pg.Client({ connectionString: fresh.env.DATABASE_URL });
		await client.connect();
		try {
			return Number((await client.query<{ n: string }>(query)).rows[0].n);
		} finally {
			await client.end();
		}
	}

	it('a dry run prints the per-row report and the summary, and writes nothing', async () => {
		const { status, out } = importCommand(fixture, '--dry-run');
		expect(status, out).toBe(0);
		expect(out).toContain('line 11  100210  left out');
		expect(out).toContain(
			'unknown-provider: The provider “PATEL, NINA MD” is not one of this site’s'
		);
		expect(out).toContain(
			'Dry run, nothing written: riverside-export.csv, 2026-12-14 to 2026-12-15'
		);
		expect(out).toContain(
			'14 rows: 7 new, 0 updated, 0 cancelled, 0 unchanged, 0 kept, 7 left out'
		);
		expect(await appointmentsImported()).toBe(0);
	});

	it('imports, in Spanish when asked, and exits 0 although some rows were left out', async () => {
		const { status, out } = importCommand(fixture, '--site', 'main', '--lang', 'es');
		expect(status, out).toBe(0);
		expect(out).toContain('line 8  100207  no importada');
		expect(out).toMatch(/Imported \(import \w+\): riverside-export\.csv/);
		expect(await appointmentsImported()).toBe(7);
	});

	it('exits non-zero only when the file cannot be read at all', async () => {
		const missing = importCommand(path.join(root, 'tests', 'fixtures', 'no-such-file.csv'));
		expect(missing.status).toBe(1);
		expect(missing.out).toContain('cannot be read');
		const empty = path.join(root, 'tests', '.tmp', `empty-${process.pid}.csv`);
		fs.writeFileSync(empty, '');
		try {
			const refused = importCommand(empty);
			expect(refused.status).toBe(1);
			expect(refused.out).toContain('The file has no appointments');
		} finally {
			fs.rmSync(empty);
		}
		expect(importCommand().status).toBe(2);
		expect(await appointmentsImported()).toBe(7);
	});

	it('imports a FHIR R4 Bundle the same way, entry by entry', async () => {
		const bundle = path.join(root, 'tests', 'fixtures', 'fhir', 'riverside-bundle.json');
		const { status, out } = importCommand(bundle);
		expect(status, out).toBe(0);
		expect(out).toContain('entry 7  Appointment/a1  A-5001  new');
		expect(out).toContain('entry 10  Appointment/a3  left out');
		expect(out).toContain('invalid-resource: “Appointment.status” does not follow FHIR R4 (enum)');
		expect(out).toMatch(
			/Imported \(import \w+\): riverside-bundle\.json, 2026-12-04 to 2026-12-04/
		);
		expect(out).toContain('20 entries: 2 new, 0 updated');
		expect(out).toContain('coverages: 1 new, 0 updated; 8 entries read for what names them');
		expect(await appointmentsImported()).toBe(9);
	});
});
