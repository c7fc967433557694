import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { withEvents } from '../../events/write';
import type { SiteConfig } from '$lib/schemas/site-config';
import { DEFAULT_FHIR_IMPORT } from '$lib/schemas/schedule-import';
import type { ImportCounts, ImportResult, RowReport } from '$lib/schedule-import/report';
import { siteDay } from '$lib/site-time';
import { fileHash } from '../upload';
import { planImport, type ImportPlan } from '../plan';
import { applyPlan } from '../apply';
import { importReport, type ImportApp, type ImportRequest } from '../request';
import { BundleIndex, readBundle, type BundleEntry } from './read-bundle';
import { mapAppointments, type FhirContext, type MappedBundle } from './map-bundle';
import { mapCoverages, type MappedCoverage } from './coverage';
import { applyCoverages, planCoverages, type CoveragePlan } from './coverage-plan';
import { ownIdentifier, text } from './elements';

/**
 * A FHIR R4 Bundle (collection, searchset or transaction) becomes the site's schedule: the same
 * plan, writes, history and report as a CSV export (../index.ts), one report row per entry. Its
 * Appointments are the rows; a Patient, Practitioner, Location or payer Organization is `read`
 * for what names it; a Coverage becomes the patient's coverage (./coverage.ts).
 */
export async function importBundle(
	app: ImportApp,
	request: ImportRequest,
	config: SiteConfig
): Promise<ImportResult> {
	const read = readBundle(request.bytes);
	if (!read.ok) return read;
	const siteId = config.siteId;
	const fhir = config.import.fhir ?? DEFAULT_FHIR_IMPORT;
	const [providers, rooms] = await Promise.all([
		app.db.selectFrom('providers').select(['id', 'name']).where('site_id', '=', siteId).execute(),
		app.db.selectFrom('rooms').select(['id', 'name']).where('site_id', '=', siteId).execute()
	]);
	const context: FhirContext = {
		config: fhir,
		timezone: config.timezone,
		languages: config.languages,
		country: config.country,
		providers,
		today: siteDay(config.timezone, request.now ?? Date.now())
	};
	const index = new BundleIndex(read.entries);
	const mapped = mapAppointments(read.entries, index, context);
	const coverages = mapCoverages(read.entries, index, (patient) =>
		ownIdentifier(patient, fhir.patientIdentifierSystem)
	);
	const roomNames = new Set(rooms.map((r) => r.name.toLowerCase()));
	const file = {
		kind: 'fhir' as const,
		siteId,
		fileName: request.fileName,
		hash: fileHash(request.bytes)
	};

	const plan = async (db: Kysely<Database>) => {
		const appointments = await planImport(db, siteId, mapped.appointments);
		const newPatients = new Set(appointments.patientCreates.map((p) => p.patientRef));
		const coveragePlan = await planCoverages(db, siteId, coverages, newPatients);
		const merged = entryReport(
			read.entries,
			appointments,
			mapped,
			coverages,
			coveragePlan,
			roomNames
		);
		return { appointments: { ...appointments, ...merged }, coveragePlan };
	};
	if (request.dryRun) {
		const planned = await plan(app.db);
		return importReport(planned.appointments, file, true, null);
	}
	return withEvents(app, async (trx, emit) => {
		const planned = await plan(trx);
		const importId = await applyPlan(trx, emit, request.actor, file, planned.appointments);
		await applyCoverages(trx, request.actor, siteId, importId, planned.coveragePlan);
		return importReport(planned.appointments, file, false, importId);
	});
}

/** One row per entry, in the bundle's order, and the counts over them. */
function entryReport(
	entries: readonly BundleEntry[],
	plan: ImportPlan,
	mapped: MappedBundle,
	coverages: readonly MappedCoverage[],
	coveragePlan: CoveragePlan,
	roomNames: ReadonlySet<string>
): { rows: RowReport[]; counts: ImportCounts } {
	const appointmentRows = new Map(plan.rows.map((row) => [row.line, row]));
	const coverageRows = new Map(coverages.map((c) => [c.line, c]));
	const referenced = new Set(mapped.referenced);
	for (const coverage of coverages) for (const line of coverage.names) referenced.add(line);
	const counts: ImportCounts = {
		...plan.counts,
		rows: entries.length,
		skipped: 0,
		referenced: 0,
		coveragesCreated: 0,
		coveragesUpdated: 0
	};
	const rows = entries.map((entry): RowReport => {
		const resource = entry.label ?? undefined;
		const appointment = appointmentRows.get(entry.index);
		if (entry.type === 'Appointment' && appointment) {
			if (appointment.outcome === 'skipped') counts.skipped++;
			return { ...appointment, resource };
		}
		const coverage = coverageRows.get(entry.index);
		if (entry.type === 'Coverage' && coverage) {
			const planned = coveragePlan.outcomes.get(entry.index);
			const outcome = planned?.outcome ?? 'skipped';
			if (outcome === 'skipped') counts.skipped++;
			if (outcome === 'created') counts.coveragesCreated = (counts.coveragesCreated ?? 0) + 1;
			if (outcome === 'updated') counts.coveragesUpdated = (counts.coveragesUpdated ?? 0) + 1;
			return {
				line: entry.index,
				appointmentRef: null,
				resource,
				outcome,
				problems: coverage.problems,
				changes: planned?.changes ?? []
			};
		}
		const problems = [...entry.problems];
		let outcome: RowReport['outcome'] = 'skipped';
		if (entry.resource && referenced.has(entry.index)) {
			outcome = 'referenced';
			const name = text(entry.resource.name);
			if (entry.type === 'Location' && !roomNames.has(name.toLowerCase())) {
				problems.push({ code: 'unknown-room', value: name || entry.label || '' });
			}
		} else if (entry.resource) {
			problems.push({ code: 'not-referenced', value: entry.resource.resourceType });
		}
		if (outcome === 'referenced') counts.referenced = (counts.referenced ?? 0) + 1;
		else counts.skipped++;
		return { line: entry.index, appointmentRef: null, resource, outcome, problems, changes: [] };
	});
	return { rows, counts };
}
