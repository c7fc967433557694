import type { RowProblem } from '$lib/schedule-import/report';
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
