// Issue 11: "a roster refresh after the import on a kiosk (time to usable)".
//
// A server of its own (fresh SQLite file, the demo day) and one enrolled kiosk that has loaded
// the demo roster. Then a day of APPOINTMENTS appointments for today is imported, as CSV,
// through the import service in the bench's process on the server's own database file (as
// `npm run import` does beside a running server). The kiosk is then told the network is back
// (the `online` event, one of its roster-refresh triggers beside its timer): the figure runs from
// that event to the kiosk's IndexedDB holding every imported appointment in its roster, which is
// when each imported patient can check in there, online or not. Also the import's own time.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, type Browser } from '@playwright/test';
import { openDb } from '../src/lib/server/db';
import { loadSiteConfigs } from '../src/lib/server/config';
import { importSchedule } from '../src/lib/server/schedule-import';
import type { SiteConfig } from '../src/lib/schemas/site-config';
import { siteDay } from '../src/lib/site-time';
import { Staff } from './support/api';
import { openKiosk } from './support/kiosk';
import { rosterRowCount } from '../tests/e2e/support/kiosk-storage';
import { ms, type ReportRow } from './support/report';
import { startServer } from './support/server';
import { APPOINTMENTS, CSV_MAPPING, PROVIDERS, csv, day } from './schedule-import';

export interface RosterAfterImportResult {
	appointments: number;
	rosterBefore: number;
	rosterAfter: number;
	importMs: number;
	/** `online` dispatched → every imported appointment in the kiosk's roster store. */
	refreshMs: number;
}

export async function rosterAfterImport(
	browser: Browser,
	options: { port: number; configDir: string; buildDir: string; tmpDir: string }
): Promise<RosterAfterImportResult> {
	const databasePath = join(options.tmpDir, 'roster-import.sqlite');
	const server = await startServer({
		port: options.port,
		databasePath,
		configDir: options.configDir,
		buildDir: options.buildDir,
		logFile: join(options.tmpDir, 'roster-import-server.log')
	});
	try {
		const staff = await Staff.signIn(server.baseUrl);
		const kiosk = await openKiosk(browser, staff, 'import kiosk');
		try {
			const rosterBefore = kiosk.rosterEntries;
			const config = loadSiteConfigs(options.configDir).get('main') as SiteConfig;
			const providers = Object.fromEntries(
				PROVIDERS.map((p) => [p.csv, `${config.siteId}-${p.id}`])
			);
			const site = { ...config, import: { csv: { ...CSV_MAPPING, providers } } };
			const text = csv(day(APPOINTMENTS), siteDay(config.timezone));
			const database = await openDb({ DATABASE_PATH: databasePath });
			let importMs: number;
			try {
				const start = performance.now();
				const result = await importSchedule(
					{ ...database, hub: { notify() {} }, sites: new Map([[site.siteId, site]]) },
					{
						siteId: site.siteId,
						fileName: 'day.csv',
						bytes: new TextEncoder().encode(text),
						dryRun: false,
						actor: { type: 'system', id: 'bench' }
					}
				);
				importMs = performance.now() - start;
				if (!result.ok || result.counts.created !== APPOINTMENTS) {
					throw new Error('roster after import: the import did not create every appointment');
				}
			} finally {
				await database.close();
			}
			const wanted = rosterBefore + APPOINTMENTS;
			const start = performance.now();
			await kiosk.page.evaluate(() => window.dispatchEvent(new Event('online')));
			let rosterAfter = 0;
			// Asked of the page every 20 ms: the moment the last entry lands is what is measured.
			await expect
				.poll(async () => (rosterAfter = await rosterRowCount(kiosk.page)), {
					intervals: [20],
					timeout: 120_000,
					message: `roster after import: fewer than ${wanted} entries after 120 s`
				})
				.toBeGreaterThanOrEqual(wanted);
			const refreshMs = performance.now() - start;
			return { appointments: APPOINTMENTS, rosterBefore, rosterAfter, importMs, refreshMs };
		} finally {
			await kiosk.context.close();
		}
	} finally {
		await server.stop();
	}
}

export function rosterAfterImportRows(result: RosterAfterImportResult): ReportRow[] {
	return [
		{
			what: `kiosk roster after importing ${result.appointments} (import ${ms(result.importMs)})`,
			target: '',
			measured: `${ms(result.refreshMs)} to ${result.rosterAfter} entries`,
			met: null
		}
	];
}
