import { beforeAll, describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import type { ContactDetails } from '$lib/intake/fields';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { checkInOp, pairAndEnroll, syncOne, syncOps, type EnrolledDevice } from './support/clients';
import { changeOps, intakeKey, jpegOf } from './support/changes';

const NEW_INSURANCE = {
	kind: 'new' as const,
	insurance: {
		payer: 'Cigna',
		memberId: 'cx 1234 5678',
		groupNumber: 'g-77',
		relationship: 'spouse' as const,
		holderName: '  Maria   Lopez ',
		holderDob: '1970-04-09'
	}
};

describe.each(dialects)('patients’ changes through the kiosk outbox (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;
	let key: JWK;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Lobby kiosk');
		key = await intakeKey(kiosk.client);
	});

	async function patientOf(appointmentId: string) {
		const row = await suite.db
			.selectFrom('appointments')
			.select('patient_id')
			.where('id', '=', appointmentId)
			.executeTakeFirstOrThrow();
		return suite.db
			.selectFrom('patients')
			.selectAll()
			.where('id', '=', row.patient_id)
			.executeTakeFirstOrThrow();
	}

	async function coverageOf(appointmentId: string) {
		return suite.db
			.selectFrom('appointments as a')
			.innerJoin('coverages as c', 'c.patient_id', 'a.patient_id')
			.select('c.id')
			.where('a.id', '=', appointmentId)
			.where('c.ended_at', 'is', null)
			.executeTakeFirst();
	}

	async function fieldsOf(changeId: string) {
		const rows = await suite.db
			.selectFrom('change_fields')
			.select(['field', 'old_value', 'new_value', 'decision', 'note'])
			.where('change_id', '=', changeId)
			.orderBy('field')
			.execute();
		return rows;
	}

	it('keeps a phone, address and new-insurance change as pending fields, the record untouched', async () => {
		const appointment = suite.freshAppointment();
		const before = await patientOf(appointment.id);
		const contact: Partial<ContactDetails> = {
			phone: '212 555 0187',
			address: '40 Harbor Road',
			postalCode: '10027'
		};
		const { changeId, ops } = await changeOps(
			key,
			appointment.id,
			{ contact, insurance: NEW_INSURANCE },
			[
				{ side: 'front', bytes: jpegOf(120_000) },
				{ side: 'back', bytes: jpegOf(90_000) }
			]
		);
		const { results } = await syncOps(kiosk.client, [checkInOp(appointment.id), ...ops]);
		expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
		expect(results[1].changedFields).toBeGreaterThanOrEqual(8);

		const request = await suite.db
			.selectFrom('change_requests')
			.selectAll()
			.where('id', '=', changeId)
			.executeTakeFirstOrThrow();
		expect(request).toMatchObject({
			appointment_id: appointment.id,
			patient_id: before.id,
			device_id: kiosk.deviceId,
			status: 'pending',
			insurance: 'new',
			photos_expected: 2
		});
		expect(Number(request.contact_changed)).toBe(1);
		const fields = await fieldsOf(changeId);
		const byField = Object.fromEntries(fields.map((f) => [f.field, f]));
		// Tidied the way the kiosk tidies: the site's phone format, capitals in ids, single spaces.
		expect(byField.phone).toMatchObject({
			old_value: before.phone,
			new_value: '(212) 555-0187',
			decision: 'pending'
		});
		expect(byField.address).toMatchObject({
			old_value: before.address,
			new_value: '40 Harbor Road'
		});
		expect(byField['insurance.memberId'].new_value).toBe('CX 1234 5678');
		expect(byField['insurance.holderName'].new_value).toBe('Maria Lopez');
		expect(byField['insurance.relationship'].new_value).toBe('spouse');
		// Only what the patient sent: no line for the e-mail they never touched.
		expect(byField.email).toBeUndefined();

		const images = await suite.db
			.selectFrom('card_images')
			.select(['side', 'mime', 'size'])
			.where('change_id', '=', changeId)
			.orderBy('side')
			.execute();
		expect(images.map((i) => ({ ...i, size: Number(i.size) }))).toEqual([
			{ side: 'back', mime: 'image/jpeg', size: 90_000 },
			{ side: 'front', mime: 'image/jpeg', size: 120_000 }
		]);
		// The patient never overwrites the record: staff decide each field.
		expect(await patientOf(appointment.id)).toEqual(before);
		// Nothing sealed, and no patient value, stays in the ops table.
		const stored = await suite.db
			.selectFrom('ops')
			.select('payload')
			.where(
				'op_id',
				'in',
				ops.map((op) => op.id)
			)
			.execute();
		for (const { payload } of stored) {
			expect(payload).not.toContain('sealed');
			expect(payload).not.toContain('0187');
			expect(payload.length).toBeLessThan(1000);
		}
		const audits = await suite.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('patient_id', '=', before.id)
			.where('action', 'like', 'change.%')
			.execute();
		expect(audits.map((a) => a.action).sort()).toEqual([
			'change.photo',
			'change.photo',
			'change.requested'
		]);
		expect(new Set(audits.map((a) => a.actor_id))).toEqual(new Set([kiosk.deviceId]));
	});

	it('stores nothing twice when the whole visit is replayed', async () => {
		const appointment = suite.freshAppointment();
		const { changeId, ops } = await changeOps(
			key,
			appointment.id,
			{ contact: { email: 'New.Address@Example.org' }, insurance: NEW_INSURANCE },
			[{ side: 'front', bytes: jpegOf(50_000) }]
		);
		const first = await syncOps(kiosk.client, ops);
		const again = await syncOps(kiosk.client, ops);
		expect(first.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
		expect(again.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
		const requests = await suite.db
			.selectFrom('change_requests')
			.select('id')
			.where('appointment_id', '=', appointment.id)
			.execute();
		expect(requests).toEqual([{ id: changeId }]);
		const images = await suite.db
			.selectFrom('card_images')
			.select('id')
			.where('change_id', '=', changeId)
			.execute();
		expect(images).toHaveLength(1);
		expect((await fieldsOf(changeId)).find((f) => f.field === 'email')?.new_value).toBe(
			'new.address@example.org'
		);
	});

	it('records "no insurance" as one self-pay line, and nothing at all when all was as on file', async () => {
		// A patient with insurance on file (most of the demo's patients have some).
		let appointment = suite.freshAppointment();
		while (!(await coverageOf(appointment.id))) appointment = suite.freshAppointment();
		const patient = await patientOf(appointment.id);
		const selfPay = await changeOps(key, appointment.id, {
			contact: { phone: patient.phone },
			insurance: { kind: 'none' }
		});
		const [answer] = (await syncOps(kiosk.client, selfPay.ops)).results;
		expect(answer).toMatchObject({ outcome: 'applied', changedFields: 1 });
		expect(await fieldsOf(selfPay.changeId)).toEqual([
			{
				field: 'insurance.selfPay',
				old_value: 'no',
				new_value: 'yes',
				decision: 'pending',
				note: ''
			}
		]);

		const unchanged = await changeOps(key, appointment.id, {
			contact: { email: patient.email },
			insurance: { kind: 'same' }
		});
		expect(await syncOne(kiosk.client, unchanged.ops[0])).toMatchObject({
			outcome: 'applied',
			changedFields: 0
		});
		const kept = await suite.db
			.selectFrom('change_requests')
			.select('id')
			.where('id', '=', unchanged.changeId)
			.execute();
		expect(kept).toEqual([]);
	});

	it('refuses a change that fails the kiosk’s own checks, and keeps it for the desk', async () => {
		const appointment = suite.freshAppointment();
		const { changeId, ops } = await changeOps(key, appointment.id, {
			contact: { phone: '12', postalCode: 'ABCDE' },
			insurance: { kind: 'same' }
		});
		const result = await syncOne(kiosk.client, ops[0]);
		expect(result).toMatchObject({ outcome: 'rejected', reason: 'change-invalid' });
		const request = await suite.db
			.selectFrom('change_requests')
			.select(['status', 'refused_reason'])
			.where('id', '=', changeId)
			.executeTakeFirstOrThrow();
		expect(request.status).toBe('refused');
		expect(request.refused_reason).toContain('phone:phone-invalid');
		expect(request.refused_reason).toContain('postalCode:postal-invalid');
		const fields = await fieldsOf(changeId);
		expect(fields.map((f) => [f.field, f.new_value, f.decision, f.note])).toEqual([
			['phone', '12', 'rejected', 'phone-invalid'],
			['postalCode', 'ABCDE', 'rejected', 'postal-invalid']
		]);
		// The refused op is on the kiosk's list of refused ops too, for staff to resolve.
		const op = await suite.db
			.selectFrom('ops')
			.select(['outcome', 'reason'])
			.where('op_id', '=', changeId)
			.executeTakeFirstOrThrow();
		expect(op).toEqual({ outcome: 'rejected', reason: 'change-invalid' });
	});

	it('refuses a photo too large or not an image, and one sealed for another op, storing none', async () => {
		const appointment = suite.freshAppointment();
		const { changeId, ops } = await changeOps(
			key,
			appointment.id,
			{ contact: null, insurance: NEW_INSURANCE },
			[
				{ side: 'front', bytes: jpegOf(300 * 1024 + 1) },
				{ side: 'back', bytes: new TextEncoder().encode('<svg onload=alert(1)></svg>'.repeat(20)) }
			]
		);
		const { results } = await syncOps(kiosk.client, ops);
		expect(results.map((r) => [r.outcome, r.reason ?? null])).toEqual([
			['applied', null],
			['rejected', 'photo-too-large'],
			['rejected', 'photo-not-image']
		]);
		// A photo sealed as the back of the card cannot be passed off as the front.
		const other = await changeOps(
			key,
			appointment.id,
			{ contact: null, insurance: NEW_INSURANCE },
			[{ side: 'back', bytes: jpegOf(10_000) }]
		);
		const moved = structuredClone(other.ops[1]);
		if (moved.type !== 'card-photo') throw new Error('expected a card-photo op');
		moved.payload.side = 'front';
		moved.payload.changeId = changeId;
		expect(await syncOne(kiosk.client, moved)).toMatchObject({
			outcome: 'rejected',
			reason: 'photo-unreadable'
		});
		const images = await suite.db
			.selectFrom('card_images')
			.select('id')
			.where('change_id', '=', changeId)
			.execute();
		expect(images).toEqual([]);
	});

	it('refuses edits for an appointment at another site or sealed to a key it never had', async () => {
		const appointment = suite.freshAppointment();
		const { ops } = await changeOps(key, appointment.id, {
			contact: { phone: '212 555 0111' },
			insurance: { kind: 'same' }
		});
		const tampered = structuredClone(ops[0]);
		if (tampered.type !== 'changes') throw new Error('expected a changes op');
		tampered.payload.sealed.ct = tampered.payload.sealed.ct.slice(0, -4) + 'AAAA';
		expect(await syncOne(kiosk.client, tampered)).toMatchObject({
			outcome: 'rejected',
			reason: 'change-unreadable'
		});
		const unknown = await changeOps(key, 'NOSUCHAPPT', {
			contact: { phone: '212 555 0111' },
			insurance: { kind: 'same' }
		});
		expect(await syncOne(kiosk.client, unknown.ops[0])).toMatchObject({
			outcome: 'rejected',
			reason: 'unknown-appointment'
		});
	});
});
