import { describe, expect, it } from 'vitest';
import { makeRecord } from '$lib/roster/roster-test-helpers';
import { VisitEdits, shownContact } from './edits.svelte';

const record = makeRecord(
	'ab12cd',
	{ city: 'Springfield', region: 'NY', postalCode: '10001' },
	{
		coverage: {
			payer: 'Aetna',
			memberIdMasked: '••••4410',
			groupNumber: 'G1',
			relationship: 'self',
			copayCents: 2500,
			verified: true
		}
	}
);
const cigna = {
	payer: 'Cigna',
	memberId: 'ZQX7734190',
	groupNumber: '',
	relationship: 'self' as const,
	holderName: '',
	holderDob: ''
};

describe('VisitEdits', () => {
	it('shows the record, with "" for what an older roster lacks', () => {
		expect(shownContact(record)).toMatchObject({
			phone: '+1 415 555 0142',
			city: 'Springfield',
			emergencyName: '',
			emergencyPhone: ''
		});
	});

	it('proposes only the contact fields that differ from what was shown', () => {
		const edits = new VisitEdits(record);
		edits.saveContact({ ...edits.shown, phone: '(415) 555-0187', city: 'Springfield' });
		expect(edits.contactChanges).toEqual({ phone: '(415) 555-0187' });
		expect(edits.takeChanges()?.proposal).toEqual({
			contact: { phone: '(415) 555-0187' },
			insurance: { kind: 'same' },
			photos: []
		});
	});

	it('has nothing to send when the patient saved what was there', () => {
		const edits = new VisitEdits(record);
		edits.saveContact({ ...edits.shown });
		edits.saveInsurance({ kind: 'same' });
		expect(edits.changed).toBe(false);
		expect(edits.takeChanges()).toBeNull();
	});

	it('counts "no insurance" as a change only for a patient who had some', () => {
		const insured = new VisitEdits(record);
		insured.saveInsurance({ kind: 'none' });
		expect(insured.takeChanges()?.proposal).toEqual({
			contact: null,
			insurance: { kind: 'none' },
			photos: []
		});
		const uninsured = new VisitEdits(makeRecord('no1ns1'));
		uninsured.saveInsurance({ kind: 'none' });
		expect(uninsured.takeChanges()).toBeNull();
	});

	it('sends card photos with new insurance only, and drops them when that choice is undone', () => {
		const edits = new VisitEdits(record);
		edits.setPhoto('back', new Blob(['back']));
		edits.setPhoto('front', new Blob(['front']));
		edits.saveInsurance({ kind: 'new', insurance: cigna });
		const taken = edits.takeChanges();
		expect(taken?.proposal.photos).toEqual(['front', 'back']);
		expect(taken?.photos.map((p) => p.side)).toEqual(['front', 'back']);
		edits.saveInsurance({ kind: 'same' });
		expect(edits.photos).toEqual({});
		expect(edits.takeChanges()).toBeNull();
	});

	it('a retake replaces the photo of that side', async () => {
		const edits = new VisitEdits(record);
		edits.setPhoto('front', new Blob(['first']));
		const first = edits.photos.front?.url;
		edits.setPhoto('front', new Blob(['second']));
		expect(edits.photos.front?.url).not.toBe(first);
		expect(await edits.photos.front?.blob.text()).toBe('second');
	});

	it('cancel puts a form back to what was last saved', () => {
		const edits = new VisitEdits(record);
		edits.contactDraft.phone = '12';
		edits.cancelContact();
		expect(edits.contactDraft.phone).toBe(record.patient.phone);
		edits.insuranceDraft.kind = 'new';
		edits.insuranceDraft.memberId = 'HALF';
		edits.cancelInsurance();
		expect(edits.insuranceDraft).toMatchObject({ kind: 'same', memberId: '' });
		edits.insuranceDraft.kind = 'new';
		edits.insuranceDraft.memberId = 'ZQX7734190';
		edits.saveInsurance({ kind: 'new', insurance: cigna });
		edits.insuranceDraft.memberId = 'OTHER';
		edits.cancelInsurance();
		expect(edits.insuranceDraft).toMatchObject({ kind: 'new', memberId: 'ZQX7734190' });
	});

	it('what was taken survives the reset that ends the visit; the visit itself keeps nothing', () => {
		const edits = new VisitEdits(record);
		edits.saveContact({ ...edits.shown, email: 'new@example.org' });
		edits.setPhoto('front', new Blob(['front']));
		edits.saveInsurance({ kind: 'new', insurance: cigna });
		const taken = edits.takeChanges();
		edits.drop();
		expect(taken?.proposal.contact).toEqual({ email: 'new@example.org' });
		expect(taken?.photos).toHaveLength(1);
		expect(edits.changed).toBe(false);
		expect(edits.photos).toEqual({});
		expect(edits.contactDraft.email).toBe(record.patient.email);
	});
});
