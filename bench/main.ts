// `npm run bench`: the DESIGN §9 benchmarks against the built app (BUILD_DIR, default build/).
// One run on whatever machine this is: it prints each figure beside its target with ✓/✗ and
// writes every figure, with the machine's description, to bench/results/latest.json. A missed
// target is a finding, not a failure: the process exits 1 only when a benchmark itself broke.
// What each figure covers is written at the top of its file; bench/README.md has the overview.
//
// Environment: BENCH_PORT (first of four ports, default 3900), BUILD_DIR, CHROMIUM_PATH,
// BENCH_KEEP_TMP=1 (keep bench/.tmp/: databases, camera file, server logs), BENCH_ONLY (a
// comma-separated list of benchmark names, as printed). `--smoke` (or BENCH_SMOKE=1): every
// benchmark at a tiny size (support/smoke.ts), results to bench/results/smoke.json; CI runs it.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from '@playwright/test';
import { launchChromium } from '../tests/e2e/support/browser';
import { writeBlankY4m } from '../tests/e2e/support/y4m';
import { Staff, type StaffAppointment } from './support/api';
import { addAppointments, type AppointmentBatch, type SiteRef } from './support/bulk-appointments';
import { openKiosk, type Kiosk } from './support/kiosk';
import { loadAverage, machineInfo } from './support/machine';
import { printTable, type ReportRow } from './support/report';
import { repoRoot, startServer, type RunningServer } from './support/server';
import { SMOKE } from './support/smoke';
import {
	displayLatency,
	displayLatencyRows,
	MEASURED_CHECKINS,
	WARMUP_CHECKINS
} from './display-latency';
import { CHECKINS, serverCheckIns, serverCheckInsRows } from './server-checkins';
import { LETTERS, qrToIdentity, qrToIdentityRows } from './qr-to-identity';
import { DECODER_URLS, scannerDecoders, scannerDecodersRows } from './scanner-decoders';
import { offlineReload, offlineReloadRows } from './offline-reload';
import { OPS, outboxDrain, outboxDrainRows } from './outbox-drain';
import { kioskJsSize, kioskJsSizeRows } from './kiosk-js-size';
import { waitEstimate, waitEstimateRows } from './wait-estimate';
import { PHOTO_VISITS, photoSync, photoSyncRows } from './photo-sync';
import { lighthouseRows, lighthouseScores, lighthouseSurfaces } from './lighthouse';
import { kioskSoak, kioskSoakRows } from './kiosk-soak';
import { scheduleImport, scheduleImportRows } from './schedule-import';
import { rosterAfterImport, rosterAfterImportRows } from './roster-after-import';

const basePort = Number(process.env.BENCH_PORT ?? 3900);
const buildDir = process.env.BUILD_DIR ?? 'build';
const benchDir = join(repoRoot, 'bench');
// A copy of tests/fixtures/kiosk-config/main.json with roster.lookupIterations at 1000 (the
// schema's minimum) instead of 20000. The server derives a PBKDF2 key per appointment when it
// builds a kiosk's roster, and again for every appointment that changed since (each check-in).
// At 20000 iterations (about 7 ms each here) the ~1,100 appointments of the kiosk benchmarks
// would cost some 8 s of CPU for the first roster, and as much again inside the outbox
// benchmark, whose reconnect refreshes the roster while 1,000 check-ins change it. That would
// measure PBKDF2, which is slow on purpose, instead of what the targets are about.
const configDir = join(benchDir, 'config');
const tmpDir = join(benchDir, '.tmp', `run-${Date.now()}-${process.pid}`);
const resultsFile = join(benchDir, 'results', SMOKE ? 'smoke.json' : 'latest.json');

/** Appointment id prefixes of the rows the bench adds (see support/bulk-appointments.ts). */
const LATENCY = 'bl';
const DRAIN = 'bd';
const THROUGHPUT = 'bt';
const PHOTOS = 'bp';

const rows: ReportRow[] = [];
const results: Record<string, unknown> = {};
const broken: string[] = [];

/** BENCH_ONLY=qrToIdentity,outboxDrain runs just those (set-up still runs in full). */
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());

