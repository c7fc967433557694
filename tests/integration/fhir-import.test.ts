import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '$lib/server/db';
import { loadSiteConfigs } from '$lib/server/config';
import { seedDemoIfEmpty } from '$lib/server/db/seed';
import { importSchedule, importHistory } from '$lib/server/schedule-import';
import type { ImportResult } from '$lib/schedule-import/report';
import type { SiteConfig } from '$lib/schemas/site-config';
import { dialects } from './support/dialects';
import { freshDatabase, type FreshDatabase } from './support/fresh-db';
import { root } from './support/build';
import { count, normalise } from './support/db';

/**
 * The FHIR R4 Bundle import against a real database of each dialect, through the service the
 * command and the admin page call, as the CSV import's suite does: HL7's own published examples
 * (tests/fixtures/fhir/hl7-r4-examples, from the hl7.fhir.r4.examples package) and a bundle
 * written here with good and invalid entries.
 */

const configs = loadSiteConfigs(path.join(root, 'kiosk-config'));
const main = configs.get('main') as SiteConfig;
// HL7's Practitioner/example (Dr Adam Careful, identifier 23 at acme.org) works here as Grace Kim.
const sites = new Map<string, SiteConfig>([
	[
		'main',
		{
			...main,
			import: {
				...main.import,
				fhir: {
					providers: { 'http://www.acme.org/practitioners|23': 'main-kim' },
					defaultDurationMinutes: 15
				}
			}
		}
	]
]);
const fixtures = path.join(root, 'tests', 'fixtures', 'fhir');
const hl7 = (name: string): Record<string, unknown> =>
	JSON.parse(fs.readFileSync(path.join(fixtures, 'hl7-r4-examples', `${name}.json`), 'utf8'));
const ownBundle = (): Record<string, unknown> & {
	entry: { resource: Record<string, unknown> }[];
} => JSON.parse(fs.readFileSync(path.join(fixtures, 'riverside-bundle.json'), 'utf8'));

/** HL7's examples of the five resources, as one collection Bundle. */
const HL7_RESOURCES = [
	'Patient-example',
	'Practitioner-example',
	'Location-1',
	'Organization-2',
	'Appointment-example',
	'Appointment-2docs',
	'Appointment-examplereq',
	'Coverage-9876B1'
];
const hl7Collection = JSON.stringify({
	resourceType: 'Bundle',
	type: 'collection',
	entry: HL7_RESOURCES.map((name) => {
		const resource = hl7(name);
		return {
			fullUrl: `http://hl7.org/fhir/${String(resource.resourceType)}/${String(resource.id)}`,
			resource
		};
	})
});
const actor = { type: 'staff' as const, id: 'main-admin', ip: '127.0.0.1' };

