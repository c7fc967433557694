import {
	CONTACT_FIELDS,
	type ContactDetails,
	type ContactField,
	type FieldProblem,
	type InsuranceChoice
} from '$lib/intake/fields';
import {
	checkContact,
	checkInsurance,
	tidy,
	type Checked,
	type InsuranceFormField,
	type ValidationContext
} from '$lib/intake/validate';
import type { PublicSiteConfig } from '$lib/schemas/site-config';
import { siteDay } from '$lib/site-time';
import type { InsuranceDraft } from './edits.svelte';

/**
 * The kiosk's forms, checked with the server's own validators (src/lib/intake/validate.ts).
 * Loaded with the forms: libphonenumber-js is no part of the kiosk's first load (DESIGN §9).
 */
export function validationContext(site: PublicSiteConfig, now = Date.now()): ValidationContext {
	return { country: site.country, languages: site.languages, today: siteDay(site.timezone, now) };
}

const EMERGENCY: readonly ContactField[] = [
	'emergencyName',
	'emergencyRelationship',
	'emergencyPhone'
];

/**
 * The contact form as the server will judge it: a problem counts only in a field the patient
 * changed (or in the emergency contact they started), never in a value on file they left alone,
 * as an old import might have. The value is tidied (phone numbers in the site's format).
 */
export function checkContactEdits(
	draft: ContactDetails,
	shown: ContactDetails,
	context: ValidationContext
): Checked<ContactDetails, ContactField> {
	const touched = new Set(CONTACT_FIELDS.filter((field) => tidy(draft[field]) !== shown[field]));
	if (EMERGENCY.some((field) => touched.has(field))) for (const f of EMERGENCY) touched.add(f);
	const checked = checkContact(draft, context);
	if (checked.ok) return checked;
	const problems: Partial<Record<ContactField, FieldProblem>> = {};
	for (const field of touched) {
		const problem = checked.problems[field];
		if (problem) problems[field] = problem;
	}
	if (Object.keys(problems).length) return { ok: false, problems };
	const value = Object.fromEntries(
		CONTACT_FIELDS.map((f) => [f, touched.has(f) ? tidy(draft[f]) : shown[f]])
	) as ContactDetails;
	return { ok: true, value };
}

/** The insurance form: its choice, and for new insurance the payer picked or typed. */
export function checkInsuranceDraft(
	draft: InsuranceDraft,
	context: ValidationContext
): Checked<InsuranceChoice, InsuranceFormField> {
	if (draft.kind !== 'new') return checkInsurance({ kind: draft.kind }, context);
	const { listed, holderMonth, holderDay, holderYear } = draft;
	const insurance = {
		payer: listed === 'other' ? draft.payer : listed,
		memberId: draft.memberId,
		groupNumber: draft.groupNumber,
		relationship: draft.relationship,
		holderName: draft.holderName,
		holderDob: isoDate(holderMonth, holderDay, holderYear)
	};
	return checkInsurance({ kind: 'new', insurance }, context);
}

/** "03", "14", "1975" → "1975-03-14"; '' while nothing is typed (the validator says what is wrong). */
export function isoDate(month: string, day: string, year: string): string {
	if (!month && !day && !year) return '';
	return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
