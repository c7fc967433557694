import type { ChangeFieldName } from '$lib/intake/fields';
import { LANGUAGE_NAMES, isLanguage } from '$lib/i18n';
import { receptionText, type ReceptionKey } from '$lib/i18n/reception';
import type { ReceptionI18n } from '$lib/reception/i18n';

/** A change request's field names, values and the server's codes in the staff member's words. */

function isKey(key: string): key is ReceptionKey {
	return Object.hasOwn(receptionText.en, key);
}

export function fieldLabel(field: ChangeFieldName, i18n: ReceptionI18n): string {
	const key = `field_${field}`;
	return isKey(key) ? i18n.t(key) : field;
}

/** A value as staff read it: "(none)" for empty, words for codes (yes/no, relationships, languages). */
export function valueText(field: ChangeFieldName, value: string, i18n: ReceptionI18n): string {
	if (value === '') return i18n.t('emptyValue');
	if (field === 'insurance.selfPay') return i18n.t(value === 'yes' ? 'value_yes' : 'value_no');
	if (field === 'insurance.relationship') {
		const key = `relationship_${value}`;
		return isKey(key) ? i18n.t(key) : value;
	}
	if (field === 'preferredLanguage' && isLanguage(value)) return LANGUAGE_NAMES[value];
	return value;
}

/** Why the server refused a field (a `FieldProblem` code in the field's note). */
export function problemText(code: string, i18n: ReceptionI18n): string {
	const key = `problem_${code}`;
	return isKey(key) ? i18n.t(key) : i18n.t('problem_other', { problem: code });
}

/** "$25.00" */
export function money(cents: number, language: string): string {
	return new Intl.NumberFormat(language === 'es' ? 'es-US' : 'en-US', {
		style: 'currency',
		currency: 'USD'
	}).format(cents / 100);
}
