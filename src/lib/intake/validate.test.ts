import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ContactDetails, NewInsurance } from './fields';
import {
	checkContact,
	checkInsurance,
	checkNewInsurance,
	isIsoDate,
	normalizePhone
} from './validate';

const context = { country: 'US', languages: ['en', 'es'], today: '2026-12-02' };

const onFile: ContactDetails = {
	phone: '(212) 555-0142',
	email: 'ana@example.org',
	address: '12 Elm Street',
	city: 'Springfield',
	region: 'NY',
	postalCode: '10001',
	preferredLanguage: 'en',
	emergencyName: '',
	emergencyRelationship: '',
	emergencyPhone: ''
};

const insurance: NewInsurance = {
	payer: 'Aetna',
	memberId: 'w123456789',
	groupNumber: '',
	relationship: 'self',
	holderName: 'leftover',
	holderDob: '1999-01-01'
};

describe('checkContact', () => {
	it('tidies what the patient typed: the site’s phone format, lower-case e-mail, one space', () => {
		const result = checkContact(
			{
				...onFile,
				phone: '212.555.0199',
				email: ' Ana.Ruiz@Example.ORG ',
				address: ' 40   Harbor  Rd '
			},
			context
		);
		expect(result).toEqual({
			ok: true,
			value: {
				...onFile,
				phone: '(212) 555-0199',
				email: 'ana.ruiz@example.org',
				address: '40 Harbor Rd'
			}
		});
	});

	it('keeps a foreign number in international form', () => {
		expect(normalizePhone('+34 612 345 678', 'US')).toBe('+34 612 34 56 78');
		expect(normalizePhone('612 345 678', 'ES')).toBe('612 34 56 78');
	});

	it('names each bad field with its own problem, and only those', () => {
		const result = checkContact(
			{
				...onFile,
				phone: '555-1234',
				email: 'ana@',
				postalCode: '1234',
				preferredLanguage: 'fr',
				emergencyRelationship: 'Sister'
			},
			context
		);
		expect(result).toEqual({
			ok: false,
			problems: {
				phone: 'phone-invalid',
				email: 'email-invalid',
				postalCode: 'postal-invalid',
				preferredLanguage: 'language-unknown',
				emergencyName: 'required',
				emergencyPhone: 'required'
			}
		});
	});

	it('needs a phone number, allows no e-mail or address', () => {
		const result = checkContact(
			{ ...onFile, phone: ' ', email: '', address: '', postalCode: '' },
			context
		);
		expect(result).toEqual({ ok: false, problems: { phone: 'required' } });
	});

	it('checks postal codes by the site’s country', () => {
		expect(checkContact({ ...onFile, postalCode: '10001-1234' }, context).ok).toBe(true);
		const spain = { ...context, country: 'ES' };
		expect(checkContact({ ...onFile, phone: '612 345 678', postalCode: '28013' }, spain).ok).toBe(
			true
		);
		expect(
			checkContact({ ...onFile, phone: '612 345 678', postalCode: '2801' }, spain)
		).toMatchObject({
			ok: false,
			problems: { postalCode: 'postal-invalid' }
		});
	});

	it('refuses hidden characters and over-long text in any field', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('\u202e', '\u200b', '\u0000', '\u0007', '\ufeff'),
				fc.constantFrom('address' as const, 'city' as const, 'region' as const),
				(hidden, field) => {
					const result = checkContact({ ...onFile, [field]: `Main${hidden}St` }, context);
					expect(result).toEqual({ ok: false, problems: { [field]: 'bad-characters' } });
				}
			)
		);
		expect(checkContact({ ...onFile, city: 'x'.repeat(101) }, context)).toEqual({
			ok: false,
			problems: { city: 'too-long' }
		});
	});

	it('never throws, whatever the patient types', () => {
		fc.assert(
			fc.property(
				fc.record({ phone: fc.string(), email: fc.string(), postalCode: fc.string() }),
				(typed) => {
					const result = checkContact({ ...onFile, ...typed }, context);
					expect(typeof result.ok).toBe('boolean');
				}
			)
		);
	});
});

describe('checkNewInsurance', () => {
	it('drops the holder when the patient is the holder, and capitalises ids', () => {
		expect(checkNewInsurance(insurance, context)).toEqual({
			ok: true,
			value: { ...insurance, memberId: 'W123456789', holderName: '', holderDob: '' }
		});
	});

	it('needs the holder’s name and a real birth date, not in the future, for anyone else', () => {
		const child = {
			...insurance,
			relationship: 'child' as const,
			holderName: '',
			holderDob: '2027-01-01'
		};
		expect(checkNewInsurance(child, context)).toEqual({
			ok: false,
			problems: { holderName: 'required', holderDob: 'date-invalid' }
		});
		expect(isIsoDate('1980-02-30', '2026-12-02')).toBe(false);
		expect(isIsoDate('1980-02-29', '2026-12-02')).toBe(true);
	});

	it('refuses a missing payer and a member id that is not one', () => {
		const result = checkNewInsurance({ ...insurance, payer: ' ', memberId: 'A!' }, context);
		expect(result).toEqual({
			ok: false,
			problems: { payer: 'required', memberId: 'member-id-invalid' }
		});
	});

	it('passes "same" and "none" through', () => {
		expect(checkInsurance({ kind: 'none' }, context)).toEqual({
			ok: true,
			value: { kind: 'none' }
		});
		expect(checkInsurance({ kind: 'same' }, context)).toEqual({
			ok: true,
			value: { kind: 'same' }
		});
	});
});