/** Runs one benchmark; a benchmark that throws is reported and the others still run. */
async function part<T>(name: string, run: () => Promise<T>, toRows: (result: T) => ReportRow[]) {
	if (only && !only.includes(name)) return;
	console.log(`▶ ${name}`);
	const start = performance.now();
	try {
		const result = await run();
		results[name] = result;
		rows.push(...toRows(result));
		console.log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		console.error(`  ${name} broke:`, error);
		broken.push(name);
		results[name] = { error: message };
		rows.push({ what: name, target: '', measured: `BROKE: ${message.split('\n')[0]}`, met: null });
	}
}

/** A fresh database: the server migrates and seeds the demo day, then the bench adds rows. */
async function prepareDatabase(
	file: string,
	port: number,
	site: SiteRef,
	batches: AppointmentBatch[]
): Promise<Map<string, string[]>> {
	const server = await startServer({
		port,
		databasePath: file,
		configDir,
		buildDir,
		logFile: join(tmpDir, `prepare-${port}.log`)
	});
	await server.stop();
	return addAppointments(file, site, batches);
}

function serve(file: string, port: number, name: string): Promise<RunningServer> {
	return startServer({
		port,
		databasePath: file,
		configDir,
		buildDir,
		logFile: join(tmpDir, `${name}.log`)
	});
}

async function version(baseUrl: string): Promise<string> {
	const health = (await (await fetch(`${baseUrl}/api/health`)).json()) as { version: string };
	return health.version;
}

