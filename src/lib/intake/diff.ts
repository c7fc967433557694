import {
	CONTACT_FIELDS,
	type ChangeProposal,
	type ContactDetails,
	type FieldChange,
	type NewInsurance
} from './fields';

/** The record as the server holds it, in the kiosk's field names. */
export interface OnFile {
	contact: ContactDetails;
	/** The patient's current coverage, or null for none (self-pay). */
	coverage: NewInsurance | null;
}

const INSURANCE_PARTS = [
	['insurance.payer', 'payer'],
	['insurance.memberId', 'memberId'],
	['insurance.groupNumber', 'groupNumber'],
	['insurance.relationship', 'relationship'],
	['insurance.holderName', 'holderName'],
	['insurance.holderDob', 'holderDob']
] as const;

/**
 * Field by field, what the patient's proposal would change: nothing for a field they left as it
 * was. "No insurance" for a patient who had some is one line, `insurance.selfPay` no → yes; new
 * insurance for a patient who had none also records selfPay yes → no.
 */
export function diffProposal(
	onFile: OnFile,
	proposal: Pick<ChangeProposal, 'contact' | 'insurance'>
): FieldChange[] {
	const changes: FieldChange[] = [];
	if (proposal.contact) {
		for (const field of CONTACT_FIELDS) {
			const old = onFile.contact[field];
			const next = proposal.contact[field];
			if (next !== undefined && old !== next) changes.push({ field, old, new: next });
		}
	}
	const insurance = proposal.insurance;
	if (insurance.kind === 'none' && onFile.coverage) {
		changes.push({ field: 'insurance.selfPay', old: 'no', new: 'yes' });
	}
	if (insurance.kind === 'new') {
		if (!onFile.coverage) changes.push({ field: 'insurance.selfPay', old: 'yes', new: 'no' });
		for (const [field, part] of INSURANCE_PARTS) {
			const old = onFile.coverage?.[part] ?? '';
			const next = insurance.insurance[part];
			if (old !== next) changes.push({ field, old, new: next });
		}
	}
	return changes;
}
