import { describe, expect, it } from 'vitest';
import type { ContactDetails, NewInsurance } from './fields';
import { diffProposal, type OnFile } from './diff';

const contact: ContactDetails = {
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
const coverage: NewInsurance = {
	payer: 'Aetna',
	memberId: 'W1',
	groupNumber: 'G1',
	relationship: 'self',
	holderName: '',
	holderDob: ''
};
const onFile: OnFile = { contact, coverage };

describe('diffProposal', () => {
	it('lists only the fields that differ from the record, old → new', () => {
		const changes = diffProposal(onFile, {
			contact: { phone: '(212) 555-0199', email: 'ana@example.org', emergencyName: 'Luis' },
			insurance: { kind: 'same' }
		});
		expect(changes).toEqual([
			{ field: 'phone', old: '(212) 555-0142', new: '(212) 555-0199' },
			{ field: 'emergencyName', old: '', new: 'Luis' }
		]);
	});

	it('is empty when nothing changed, or the patient opened nothing', () => {
		expect(diffProposal(onFile, { contact: { ...contact }, insurance: { kind: 'same' } })).toEqual(
			[]
		);
		expect(diffProposal(onFile, { contact: null, insurance: { kind: 'same' } })).toEqual([]);
	});

	it('says "self-pay" once for a patient who had insurance, and nothing for one who had none', () => {
		expect(diffProposal(onFile, { contact: null, insurance: { kind: 'none' } })).toEqual([
			{ field: 'insurance.selfPay', old: 'no', new: 'yes' }
		]);
		expect(
			diffProposal({ contact, coverage: null }, { contact: null, insurance: { kind: 'none' } })
		).toEqual([]);
	});

	it('compares new insurance part by part, and a first insurance ends self-pay', () => {
		const next = {
			...coverage,
			payer: 'Cigna',
			relationship: 'child' as const,
			holderName: 'Eva',
			holderDob: '1980-01-02'
		};
		expect(
			diffProposal(onFile, { contact: null, insurance: { kind: 'new', insurance: next } })
		).toEqual([
			{ field: 'insurance.payer', old: 'Aetna', new: 'Cigna' },
			{ field: 'insurance.relationship', old: 'self', new: 'child' },
			{ field: 'insurance.holderName', old: '', new: 'Eva' },
			{ field: 'insurance.holderDob', old: '', new: '1980-01-02' }
		]);
		const first = diffProposal(
			{ contact, coverage: null },
			{ contact: null, insurance: { kind: 'new', insurance: coverage } }
		);
		expect(first[0]).toEqual({ field: 'insurance.selfPay', old: 'yes', new: 'no' });
		expect(first.map((c) => c.field)).toContain('insurance.memberId');
	});
});
