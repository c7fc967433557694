import { describe, expect, it } from 'vitest';
import { translator, type Language } from '$lib/i18n';
import { receptionText, type ReceptionKey } from '$lib/i18n/reception';
import { CONTACT_FIELDS, INSURANCE_FIELDS } from '$lib/intake/fields';
import type { ReceptionI18n } from './i18n';
import { fieldLabel, problemText, valueText } from './change-words';

function i18n(language: Language): ReceptionI18n {
	const t = translator(receptionText, language);
	return { language, t: (key: ReceptionKey, params) => t(key, params) };
}

describe('change requests in the desk’s words', () => {
	it('names every field a patient can change, in both languages', () => {
		for (const language of ['en', 'es'] as const) {
			for (const field of [...CONTACT_FIELDS, ...INSURANCE_FIELDS]) {
				const label = fieldLabel(field, i18n(language));
				expect(label, `${language} ${field}`).not.toBe(field);
				expect(label).not.toMatch(/^field_/);
			}
		}
		expect(fieldLabel('insurance.memberId', i18n('es'))).toBe('Número de miembro');
	});

	it('words codes and empty values, and leaves what the patient typed as it is', () => {
		const en = i18n('en');
		expect(valueText('insurance.selfPay', 'yes', en)).toBe('Yes');
		expect(valueText('insurance.relationship', 'spouse', i18n('es'))).toBe('Cónyuge');
		expect(valueText('preferredLanguage', 'es', en)).toBe('Español');
		expect(valueText('address', '', en)).toBe('(none)');
		expect(valueText('address', '77 Harbor Lane', en)).toBe('77 Harbor Lane');
	});

	it('says why the server refused a field, and shows an unknown code rather than hiding it', () => {
		expect(problemText('phone-invalid', i18n('en'))).toBe('not a valid phone number');
		expect(problemText('something-new', i18n('es'))).toContain('something-new');
	});
});
