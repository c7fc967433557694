import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { audit, type Actor } from '../../audit';
import { shortId } from '../../secrets';
import type { RowOutcome } from '$lib/schedule-import/report';
import { chunks } from '../stored';
import type { CoverageRow, MappedCoverage } from './coverage';

/**
 * A Bundle's coverages against the patients' current ones (./coverage.ts maps them): the plan
 * reads, in chunks; the apply writes inside the import's transaction, after its patients exist.
 */

export interface CoverageWrite {
	row: CoverageRow;
	/** The current coverage to update (same payer and member id) or to end (another one). */
	current: { id: string; same: boolean } | null;
	set: Partial<
		Pick<
			CoverageRow,
			'group_number' | 'relationship' | 'holder_name' | 'holder_dob' | 'copay_cents'
		>
	>;
}

export interface CoveragePlan {
	outcomes: Map<number, { outcome: RowOutcome; changes: string[] }>;
	writes: CoverageWrite[];
}

const COMPARED = [
	'group_number',
	'relationship',
	'holder_name',
	'holder_dob',
	'copay_cents'
] as const;

/** Compares each coverage with the patient's current one; nothing here writes. */
export async function planCoverages(
	db: Kysely<Database>,
	siteId: string,
	mapped: readonly MappedCoverage[],
	newPatients: ReadonlySet<string>
): Promise<CoveragePlan> {
	const outcomes: CoveragePlan['outcomes'] = new Map();
	const writes: CoverageWrite[] = [];
	const refs = mapped.flatMap((m) =>
		m.row && !newPatients.has(m.row.patientRef) ? [m.row.patientRef] : []
	);
	const stored = await storedCoverages(db, siteId, refs);
	for (const { line, row, problems } of mapped) {
		if (!row) {
			outcomes.set(line, { outcome: 'skipped', changes: [] });
			continue;
		}
		if (newPatients.has(row.patientRef)) {
			writes.push({ row, current: null, set: {} });
			outcomes.set(line, { outcome: 'created', changes: [] });
			continue;
		}
		const current = stored.current.get(row.patientRef);
		const patient = stored.patients.has(row.patientRef);
		if (!patient) {
			// The patient's appointment was left out, and no earlier import made them.
			problems.push({
				code: 'unknown-patient',
				column: 'Coverage.beneficiary',
				value: row.patientRef
			});
			outcomes.set(line, { outcome: 'skipped', changes: [] });
			continue;
		}
		if (!current) {
			writes.push({ row, current: null, set: {} });
			outcomes.set(line, { outcome: 'created', changes: [] });
			continue;
		}
		const same = current.payer === row.payer && current.member_id === row.member_id;
		const set: CoverageWrite['set'] = {};
		for (const key of COMPARED) {
			if (current[key] !== row[key]) Object.assign(set, { [key]: row[key] });
		}
		const changes = same ? Object.keys(set) : ['payer', 'memberId', ...Object.keys(set)];
		if (same && changes.length === 0) {
			outcomes.set(line, { outcome: 'unchanged', changes: [] });
			continue;
		}
		writes.push({ row, current: { id: current.id, same }, set });
		outcomes.set(line, { outcome: 'updated', changes: changes.map(camel) });
	}
	return { outcomes, writes };
}

/** The patients of these refs that exist, and the current coverage of each that has one. */
async function storedCoverages(db: Kysely<Database>, siteId: string, refs: readonly string[]) {
	const patients = new Map<string, string>();
	const current = new Map<string, StoredCoverage>();
	for (const part of chunks(refs)) {
		const found = await db
			.selectFrom('patients')
			.select(['id', 'external_id'])
			.where('site_id', '=', siteId)
			.where('external_id', 'in', part)
			.execute();
		for (const p of found) if (p.external_id) patients.set(p.external_id, p.id);
		const ids = found.map((p) => p.id);
		if (ids.length === 0) continue;
		const rows = await db
			.selectFrom('coverages')
			.select(['id', 'patient_id', 'payer', 'member_id', ...COMPARED])
			.where('patient_id', 'in', ids)
			.where('ended_at', 'is', null)
			.orderBy('id')
			.execute();
		const refOf = new Map(found.map((p) => [p.id, p.external_id ?? '']));
		for (const row of rows) {
			const ref = refOf.get(row.patient_id) ?? '';
			// The first by id, as the desk's review takes it (change-review.ts).
			if (!current.has(ref)) current.set(ref, row);
		}
	}
	return { patients, current };
}

interface StoredCoverage {
	id: string;
	payer: string;
	member_id: string;
	group_number: string;
	relationship: string;
	holder_name: string;
	holder_dob: string;
	copay_cents: number;
}

function camel(column: string): string {
	return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Writes the plan, in the import's transaction, after its patients exist. */
export async function applyCoverages(
	trx: Transaction<Database>,
	actor: Actor,
	siteId: string,
	importId: string,
	plan: CoveragePlan
): Promise<void> {
	const now = Date.now();
	const ids = new Map<string, string>();
	for (const part of chunks(plan.writes.map((w) => w.row.patientRef))) {
		const found = await trx
			.selectFrom('patients')
			.select(['id', 'external_id'])
			.where('site_id', '=', siteId)
			.where('external_id', 'in', part)
			.execute();
		for (const p of found) if (p.external_id) ids.set(p.external_id, p.id);
	}
	for (const { row, current, set } of plan.writes) {
		const id = ids.get(row.patientRef);
		if (!id) throw new Error(`import: coverage of patient ${row.patientRef}, who does not exist`);
		const patient = { id };
		if (current?.same) {
			await trx.updateTable('coverages').set(set).where('id', '=', current.id).execute();
		} else {
			if (current) {
				await trx
					.updateTable('coverages')
					.set({ ended_at: now })
					.where('id', '=', current.id)
					.execute();
			}
			const { line: _line, patientRef: _ref, ...values } = row;
			await trx
				.insertInto('coverages')
				.values({ id: shortId(), patient_id: patient.id, ...values, verified: 0, ended_at: null })
				.execute();
		}
		await audit(trx, actor, 'coverage.imported', patient.id, {
			importId,
			outcome: current ? 'updated' : 'created',
			fields: current?.same ? Object.keys(set) : ['payer', 'member_id', ...Object.keys(set)]
		});
	}
}
