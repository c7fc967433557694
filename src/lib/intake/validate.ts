import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import * as v from 'valibot';
import { HIDDEN_CHARACTERS } from '$lib/schemas/text';
import {
	CONTACT_FIELDS,
	RELATIONSHIPS,
	type ContactDetails,
	type ContactField,
	type FieldProblem,
	type InsuranceChoice,
	type NewInsurance
} from './fields';

/**
 * The same checks at the kiosk (errors next to the field, before anything is written) and on
 * the server (whatever arrives is checked again; a failure becomes a refused change the desk
 * sees). Values come back tidied: trimmed, one space between words, phone numbers in the site
 * country's usual format.
 */
export interface ValidationContext {
	/** ISO 3166 alpha-2, from the site config. */
	country: string;
	/** Languages a patient may prefer: the site's. */
	languages: readonly string[];
	/** YYYY-MM-DD of the site's today: a holder's birth date may not be after it. */
	today: string;
}

export type Checked<T, F extends string> =
	{ ok: true; value: T } | { ok: false; problems: Partial<Record<F, FieldProblem>> };

const LIMITS: Record<ContactField, number> = {
	phone: 40,
	email: 120,
	address: 200,
	city: 100,
	region: 100,
	postalCode: 20,
	preferredLanguage: 10,
	emergencyName: 100,
	emergencyRelationship: 60,
	emergencyPhone: 40
};

const HIDDEN = HIDDEN_CHARACTERS;
const Email = v.pipe(v.string(), v.email());
const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9 -]{2,29}$/;
const GROUP_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]{0,29}$/;

export function tidy(text: string): string {
	return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** A phone number in the site's own format, or in international format when it is foreign. */
export function normalizePhone(text: string, country: string): string | null {
	const parsed = parsePhoneNumberFromString(text, country as CountryCode);
	if (!parsed || !parsed.isValid()) return null;
	return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}

export function isPostalCode(text: string, country: string): boolean {
	// A country the library does not know gets only the length and character checks.
	if (!postcodeValidatorExistsForCountry(country)) return /^[A-Za-z0-9 -]{2,12}$/.test(text);
	return postcodeValidator(text, country);
}

export function isIsoDate(text: string, notAfter: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	const real =
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return real && year >= 1900 && text <= notAfter;
}

export function checkContact(
	input: ContactDetails,
	context: ValidationContext
): Checked<ContactDetails, ContactField> {
	const problems: Partial<Record<ContactField, FieldProblem>> = {};
	const value = {} as ContactDetails;
	for (const field of CONTACT_FIELDS) {
		const raw = String(input[field] ?? '');
		const text = tidy(raw);
		value[field] = text;
		// Checked before tidying: JavaScript counts a zero-width no-break space as a space.
		if (HIDDEN.test(raw)) problems[field] = 'bad-characters';
		else if (text.length > LIMITS[field]) problems[field] = 'too-long';
	}
	const phone = (field: 'phone' | 'emergencyPhone') => {
		if (problems[field] || !value[field]) return;
		const formatted = normalizePhone(value[field], context.country);
		if (formatted) value[field] = formatted;
		else problems[field] = 'phone-invalid';
	};
	if (!value.phone && !problems.phone) problems.phone = 'required';
	phone('phone');
	phone('emergencyPhone');
	if (value.email && !problems.email) {
		if (v.is(Email, value.email)) value.email = value.email.toLowerCase();
		else problems.email = 'email-invalid';
	}
	if (value.postalCode && !problems.postalCode) {
		value.postalCode = value.postalCode.toUpperCase();
		if (!isPostalCode(value.postalCode, context.country)) problems.postalCode = 'postal-invalid';
	}
	if (!problems.preferredLanguage && !context.languages.includes(value.preferredLanguage))
		problems.preferredLanguage = value.preferredLanguage ? 'language-unknown' : 'required';
	// Someone to call needs a name and a number; a relationship alone is no use to the desk.
	const emergency = value.emergencyName || value.emergencyPhone || value.emergencyRelationship;
	if (emergency) {
		if (!value.emergencyName) problems.emergencyName ??= 'required';
		if (!value.emergencyPhone) problems.emergencyPhone ??= 'required';
	}
	return Object.keys(problems).length ? { ok: false, problems } : { ok: true, value };
}

export type InsuranceFormField = keyof NewInsurance;

export function checkNewInsurance(
	input: NewInsurance,
	context: ValidationContext
): Checked<NewInsurance, InsuranceFormField> {
	const problems: Partial<Record<InsuranceFormField, FieldProblem>> = {};
	const value: NewInsurance = {
		payer: tidy(String(input.payer ?? '')),
		memberId: tidy(String(input.memberId ?? '')).toUpperCase(),
		groupNumber: tidy(String(input.groupNumber ?? '')).toUpperCase(),
		relationship: input.relationship,
		holderName: tidy(String(input.holderName ?? '')),
		holderDob: tidy(String(input.holderDob ?? ''))
	};
	const text = (field: 'payer' | 'holderName', max: number) => {
		if (HIDDEN.test(String(input[field] ?? ''))) problems[field] = 'bad-characters';
		else if (!value[field]) problems[field] = 'required';
		else if (value[field].length > max) problems[field] = 'too-long';
	};
	text('payer', 80);
	if (!value.memberId) problems.memberId = 'required';
	else if (!MEMBER_ID.test(value.memberId)) problems.memberId = 'member-id-invalid';
	if (value.groupNumber && !GROUP_NUMBER.test(value.groupNumber))
		problems.groupNumber = 'member-id-invalid';
	if (!(RELATIONSHIPS as readonly string[]).includes(value.relationship))
		problems.relationship = 'relationship-unknown';
	if (value.relationship === 'self') {
		value.holderName = '';
		value.holderDob = '';
	} else {
		text('holderName', 100);
		if (!value.holderDob) problems.holderDob = 'required';
		else if (!isIsoDate(value.holderDob, context.today)) problems.holderDob = 'date-invalid';
	}
	return Object.keys(problems).length ? { ok: false, problems } : { ok: true, value };
}

export function checkInsurance(
	input: InsuranceChoice,
	context: ValidationContext
): Checked<InsuranceChoice, InsuranceFormField> {
	if (input.kind !== 'new') return { ok: true, value: { kind: input.kind } };
	const checked = checkNewInsurance(input.insurance, context);
	return checked.ok ? { ok: true, value: { kind: 'new', insurance: checked.value } } : checked;
}