async function main(): Promise<void> {
	if (!existsSync(join(repoRoot, buildDir, 'handler.js'))) {
		throw new Error(`${buildDir}/handler.js is missing: build first (npm run build)`);
	}
	await mkdir(tmpDir, { recursive: true });
	const machine = machineInfo();
	const startedAt = new Date();
	const config = JSON.parse(await readFile(join(configDir, 'main.json'), 'utf8')) as {
		siteId: string;
		timezone: string;
	};
	const site: SiteRef = { siteId: config.siteId, timezone: config.timezone };

	// Node-only and long (minutes): before any server, whose idle keep-alive sockets would be
	// closed under the next request by then.
	await part('scannerDecoders', () => scannerDecoders(DECODER_URLS), scannerDecodersRows);
	// Node-only too: the import service in this process, on SQLite files of its own.
	await part('waitEstimate', waitEstimate, waitEstimateRows);
	await part('scheduleImport', () => scheduleImport(configDir, tmpDir), scheduleImportRows);

	// Two databases: the kiosk one stays small (its roster is what a tablet downloads), the
	// throughput one holds the thousands of appointments the server benchmark checks in.
	console.log('▶ preparing databases');
	const kioskDb = join(tmpDir, 'kiosk.sqlite');
	const throughputDb = join(tmpDir, 'throughput.sqlite');
	const [kioskIds, throughputIds] = await Promise.all([
		prepareDatabase(kioskDb, basePort + 2, site, [
			{ prefix: LATENCY, count: WARMUP_CHECKINS + MEASURED_CHECKINS },
			{ prefix: DRAIN, count: OPS },
			{ prefix: PHOTOS, count: 2 * PHOTO_VISITS }
		]),
		prepareDatabase(throughputDb, basePort + 3, site, [{ prefix: THROUGHPUT, count: CHECKINS }])
	]);
	const ids = (map: Map<string, string[]>, prefix: string) => map.get(prefix) ?? [];

	let server: RunningServer | null = null;
	let browser: Browser | null = null;
	let appVersion: string | null = null;
	try {
		server = await serve(kioskDb, basePort, 'kiosk-server');
		appVersion = await version(server.baseUrl);
		const staff = await Staff.signIn(server.baseUrl);

		// Node-only, before any browser runs, so Chromium's idle work is not in the figures.
		await part(
			'displayLatency',
			() => displayLatency(staff, ids(kioskIds, LATENCY)),
			displayLatencyRows
		);

		await part('photoSync', () => photoSync(staff, ids(kioskIds, PHOTOS)), photoSyncRows);

		// Demo appointments nobody checks in: their letters' QR codes are what the camera shows.
		const appointments = await staff.get<StaffAppointment[]>('/api/staff/appointments');
		const added = new Set([
			...ids(kioskIds, LATENCY),
			...ids(kioskIds, DRAIN),
			...ids(kioskIds, PHOTOS)
		]);
		const letters = appointments
			.filter((a) => a.status === 'booked' && !added.has(a.id))
			.map((a) => a.id);
		await part(
			'qrToIdentity',
			() => qrToIdentity(staff, letters, tmpDir, LETTERS),
			qrToIdentityRows
		);

		// The soak's letter is never checked in either; its own browser shows it to the camera.
		await part(
			'kioskSoak',
			async () => {
				const letter = letters.at(-1);
				if (!letter) throw new Error('kiosk soak: no demo letter left to scan');
				return kioskSoak(staff, letter, tmpDir);
			},
			kioskSoakRows
		);

		// The other browser benchmarks share one enrolled kiosk. Its camera shows an empty room:
		// with no camera at all, tapping "Scan my code" could wait on a permission prompt.
		const blankCamera = join(tmpDir, 'blank.y4m');
		await writeBlankY4m(blankCamera);
		const plainBrowser = await launchChromium({ cameraY4m: blankCamera });
		browser = plainBrowser;
		machine.chromium = plainBrowser.version();
		await part('kioskJsSize', () => kioskJsSize(plainBrowser, staff), kioskJsSizeRows);
		let kiosk: Kiosk | null = null;
		const withKiosk = async () => {
			kiosk ??= await openKiosk(plainBrowser, staff, 'bench kiosk');
			results.kioskRosterEntries = kiosk.rosterEntries;
			return kiosk;
		};
		await part('offlineReload', async () => offlineReload(await withKiosk()), offlineReloadRows);
		await part(
			'outboxDrain',
			async () => outboxDrain(await withKiosk(), kioskDb, ids(kioskIds, DRAIN)),
			outboxDrainRows
		);
		// Its own server and database (basePort + 3 is free once the databases are prepared).
		await part(
			'rosterAfterImport',
			() => rosterAfterImport(plainBrowser, { port: basePort + 3, configDir, buildDir, tmpDir }),
			rosterAfterImportRows
		);
		await plainBrowser.close();
		browser = null;
		await server.stop();

		// A clinic's ordinary day (the demo seed, 45 appointments), not the kiosk database's
		// thousand extra rows: the kiosk's first load stores its whole roster, and a roster 25
		// times too big would be measured as the page's blocking time. Its own Chromium
		// (launched by chrome-launcher, as Lighthouse expects).
		if (!only || only.includes('lighthouse')) {
			server = await serve(join(tmpDir, 'lighthouse.sqlite'), basePort + 2, 'lighthouse-server');
			const demoStaff = await Staff.signIn(server.baseUrl);
			await part(
				'lighthouse',
				async () => lighthouseScores(demoStaff.baseUrl, await lighthouseSurfaces(demoStaff)),
				lighthouseRows
			);
			await server.stop();
		}

		server = await serve(throughputDb, basePort + 1, 'throughput-server');
		const throughputStaff = await Staff.signIn(server.baseUrl);
		await part(
			'serverCheckIns',
			() => serverCheckIns(throughputStaff, throughputDb, ids(throughputIds, THROUGHPUT)),
			serverCheckInsRows
		);
	} finally {
		await browser?.close();
		await server?.stop();
	}

	machine.loadAtEnd = loadAverage();
	console.log('');
	if (SMOKE) console.log('SMOKE RUN: tiny sizes, the figures only show that each benchmark runs.');
	printTable(rows);
	console.log(
		`\n${machine.cpus}× ${machine.cpuModel}, ${machine.memoryGB} GB, Node ${machine.node}, ` +
			`Chromium ${machine.chromium ?? '?'}; load ${machine.loadAtStart} → ${machine.loadAtEnd}`
	);
	await mkdir(join(benchDir, 'results'), { recursive: true });
	await writeFile(
		resultsFile,
		JSON.stringify(
			{
				smoke: SMOKE,
				startedAt: startedAt.toISOString(),
				finishedAt: new Date().toISOString(),
				appVersion,
				buildDir,
				machine,
				table: rows,
				results,
				broken
			},
			null,
			'\t'
		) + '\n'
	);
	console.log(`Wrote ${resultsFile}`);
}

try {
	await main();
} catch (error) {
	console.error('bench:', error);
	broken.push('setup');
} finally {
	if (process.env.BENCH_KEEP_TMP === '1') console.log(`Kept ${tmpDir}`);
	else {
		await rm(tmpDir, { recursive: true, force: true });
		// bench/.tmp itself goes too, unless another run is using it at the same time.
		await rmdir(join(benchDir, '.tmp')).catch(() => undefined);
	}
}
process.exitCode = broken.length > 0 ? 1 : 0;
