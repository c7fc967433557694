import type { Kysely, Selectable, Transaction } from 'kysely';
import type { App } from './app';
import type { StaffUser } from './auth';
import type { ChangeFieldTable, CoverageTable, Database, PatientTable } from './db/schema';
import { withEvents, type Emit } from './events/write';
import { audit, type Actor } from './audit';
import { refreshQueueRows } from './change-flags';
import type { ChangeFieldName, ContactField } from '$lib/intake/fields';
import type { ChangeDecisionRequest, ChangeReviewRefusal, StaffResult } from '$lib/schemas/staff';

/**
 * Staff's review of a patient's change request, field by field (the list is ./change-list.ts).
 * Accepting is the only way a patient's edit reaches the record: the patient row for contact
 * details, the coverage for insurance. Each post is one transaction: its decisions, the record
 * they change, an audit row per decision and the events that refresh the desk all commit
 * together, or nothing does.
 */

type ReviewResult = StaffResult<ChangeReviewRefusal>;

/** Thrown inside the transaction to roll back what this post already wrote. */
class Refused extends Error {
	constructor(readonly reason: ChangeReviewRefusal) {
		super(reason);
	}
}

const CONTACT_COLUMNS: Record<ContactField, keyof PatientTable> = {
	phone: 'phone',
	email: 'email',
	address: 'address',
	city: 'city',
	region: 'region',
	postalCode: 'postal_code',
	preferredLanguage: 'preferred_language',
	emergencyName: 'emergency_name',
	emergencyRelationship: 'emergency_relationship',
	emergencyPhone: 'emergency_phone'
};

type CoverageText =
	'payer' | 'member_id' | 'group_number' | 'relationship' | 'holder_name' | 'holder_dob';
const COVERAGE_COLUMNS: Partial<Record<ChangeFieldName, CoverageText & keyof CoverageTable>> = {
	'insurance.payer': 'payer',
	'insurance.memberId': 'member_id',
	'insurance.groupNumber': 'group_number',
	'insurance.relationship': 'relationship',
	'insurance.holderName': 'holder_name',
	'insurance.holderDob': 'holder_dob'
};

/** The coverage a change request's accepted new insurance becomes: one per request. */
export const coverageIdFor = (changeId: string) => `${changeId}-cov`;

async function run(
	app: App,
	work: (trx: Transaction<Database>, emit: Emit) => Promise<void>
): Promise<ReviewResult> {
	try {
		await withEvents(app, work);
		return { ok: true };
	} catch (error) {
		if (error instanceof Refused) return { ok: false, reason: error.reason };
		throw error;
	}
}

async function openRequest(trx: Kysely<Database>, staff: StaffUser, changeId: string) {
	const change = await trx
		.selectFrom('change_requests')
		.selectAll()
		.where('id', '=', changeId)
		.where('site_id', '=', staff.siteId)
		.executeTakeFirst();
	if (!change) throw new Refused('change-not-found');
	return change;
}

/** Accepts or rejects some fields of one pending change request, and applies what was accepted. */
export function decideFields(
	app: App,
	staff: StaffUser,
	request: ChangeDecisionRequest,
	ip: string | null
): Promise<ReviewResult> {
	const { changeId, decisions } = request;
	const actor: Actor = { type: 'staff', id: staff.id, ip };
	return run(app, async (trx, emit) => {
		const change = await openRequest(trx, staff, changeId);
		if (change.status !== 'pending') throw new Refused('change-already-reviewed');
		const fields = new Map(
			(
				await trx
					.selectFrom('change_fields')
					.selectAll()
					.where('change_id', '=', changeId)
					.execute()
			).map((row) => [row.field, row])
		);
		const now = Date.now();
		for (const { field, decision, note } of decisions) {
			// Only a field still pending: a colleague's decision on the same field stands.
			const updated = await trx
				.updateTable('change_fields')
				.set({ decision, note: note ?? '', decided_at: now, decided_by: staff.id })
				.where('change_id', '=', changeId)
				.where('field', '=', field)
				.where('decision', '=', 'pending')
				.executeTakeFirst();
			if (Number(updated.numUpdatedRows) !== 1) throw new Refused('field-already-decided');
		}
		const accepted = decisions
			.filter((d) => d.decision === 'accepted')
			.map((d) => fields.get(d.field)!);
		await applyContact(trx, change.patient_id, accepted);
		await applyInsurance(trx, change.patient_id, changeId, accepted, now);

		for (const { field, decision, note } of decisions) {
			const row = fields.get(field)!;
			await audit(trx, actor, 'change.decided', change.patient_id, {
				changeId,
				field,
				old: row.old_value,
				new: row.new_value,
				decision,
				note: note ?? ''
			});
		}
		const open = await trx
			.selectFrom('change_fields')
			.select('field')
			.where('change_id', '=', changeId)
			.where('decision', '=', 'pending')
			.execute();
		if (open.length === 0) {
			await trx
				.updateTable('change_requests')
				.set({ status: 'reviewed', reviewed_at: now, reviewed_by: staff.id })
				.where('id', '=', changeId)
				.execute();
		}
		await emit(staff.siteId, 'changes.changed', { changeId });
		await refreshQueueRows(trx, emit, siteOf(app, staff), change.patient_id);
	});
}