describe.each(dialects)('FHIR R4 Bundle import (%s)', (dialect) => {
	let fresh: FreshDatabase;
	let database: Db;

	beforeAll(async () => {
		fresh = await freshDatabase(dialect);
		database = await openDb(fresh.env);
		await seedDemoIfEmpty(database.db, sites, { FRONT_DESK_DEMO_PASSWORD: 'it-password' });
	});

	afterAll(async () => {
		await database?.close();
		await fresh?.drop();
	});

	function run(text: string, dryRun = false, fileName = 'bundle.json') {
		return importSchedule(
			{ ...database, hub: { notify() {} }, sites },
			{
				siteId: 'main',
				fileName,
				bytes: new TextEncoder().encode(text),
				dryRun,
				actor,
				now: Date.parse('2026-12-03T15:00:00Z')
			}
		);
	}

	function ok(result: ImportResult) {
		if (!result.ok) throw new Error(`import refused: ${result.reason} ${result.detail ?? ''}`);
		return result;
	}

	/** Each entry's outcome and problem codes, by entry number. */
	const summary = (result: ImportResult) =>
		Object.fromEntries(
			ok(result).rows.map((r) => [
				r.line,
				[r.resource, r.outcome, ...r.problems.map((p) => p.code)].join(' ')
			])
		);

	async function state() {
		const db = database.db;
		const all = async (table: 'appointments' | 'patients' | 'coverages') =>
			(await db.selectFrom(table).selectAll().orderBy('id').execute()).map(normalise);
		return {
			appointments: await all('appointments'),
			patients: await all('patients'),
			coverages: await all('coverages'),
			events: await count(db, 'events')
		};
	}

	const appointment = (ref: string) =>
		database.db
			.selectFrom('appointments as a')
			.innerJoin('patients as p', 'p.id', 'a.patient_id')
			.selectAll('a')
			.select(['p.external_id as patient_ref', 'p.last_name', 'p.dob', 'p.phone'])
			.select(['p.email', 'p.preferred_language'])
			.where('a.site_id', '=', 'main')
			.where('a.external_id', '=', ref)
			.executeTakeFirstOrThrow();

	const coverages = (patientRef: string) =>
		database.db
			.selectFrom('coverages as c')
			.innerJoin('patients as p', 'p.id', 'c.patient_id')
			.select(['c.payer', 'c.member_id', 'c.group_number', 'c.relationship', 'c.copay_cents'])
			.select(['c.verified', 'c.ended_at'])
			.where('p.external_id', '=', patientRef)
			.execute()
			// The current one first (NULL sorts differently in the two dialects).
			.then((rows) => rows.sort((a, b) => Number(a.ended_at ?? 0) - Number(b.ended_at ?? 0)));

	it('HL7’s examples: a dry run reports every entry and writes nothing', async () => {
		const before = await state();
		const result = ok(await run(hl7Collection, true));
		expect(result).toMatchObject({ kind: 'fhir', dryRun: true, importId: null });
		expect(summary(result)).toEqual({
			1: 'Patient/example referenced',
			2: 'Practitioner/example referenced',
			3: 'Location/1 referenced unknown-room',
			// The payer of the coverage below: read, though the coverage is left out.
			4: 'Organization/2 referenced',
			// Peter Chalmers' phone numbers are Australian: not numbers of this US site.
			5: 'Appointment/example created bad-phone',
			6: 'Appointment/2docs created bad-phone',
			// A request for an appointment: no time, no practitioner yet.
			7: 'Appointment/examplereq skipped not-booked bad-phone missing-provider bad-date',
			// Its beneficiary, Patient/4, is not among HL7's examples.
			8: 'Coverage/9876B1 skipped unknown-patient'
		});
		expect(await state()).toEqual(before);
	});

	it('HL7’s examples: imported, then imported again without a change', async () => {
		const result = ok(await run(hl7Collection));
		expect(result.counts).toMatchObject({ created: 2, patientsCreated: 1, skipped: 2 });
		const peter = await appointment('Appointment/example');
		expect(peter).toMatchObject({
			patient_ref: '12345',
			last_name: 'Chalmers',
			dob: '1974-12-25',
			provider_id: 'main-kim',
			duration_min: 120,
			visit_type: 'A follow up visit from a previous appointment',
			status: 'booked',
			site_day: '2013-12-10'
		});
		expect(Number(peter.starts_at)).toBe(Date.parse('2013-12-10T09:00:00Z'));
		// Both of Peter Chalmers' appointments are his one record's.
		expect((await appointment('Appointment/2docs')).patient_id).toBe(peter.patient_id);

		const before = await state();
		const again = ok(await run(hl7Collection));
		expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
		expect(await state()).toEqual(before);
	});

	it('HL7’s transaction and searchset examples are read entry by entry, with nothing to schedule', async () => {
		const before = await state();
		const transaction = ok(await run(JSON.stringify(hl7('Bundle-bundle-transaction')), true));
		expect(transaction.rows).toHaveLength(10);
		expect(transaction.counts).toMatchObject({ created: 0, skipped: 10 });
		const codes = transaction.rows.map((r) => r.problems[0]?.code);
		expect(codes.filter((c) => c === 'not-referenced')).toHaveLength(5);
		expect(codes.filter((c) => c === 'unsupported-resource')).toHaveLength(5);
		const searchset = ok(await run(JSON.stringify(hl7('Bundle-bundle-example')), true));
		expect(summary(searchset)).toEqual({
			1: 'MedicationRequest/3123 skipped unsupported-resource',
			2: 'Medication/example skipped unsupported-resource'
		});
		expect(await state()).toEqual(before);
	});

	it('a bundle with invalid entries: each is reported, the good ones go in', async () => {
		const result = ok(await run(JSON.stringify(ownBundle())));
		expect(summary(result)).toEqual({
			1: 'Patient/p1 referenced',
			2: 'Patient/p2 referenced',
			3: 'Practitioner/lee referenced',
			4: 'Practitioner/ortiz referenced',
			5: 'Location/room2 referenced',
			6: 'Organization/aetna referenced',
			7: 'Appointment/a1 created',
			8: 'Appointment/a2 created',
			9: 'Coverage/c1 created',
			10: 'Appointment/a3 skipped invalid-resource',
			11: 'Appointment/a4 skipped unknown-patient',
			12: 'Patient/p3 referenced',
			13: 'Appointment/a5 skipped bad-birth-date',
			14: 'Practitioner/zed referenced',
			15: 'Appointment/a6 skipped unknown-provider',
			16: 'Appointment/a7 skipped not-booked',
			17: 'Coverage/c2 skipped coverage-inactive',
			18: 'Observation/obs1 skipped unsupported-resource',
			19: 'Patient/p9 skipped not-referenced',
			20: 'Patient/p10 skipped invalid-resource'
		});
		expect(result.rows[9].problems[0]).toEqual({
			code: 'invalid-resource',
			column: 'Appointment.status',
			value: 'enum'
		});
		expect(result.counts).toMatchObject({ created: 2, coveragesCreated: 1, patientsCreated: 2 });
		expect(await appointment('A-5001')).toMatchObject({
			provider_id: 'main-lee',
			duration_min: 20,
			site_day: '2026-12-04',
			patient_ref: 'P1001',
			phone: '(212) 555-0142',
			email: 'ana.ruiz@example.org',
			preferred_language: 'es'
		});
		expect(await appointment('A-5002')).toMatchObject({
			provider_id: 'main-ortiz',
			duration_min: 30
		});
		expect(await coverages('P1001')).toEqual([
			{
				payer: 'Aetna',
				member_id: 'W123456789',
				group_number: 'G-778',
				relationship: 'self',
				copay_cents: 2500,
				verified: 0,
				ended_at: null
			}
		]);
		const audit = await database.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'coverage.imported')
			.execute();
		expect(audit).toHaveLength(1);
		const [history] = await importHistory(database.db, 'main');
		expect(history).toMatchObject({ id: result.importId, kind: 'fhir', counts: result.counts });
	});

	it('the same bundle again changes nothing; a changed time and a new member id update', async () => {
		const before = await state();
		const again = ok(await run(JSON.stringify(ownBundle())));
		expect(again.counts).toMatchObject({
			created: 0,
			updated: 0,
			unchanged: 2,
			coveragesCreated: 0
		});
		expect(again.rows[8].outcome).toBe('unchanged');
		expect(await state()).toEqual(before);

		const changed = ownBundle();
		changed.entry[6].resource.start = '2026-12-04T14:30:00Z';
		changed.entry[6].resource.end = '2026-12-04T14:50:00Z';
		changed.entry[8].resource.subscriberId = 'W999';
		const result = ok(await run(JSON.stringify(changed)));
		expect(result.rows[6]).toMatchObject({ outcome: 'updated', changes: ['startsAt'] });
		expect(result.rows[8]).toMatchObject({ outcome: 'updated', changes: ['payer', 'memberId'] });
		expect(Number((await appointment('A-5001')).starts_at)).toBe(
			Date.parse('2026-12-04T14:30:00Z')
		);
		const [current, ended] = await coverages('P1001');
		expect(current).toMatchObject({ member_id: 'W999', ended_at: null });
		expect(ended).toMatchObject({ member_id: 'W123456789' });
		expect(ended.ended_at).not.toBeNull();
	});

	it('refuses what is not a schedule Bundle, whole', async () => {
		const refusal = async (text: string, fileName = 'bundle.json') => {
			const result = await run(text, true, fileName);
			return result.ok ? 'accepted' : result.reason;
		};
		expect(await refusal('{"resourceType": "Bundle", ')).toBe('unreadable');
		expect(await refusal(JSON.stringify(hl7('Patient-example')))).toBe('not-a-bundle');
		expect(
			await refusal(JSON.stringify({ resourceType: 'Bundle', type: 'document', entry: [] }))
		).toBe('bundle-type');
		expect(await refusal(JSON.stringify({ resourceType: 'Bundle', type: 'nonsense' }))).toBe(
			'not-a-bundle'
		);
		expect(await refusal(JSON.stringify({ resourceType: 'Bundle', type: 'collection' }))).toBe(
			'empty-file'
		);
		// Read by its content, whatever the name says.
		expect(await refusal(JSON.stringify(hl7('Patient-example')), 'export.txt')).toBe(
			'not-a-bundle'
		);
	});
});
