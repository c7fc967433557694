// Issue 11: "import of a 5,000-appointment CSV and the same as a FHIR Bundle (seconds, rows/s)".
//
// One clinic day of APPOINTMENTS appointments (one new patient each, round-robin over the
// demo's three providers, in 5-minute slots from 07:00 in the site's time zone), generated here
// on the fly and never written to the repository, once as a CSV export and once as a FHIR R4
// collection Bundle (Patient, Practitioner, Appointment and a Coverage per patient). Each goes into its own fresh
// SQLite file (migrated and seeded with the demo clinic, as `npm start` makes it) through the
// service `npm run import` and the admin page call (src/lib/server/schedule-import), in this
// process: what is timed is reading, checking (for the Bundle, HL7's R4 JSON schema on every
// entry), planning and the one transaction that writes, not a child process's start-up. The
// same file is then imported a second time, which must change nothing. Rows/s is appointments
// over the import's wall time; the FHIR figure includes compiling the schema once (about 0.5 s).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/lib/server/db';
import { loadSiteConfigs } from '../src/lib/server/config';
import { seedDemoIfEmpty } from '../src/lib/server/db/seed';
import { importSchedule } from '../src/lib/server/schedule-import';
import type { SiteConfig } from '../src/lib/schemas/site-config';
import type { CsvImportConfig } from '../src/lib/schemas/schedule-import';
import { siteDay } from '../src/lib/site-time';
import type { ReportRow } from './support/report';
import { size } from './support/smoke';

export const APPOINTMENTS = size(5000, 60);

export const PROVIDERS = [
	{ id: 'lee', csv: 'LEE, MAYA', given: 'Maya', family: 'Lee' },
	{ id: 'ortiz', csv: 'ORTIZ, SAMUEL', given: 'Samuel', family: 'Ortiz' },
	{ id: 'kim', csv: 'KIM, GRACE', given: 'Grace', family: 'Kim' }
];
const FIRST = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatou', 'Gus', 'Hana', 'Ivan', 'Jo'];
const LAST = ['Abbott', 'Baker', 'Cruz', 'Diaz', 'Evans', 'Fox', 'Gray', 'Hale', 'Ito', 'Jain'];

export const CSV_MAPPING: CsvImportConfig = {
	columns: {
		appointmentId: 'Appt ID',
		patientId: 'Patient ID',
		lastName: 'Last Name',
		firstName: 'First Name',
		birthDate: 'DOB',
		phone: 'Phone',
		provider: 'Provider',
		date: 'Date',
		time: 'Time',
		durationMinutes: 'Length',
		visitType: 'Visit Type'
	},
	dateFormat: 'YYYY-MM-DD',
	timeFormat: 'HH:mm',
	delimiter: ',',
	encoding: 'utf-8',
	defaultDurationMinutes: 15,
	providers: {},
	cancelledValues: ['Cancelled'],
	languages: {}
};

export interface Generated {
	appointmentId: string;
	patientId: string;
	first: string;
	last: string;
	dob: string;
	phone: string;
	provider: (typeof PROVIDERS)[number];
	time: string;
}

export function day(count: number): Generated[] {
	return Array.from({ length: count }, (_, i) => {
		const slot = Math.floor(i / PROVIDERS.length) % 144; // 5-minute slots from 07:00 to 19:00
		const minutes = 7 * 60 + slot * 5;
		return {
			appointmentId: `BI${String(i + 1).padStart(6, '0')}`,
			patientId: `BP${String(i + 1).padStart(6, '0')}`,
			first: FIRST[i % FIRST.length],
			last: `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i}`,
			dob: `${1940 + (i % 70)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
			phone: `(212) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
			provider: PROVIDERS[i % PROVIDERS.length],
			time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
		};
	});
}

export function csv(rows: readonly Generated[], date: string): string {
	const header =
		'Appt ID,Patient ID,Last Name,First Name,DOB,Phone,Provider,Date,Time,Length,Visit Type';
	const lines = rows.map((r) =>
		[r.appointmentId, r.patientId, r.last, r.first, r.dob, r.phone, `"${r.provider.csv}"`]
			.concat([date, r.time, '15', 'Follow-up'])
			.join(',')
	);
	return [header, ...lines].join('\n') + '\n';
}