type FieldRow = Selectable<ChangeFieldTable>;

async function applyContact(trx: Kysely<Database>, patientId: string, accepted: FieldRow[]) {
	const set: Partial<Record<keyof PatientTable, string>> = {};
	for (const row of accepted) {
		const column = CONTACT_COLUMNS[row.field as ContactField];
		if (column) set[column] = row.new_value;
	}
	if (Object.keys(set).length === 0) return;
	await trx.updateTable('patients').set(set).where('id', '=', patientId).execute();
}

/**
 * New insurance: the first accepted insurance field of a request ends the current coverage and
 * starts the request's own (unverified, no copay known yet), seeded with the old coverage's
 * values; each accepted field is then set on it, so a rejected one keeps what was on file.
 * "I'll pay myself" accepted ends the current coverage.
 */
async function applyInsurance(
	trx: Kysely<Database>,
	patientId: string,
	changeId: string,
	accepted: FieldRow[],
	now: number
) {
	const endCurrent = () =>
		trx
			.updateTable('coverages')
			.set({ ended_at: now })
			.where('patient_id', '=', patientId)
			.where('ended_at', 'is', null)
			.execute();
	if (accepted.some((row) => row.field === 'insurance.selfPay' && row.new_value === 'yes')) {
		await endCurrent();
	}
	const parts = accepted.filter((row) => COVERAGE_COLUMNS[row.field]);
	if (parts.length === 0) return;
	const id = coverageIdFor(changeId);
	// The request's coverage exists once one of its insurance fields was accepted.
	const existing = await trx
		.selectFrom('coverages')
		.select('id')
		.where('id', '=', id)
		.executeTakeFirst();
	if (!existing) {
		const current = await trx
			.selectFrom('coverages')
			.selectAll()
			.where('patient_id', '=', patientId)
			.where('ended_at', 'is', null)
			.orderBy('id')
			.executeTakeFirst();
		await endCurrent();
		await trx
			.insertInto('coverages')
			.values({
				id,
				patient_id: patientId,
				payer: current?.payer ?? '',
				member_id: current?.member_id ?? '',
				group_number: current?.group_number ?? '',
				relationship: current?.relationship ?? 'self',
				holder_name: current?.holder_name ?? '',
				holder_dob: current?.holder_dob ?? '',
				copay_cents: 0,
				verified: 0,
				ended_at: null
			})
			.execute();
	}
	const set: Partial<Record<CoverageText, string>> = {};
	for (const row of parts) set[COVERAGE_COLUMNS[row.field]!] = row.new_value;
	await trx.updateTable('coverages').set(set).where('id', '=', id).execute();
}

/**
 * Marks a request as handled: a refused one (the server could not accept what arrived; staff
 * have seen why), or a pending one with nothing left to decide (photos only). It stays on record.
 */
export function acknowledgeChange(
	app: App,
	staff: StaffUser,
	changeId: string,
	ip: string | null
): Promise<ReviewResult> {
	return run(app, async (trx, emit) => {
		const change = await openRequest(trx, staff, changeId);
		if (change.reviewed_at !== null || change.status === 'reviewed') {
			throw new Refused('change-already-reviewed');
		}
		if (change.status === 'pending') {
			const open = await trx
				.selectFrom('change_fields')
				.select('field')
				.where('change_id', '=', changeId)
				.where('decision', '=', 'pending')
				.execute();
			if (open.length > 0) throw new Refused('fields-still-pending');
		}
		const now = Date.now();
		const updated = await trx
			.updateTable('change_requests')
			.set({
				status: change.status === 'refused' ? 'refused' : 'reviewed',
				reviewed_at: now,
				reviewed_by: staff.id
			})
			.where('id', '=', changeId)
			.where('reviewed_at', 'is', null)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) !== 1) throw new Refused('change-already-reviewed');
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'change.handled', change.patient_id, {
			changeId,
			status: change.status
		});
		await emit(staff.siteId, 'changes.changed', { changeId });
		await refreshQueueRows(trx, emit, siteOf(app, staff), change.patient_id);
	});
}

function siteOf(app: App, staff: StaffUser) {
	return { siteId: staff.siteId, timezone: app.sites.get(staff.siteId)?.timezone ?? 'UTC' };
}
