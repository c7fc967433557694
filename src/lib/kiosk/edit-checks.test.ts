import { describe, expect, it } from 'vitest';
import type { ContactDetails } from '$lib/intake/fields';
import { checkContactEdits, checkInsuranceDraft, isoDate } from './edit-checks';
import type { InsuranceDraft } from './edits.svelte';

const context = { country: 'US', languages: ['en', 'es'], today: '2026-03-14' };
const shown: ContactDetails = {
	phone: '(212) 555-0100',
	email: 'ana@example.org',
	address: '12 Elm St',
	city: 'Springfield',
	region: 'NY',
	postalCode: '10001',
	preferredLanguage: 'en',
	emergencyName: '',
	emergencyRelationship: '',
	emergencyPhone: ''
};
const draft = (over: Partial<InsuranceDraft>): InsuranceDraft => ({
	kind: 'new',
	listed: 'Cigna',
	payer: '',
	memberId: 'zqx 7734190',
	groupNumber: '',
	relationship: 'self',
	holderName: '',
	holderDob: '',
	holderMonth: '',
	holderDay: '',
	holderYear: '',
	...over
});

describe('checkContactEdits', () => {
	it('tidies what was typed: the phone in the site’s format', () => {
		const checked = checkContactEdits({ ...shown, phone: '415 555 0187  ' }, shown, context);
		expect(checked).toEqual({ ok: true, value: { ...shown, phone: '(415) 555-0187' } });
	});

	it('says what is wrong in the fields the patient changed', () => {
		const checked = checkContactEdits(
			{ ...shown, phone: '12', postalCode: '1', email: 'nope' },
			shown,
			context
		);
		expect(checked).toEqual({
			ok: false,
			problems: { phone: 'phone-invalid', postalCode: 'postal-invalid', email: 'email-invalid' }
		});
	});

	it('never blames the patient for an old value on file they left alone', () => {
		const old = { ...shown, postalCode: 'not a zip' };
		const checked = checkContactEdits({ ...old, phone: '(415) 555-0187' }, old, context);
		expect(checked).toEqual({ ok: true, value: { ...old, phone: '(415) 555-0187' } });
	});

	it('an emergency contact needs a name and a phone once started', () => {
		const checked = checkContactEdits({ ...shown, emergencyName: 'Luis Ortega' }, shown, context);
		expect(checked).toEqual({ ok: false, problems: { emergencyPhone: 'required' } });
	});
});

describe('checkInsuranceDraft', () => {
	it('takes the payer from the list, or the name typed under "Other"', () => {
		expect(checkInsuranceDraft(draft({}), context)).toEqual({
			ok: true,
			value: {
				kind: 'new',
				insurance: {
					payer: 'Cigna',
					memberId: 'ZQX 7734190',
					groupNumber: '',
					relationship: 'self',
					holderName: '',
					holderDob: ''
				}
			}
		});
		const other = checkInsuranceDraft(
			draft({ listed: 'other', payer: 'Seguros del Valle' }),
			context
		);
		expect(other.ok && other.value.kind === 'new' && other.value.insurance.payer).toBe(
			'Seguros del Valle'
		);
		expect(checkInsuranceDraft(draft({ listed: '' }), context)).toEqual({
			ok: false,
			problems: { payer: 'required' }
		});
	});

	it('builds the holder’s birth date from its three boxes and checks it', () => {
		const spouse = { relationship: 'spouse' as const, holderName: 'Ramón Ortega' };
		const good = checkInsuranceDraft(
			draft({ ...spouse, holderMonth: '7', holderDay: '4', holderYear: '1970' }),
			context
		);
		expect(good.ok && good.value.kind === 'new' && good.value.insurance.holderDob).toBe(
			'1970-07-04'
		);
		expect(
			checkInsuranceDraft(
				draft({ ...spouse, holderMonth: '13', holderDay: '4', holderYear: '1970' }),
				context
			)
		).toEqual({ ok: false, problems: { holderDob: 'date-invalid' } });
		expect(checkInsuranceDraft(draft(spouse), context)).toEqual({
			ok: false,
			problems: { holderDob: 'required' }
		});
	});

	it('"same" and "none" need nothing else', () => {
		expect(checkInsuranceDraft(draft({ kind: 'none', listed: '' }), context)).toEqual({
			ok: true,
			value: { kind: 'none' }
		});
		expect(isoDate('', '', '')).toBe('');
	});
});