function bundle(rows: readonly Generated[], date: string, offset: string): string {
	const mr = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
	const entry = (resource: Record<string, unknown> & { resourceType: string; id: string }) => ({
		fullUrl: `https://pm.example/fhir/${resource.resourceType}/${resource.id}`,
		resource
	});
	const practitioners = PROVIDERS.map((p) =>
		entry({
			resourceType: 'Practitioner',
			id: p.id,
			name: [{ family: p.family, given: [p.given] }]
		})
	);
	const perAppointment = rows.flatMap((r) => [
		entry({
			resourceType: 'Patient',
			id: r.patientId,
			identifier: [{ type: mr, system: 'urn:bench:mrn', value: r.patientId }],
			name: [{ use: 'official', family: r.last, given: [r.first] }],
			birthDate: r.dob,
			telecom: [{ system: 'phone', value: r.phone, use: 'mobile' }]
		}),
		entry({
			resourceType: 'Appointment',
			id: r.appointmentId,
			identifier: [{ system: 'urn:bench:appointment', value: r.appointmentId }],
			status: 'booked',
			appointmentType: { text: 'Follow-up' },
			start: `${date}T${r.time}:00${offset}`,
			minutesDuration: 15,
			participant: [
				{ actor: { reference: `Patient/${r.patientId}` }, status: 'accepted' },
				{ actor: { reference: `Practitioner/${r.provider.id}` }, status: 'accepted' }
			]
		}),
		entry({
			resourceType: 'Coverage',
			id: `cov-${r.patientId}`,
			status: 'active',
			subscriberId: `M${r.patientId}`,
			beneficiary: { reference: `Patient/${r.patientId}` },
			payor: [{ display: 'Aetna' }]
		})
	]);
	return JSON.stringify({
		resourceType: 'Bundle',
		type: 'collection',
		entry: [...practitioners, ...perAppointment]
	});
}

/** The site's UTC offset at noon today, as `-05:00`. */
function utcOffset(timeZone: string): string {
	const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
		.formatToParts(new Date())
		.find((part) => part.type === 'timeZoneName')?.value;
	const offset = name?.replace('GMT', '') ?? '';
	return offset === '' ? 'Z' : offset;
}

export interface ImportRun {
	bytes: number;
	/** Report rows: CSV lines, or Bundle entries. */
	rows: number;
	firstMs: number;
	created: number;
	againMs: number;
	unchangedAgain: number;
	appointmentsPerSecond: number;
}

export interface ScheduleImportResult {
	appointments: number;
	csv: ImportRun;
	fhir: ImportRun;
}

async function timedImport(
	configDir: string,
	dir: string,
	name: string,
	text: string,
	site: (config: SiteConfig) => SiteConfig
): Promise<ImportRun> {
	const configs = loadSiteConfigs(configDir);
	const config = site(configs.get('main') as SiteConfig);
	const sites = new Map([[config.siteId, config]]);
	const database = await openDb({ DATABASE_PATH: join(dir, `${name}.sqlite`) });
	try {
		await seedDemoIfEmpty(database.db, sites, { FRONT_DESK_DEMO_PASSWORD: 'bench-password' });
		const bytes = new TextEncoder().encode(text);
		const app = { ...database, hub: { notify() {} }, sites };
		const request = {
			siteId: config.siteId,
			fileName: name,
			bytes,
			dryRun: false,
			actor: { type: 'system' as const, id: 'bench' }
		};
		const run = async () => {
			const start = performance.now();
			const result = await importSchedule(app, request);
			if (!result.ok) throw new Error(`${name}: refused (${result.reason} ${result.detail ?? ''})`);
			return { result, ms: performance.now() - start };
		};
		const first = await run();
		if (first.result.counts.created !== APPOINTMENTS) {
			throw new Error(`${name}: ${first.result.counts.created} of ${APPOINTMENTS} created`);
		}
		const again = await run();
		return {
			bytes: bytes.byteLength,
			rows: first.result.rows.length,
			firstMs: Math.round(first.ms),
			created: first.result.counts.created,
			againMs: Math.round(again.ms),
			unchangedAgain: again.result.counts.unchanged,
			appointmentsPerSecond: Math.round((APPOINTMENTS / first.ms) * 1000)
		};
	} finally {
		await database.close();
	}
}

export async function scheduleImport(
	configDir: string,
	tmpDir: string
): Promise<ScheduleImportResult> {
	const dir = join(tmpDir, 'schedule-import');
	await mkdir(dir, { recursive: true });
	try {
		const probe = loadSiteConfigs(configDir).get('main') as SiteConfig;
		const date = siteDay(probe.timezone);
		const rows = day(APPOINTMENTS);
		const providerIds = (config: SiteConfig) =>
			Object.fromEntries(PROVIDERS.map((p) => [p.csv, `${config.siteId}-${p.id}`]));
		const csvRun = await timedImport(configDir, dir, 'day.csv', csv(rows, date), (config) => ({
			...config,
			import: { csv: { ...CSV_MAPPING, providers: providerIds(config) } }
		}));
		const fhirRun = await timedImport(
			configDir,
			dir,
			'day.json',
			bundle(rows, date, utcOffset(probe.timezone)),
			(config) => config
		);
		return { appointments: APPOINTMENTS, csv: csvRun, fhir: fhirRun };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

export function scheduleImportRows(result: ScheduleImportResult): ReportRow[] {
	const row = (label: string, run: ImportRun): ReportRow[] => [
		{
			what: `schedule import, ${label}, ${result.appointments} appointments`,
			target: '',
			measured: `${(run.firstMs / 1000).toFixed(2)} s, ${run.appointmentsPerSecond} appointments/s`,
			met: null
		},
		{
			what: `  same file again (${run.unchangedAgain} unchanged)`,
			target: '',
			measured: `${(run.againMs / 1000).toFixed(2)} s`,
			met: null
		}
	];
	return [...row('CSV', result.csv), ...row('FHIR Bundle', result.fhir)];
}
