import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { audit, type Actor } from '../../audit';
import { shortId } from '../../secrets';
import type { RowOutcome, RowProblem } from '$lib/schedule-import/report';
import type { Relationship } from '$lib/intake/fields';
import { BundleIndex, isObject, type BundleEntry, type Resource } from './read-bundle';
import * as el from './elements';

/**
 * A Bundle's Coverage becomes the patient's coverage, the one the kiosk shows and the desk
 * verifies: one current coverage per patient (the roster reads one), so the first active
 * Coverage of a patient in the bundle (lowest `order`) is theirs. The same payer and member id
 * update the current coverage in place; another payer or member id ends it and starts a new one,
 * unverified, as an accepted change at the desk does (src/lib/server/change-review.ts).
 */

export interface CoverageRow {
	line: number;
	patientRef: string;
	payer: string;
	member_id: string;
	group_number: string;
	relationship: Relationship;
	holder_name: string;
	holder_dob: string;
	copay_cents: number;
}

export interface MappedCoverage {
	line: number;
	problems: RowProblem[];
	row: CoverageRow | null;
	/** Entries the coverage names (its patient, its payer): `referenced`. */
	names: number[];
}

const RELATIONSHIPS: Relationship[] = ['self', 'spouse', 'child'];

export function mapCoverages(
	entries: readonly BundleEntry[],
	index: BundleIndex,
	patientRefOf: (patient: Resource) => string
): MappedCoverage[] {
	const coverages = entries.filter((e) => e.type === 'Coverage' && e.resource);
	const order = (e: BundleEntry) => {
		const value = (e.resource as Resource).order;
		return typeof value === 'number' ? value : Number.MAX_SAFE_INTEGER;
	};
	const seen = new Set<string>();
	const mapped = [...coverages]
		.sort((a, b) => order(a) - order(b) || a.index - b.index)
		.map((entry) => {
			const result = mapCoverage(entry, index, patientRefOf);
			if (result.row) {
				if (seen.has(result.row.patientRef)) {
					result.problems.push({ code: 'secondary-coverage', value: result.row.patientRef });
					result.row = null;
				} else seen.add(result.row.patientRef);
			}
			return result;
		});
	return mapped.sort((a, b) => a.line - b.line);
}

function mapCoverage(
	entry: BundleEntry,
	index: BundleIndex,
	patientRefOf: (patient: Resource) => string
): MappedCoverage {
	const resource = entry.resource as Resource;
	const problems: RowProblem[] = [];
	const names: number[] = [];
	const result: MappedCoverage = { line: entry.index, problems, row: null, names };
	const patient = index.resolve(resource.beneficiary, 'Patient');
	const patientRef = patient ? patientRefOf(patient.resource as Resource) : '';
	if (patient) names.push(patient.index);
	if (!patientRef) {
		const reference = isObject(resource.beneficiary) ? resource.beneficiary.reference : '';
		problems.push({
			code: 'unknown-patient',
			column: 'Coverage.beneficiary',
			value: typeof reference === 'string' ? reference : ''
		});
	}
	const payor = el.list(resource.payor)[0];
	const organization = index.resolve(payor, 'Organization');
	if (organization) names.push(organization.index);
	const selfPay = patient !== null && index.resolve(payor, 'Patient') === patient;
	const payer = (
		el.text(organization?.resource?.name) ||
		el.text(payor?.display) ||
		(selfPay ? 'Self-pay' : '')
	).slice(0, 100);
	if (!payer) problems.push({ code: 'missing-payer', column: 'Coverage.payor' });
	if (resource.status !== 'active') {
		problems.push({ code: 'coverage-inactive', value: String(resource.status) });
	}
	if (problems.length > 0) return result;

	const code = el.codes(resource.relationship)[0] ?? '';
	const relationship: Relationship = code
		? (RELATIONSHIPS as string[]).includes(code)
			? (code as Relationship)
			: 'other'
		: 'self';
	let holder_name = '';
	let holder_dob = '';
	const subscriber = index.resolve(resource.subscriber, 'Patient');
	if (relationship !== 'self' && subscriber && subscriber !== patient) {
		const name = el.personName(subscriber.resource?.name);
		holder_name = `${name.given} ${name.family}`.trim().slice(0, 100);
		const dob = el.text(subscriber.resource?.birthDate);
		holder_dob = /^\d{4}-\d{2}-\d{2}$/.test(dob) ? dob : '';
	}
	const group = el.list(resource.class).find((c) => el.codes(c.type).includes('group'));
	const copay = el
		.list(resource.costToBeneficiary)
		.find((c) => el.codes(c.type).includes('copay') && isObject(c.valueMoney));
	const amount = copay && isObject(copay.valueMoney) ? copay.valueMoney.value : undefined;
	result.row = {
		line: entry.index,
		patientRef,
		payer,
		member_id: (
			el.text(resource.subscriberId) || el.text(el.list(resource.identifier)[0]?.value)
		).slice(0, 64),
		group_number: el.text(group?.value).slice(0, 64),
		relationship,
		holder_name,
		holder_dob,
		copay_cents: typeof amount === 'number' && amount >= 0 ? Math.round(amount * 100) : 0
	};
	return result;
}

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
		const current = await db
			.selectFrom('coverages as c')
			.innerJoin('patients as p', 'p.id', 'c.patient_id')
			.select(['c.id', ...COMPARED.map((k) => `c.${k}` as const), 'c.payer', 'c.member_id'])
			.where('p.site_id', '=', siteId)
			.where('p.external_id', '=', row.patientRef)
			.where('c.ended_at', 'is', null)
			.orderBy('c.id')
			.executeTakeFirst();
		const patient = current
			? true
			: await db
					.selectFrom('patients')
					.select('id')
					.where('site_id', '=', siteId)
					.where('external_id', '=', row.patientRef)
					.executeTakeFirst();
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
	for (const { row, current, set } of plan.writes) {
		const patient = await trx
			.selectFrom('patients')
			.select('id')
			.where('site_id', '=', siteId)
			.where('external_id', '=', row.patientRef)
			.executeTakeFirstOrThrow();
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
