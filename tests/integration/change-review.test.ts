import { beforeAll, describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import type { RosterBundle, RosterRecord } from '$lib/roster/roster-types';
import { decryptWithRosterKey } from '$lib/roster/roster-crypto';
import type { ChangeRequestView, ChangeReviewList } from '$lib/queue/change-requests';
import type { PatientRecordView } from '$lib/queue/change-requests';
import type { ContactDetails } from '$lib/intake/fields';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	Client,
	checkInOp,
	pairAndEnroll,
	qrToken,
	snapshot,
	staffLogin,
	syncOne,
	syncOps,
	type Appointment,
	type EnrolledDevice
} from './support/clients';
import { normalise } from './support/db';
import { expectNoPatientData } from './support/privacy';
import { SseStream } from './support/sse';
import type { QueueEvent } from '$lib/queue/events';
import { sealChange, type CardPhoto } from '../support/change-ops';
import { cardPng, oversizedPng } from '../support/card-png';

/**
 * The desk's review of patients' change requests, against the real server: requests made the
 * real way (sealed at a paired kiosk to the bootstrap's intake key, sent through the sync
 * endpoint), decided through the staff API, read back through the patient record, the next
 * kiosk roster and the queue's two audiences. The database is read for what no API shows
 * (audit rows, exactly-once storage).
 */
describe.each(dialects)('reviewing change requests (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;
	let display: EnrolledDevice;
	let intakeKey: JWK;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Lobby kiosk');
		const bootstrap = await kiosk.client.expectJson<{ intakeKey: JWK }>(
			'GET',
			'/api/kiosk/bootstrap',
			200
		);
		intakeKey = bootstrap.intakeKey;
		display = await pairAndEnroll(suite.server, suite.staff, 'display', 'Waiting room TV');
	});

	const contact = (fields: Partial<ContactDetails>) => ({
		contact: fields,
		insurance: { kind: 'same' as const }
	});

	async function send(
		appointment: Appointment,
		proposal: Parameters<typeof sealChange>[2],
		photos: CardPhoto[] = []
	) {
		const sealed = await sealChange(appointment.id, intakeKey, proposal, photos);
		const { results } = await syncOps(kiosk.client, sealed.all);
		return { ...sealed, results };
	}

	async function list(staff: Client = suite.staff) {
		return staff.expectJson<ChangeReviewList>('GET', '/api/staff/change-requests', 200);
	}

	async function request(changeId: string): Promise<ChangeRequestView> {
		const found = (await list()).requests.find((r) => r.id === changeId);
		if (!found) throw new Error(`${changeId} is not in the review list`);
		return found;
	}

	function decide(
		changeId: string,
		decisions: { field: string; decision: 'accepted' | 'rejected'; note?: string }[],
		status = 200
	) {
		return suite.staff.expectJson<{ ok: true } | { code: string }>(
			'POST',
			'/api/staff/change-requests',
			status,
			{ json: { changeId, decisions } }
		);
	}

	function patient(id: string, staff: Client = suite.staff) {
		return staff.expectJson<PatientRecordView>('GET', `/api/staff/patients/${id}`, 200);
	}

	/** The appointment's entry in the next roster a kiosk downloads, opened with its QR key. */
	async function rosterRecord(appointment: Appointment): Promise<RosterRecord> {
		const token = await qrToken(suite.staff, appointment.id);
		const { rk } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
			rk: string;
		};
		const bundle = await kiosk.client.expectJson<RosterBundle>('GET', '/api/kiosk/roster', 200);
		const entry = bundle.entries.find((e) => e.appointmentId === appointment.id);
		if (!entry) throw new Error(`${appointment.id} is not in the roster`);
		return decryptWithRosterKey(entry, rk);
	}

	async function auditRows(action: string, patientId: string) {
		const rows = await suite.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', action)
			.where('patient_id', '=', patientId)
			.orderBy('id')
			.execute();
		return rows.map((r) => ({ ...normalise(r), detail: JSON.parse(r.detail) as unknown }));
	}

	async function coverages(patientId: string) {
		const rows = await suite.db
			.selectFrom('coverages')
			.selectAll()
			.where('patient_id', '=', patientId)
			.orderBy('id')
			.execute();
		return rows.map(normalise);
	}

	/** A fresh appointment whose patient has a coverage on file (the seed leaves some without). */
	async function insuredAppointment(): Promise<Appointment> {
		for (;;) {
			const appointment = suite.freshAppointment();
			if ((await coverages(appointment.patientId)).length === 1) return appointment;
		}
	}

	it('accepting and rejecting per field changes exactly the accepted fields, in the record and the next roster', async () => {
		const appointment = suite.freshAppointment();
		const before = await patient(appointment.patientId);
		const sent = await send(
			appointment,
			contact({
				phone: '(646) 555-0199',
				address: '77 Harbor Lane',
				email: 'new.address@example.org'
			})
		);
		expect(sent.results).toEqual([
			expect.objectContaining({ id: sent.changeId, outcome: 'applied', changedFields: 3 })
		]);
		const pending = await request(sent.changeId);
		expect(pending).toMatchObject({
			status: 'pending',
			patient: { id: appointment.patientId, name: appointment.patientName },
			appointment: { id: appointment.id, ticket: appointment.ticket },
			deviceName: 'Lobby kiosk'
		});
		expect(pending.fields.map((f) => [f.field, f.old, f.new, f.decision])).toEqual([
			['phone', before.contact.phone, '(646) 555-0199', 'pending'],
			['email', before.contact.email, 'new.address@example.org', 'pending'],
			['address', before.contact.address, '77 Harbor Lane', 'pending']
		]);

		// One post decides two fields; the third stays pending.
		await decide(sent.changeId, [
			{ field: 'phone', decision: 'accepted' },
			{ field: 'address', decision: 'rejected', note: 'Patient moved back' }
		]);
		const after = await patient(appointment.patientId);
		expect(after.contact).toEqual({ ...before.contact, phone: '(646) 555-0199' });
		const roster = await rosterRecord(appointment);
		expect(roster.patient).toMatchObject({
			phone: '(646) 555-0199',
			address: before.contact.address,
			email: before.contact.email
		});
		expect(roster.changesPending).toBe(true);
		const partly = await request(sent.changeId);
		expect(partly.status).toBe('pending');
		expect(partly.fields.map((f) => [f.field, f.decision, f.note, f.decidedBy])).toEqual([
			['phone', 'accepted', '', 'Front desk'],
			['email', 'pending', '', null],
			['address', 'rejected', 'Patient moved back', 'Front desk']
		]);

		// A decided field cannot be decided again, and the refused post writes nothing at all.
		const refused = await decide(
			sent.changeId,
			[
				{ field: 'email', decision: 'accepted' },
				{ field: 'address', decision: 'accepted' }
			],
			409
		);
		expect(refused).toMatchObject({ code: 'field-already-decided' });
		expect((await patient(appointment.patientId)).contact).toEqual(after.contact);
		expect((await request(sent.changeId)).fields[1].decision).toBe('pending');

		await decide(sent.changeId, [{ field: 'email', decision: 'rejected' }]);
		const done = await request(sent.changeId);
		expect(done).toMatchObject({ status: 'reviewed', reviewedBy: 'Front desk' });
		expect((await rosterRecord(appointment)).changesPending).toBe(false);
		expect(
			await decide(sent.changeId, [{ field: 'email', decision: 'accepted' }], 409)
		).toMatchObject({ code: 'change-already-reviewed' });

		// Every decision audited: who, which field, old → new, the decision, when, from where.
		const decided = await auditRows('change.decided', appointment.patientId);
		expect(decided.map((row) => row.detail)).toEqual([
			{
				changeId: sent.changeId,
				field: 'phone',
				old: before.contact.phone,
				new: '(646) 555-0199',
				decision: 'accepted',
				note: ''
			},
			expect.objectContaining({
				field: 'address',
				decision: 'rejected',
				note: 'Patient moved back'
			}),
			expect.objectContaining({ field: 'email', decision: 'rejected' })
		]);
		for (const row of decided) {
			expect(row).toMatchObject({ actor_type: 'staff', actor_id: 'main-reception' });
			expect(row.ip).toMatch(/127\.0\.0\.1/);
			expect(row.at).toBeGreaterThan(Date.now() - 60_000);
		}
		// Each open of the patient record is audited too (three above).
		const reads = await auditRows('patient.read', appointment.patientId);
		expect(reads).toHaveLength(3);
		for (const read of reads) {
			expect(read).toMatchObject({ actor_type: 'staff', actor_id: 'main-reception' });
			expect(read.ip).toMatch(/127\.0\.0\.1/);
		}
	});

	it('new insurance with both card photos: accepted fields start a new coverage, the old one ends', async () => {
		const appointment = await insuredAppointment();
		const [old] = await coverages(appointment.patientId);
		const front = cardPng('front');
		const back = cardPng('back');
		const sent = await send(
			appointment,
			{
				contact: null,
				insurance: {
					kind: 'new',
					insurance: {
						payer: 'Aetna Choice',
						memberId: 'W123456789',
						groupNumber: 'G-7788',
						relationship: 'self',
						holderName: '',
						holderDob: ''
					}
				}
			},
			[
				{ side: 'front', bytes: front },
				{ side: 'back', bytes: back }
			]
		);
		expect(sent.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
		const pending = await request(sent.changeId);
		expect(pending.insurance).toBe('new');
		expect(pending.photos.map((p) => p.side)).toEqual(['front', 'back']);

		// The photos, as staff see them: exact bytes, typed from the stored mime, never cached.
		const image = await suite.staff.request(
			'GET',
			`/api/staff/card-images/${pending.photos[0].id}`
		);
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/png');
		expect(image.headers.get('cache-control')).toBe('no-store');
		expect(image.headers.get('x-content-type-options')).toBe('nosniff');
		expect(image.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(new Uint8Array(await image.arrayBuffer())).toEqual(front);
		expect(await auditRows('card-image.read', appointment.patientId)).toEqual([
			expect.objectContaining({
				actor_id: 'main-reception',
				detail: { imageId: pending.photos[0].id, changeId: sent.changeId, side: 'front' }
			})
		]);

		const fields = pending.fields.map((f) => f.field);
		expect(fields).toEqual(
			expect.arrayContaining(['insurance.payer', 'insurance.memberId', 'insurance.groupNumber'])
		);
		await decide(sent.changeId, [
			{ field: 'insurance.payer', decision: 'accepted' },
			{ field: 'insurance.groupNumber', decision: 'rejected', note: 'Not on the card' }
		]);
		const afterFirst = await coverages(appointment.patientId);
		expect(afterFirst).toHaveLength(2);
		const ended = afterFirst.find((c) => c.id === old.id);
		const started = afterFirst.find((c) => c.id !== old.id);
		expect(ended?.ended_at).toBeGreaterThan(0);
		expect(started).toMatchObject({
			payer: 'Aetna Choice',
			member_id: old.member_id,
			group_number: old.group_number,
			verified: 0,
			copay_cents: 0,
			ended_at: null
		});

		// A later post on the same request sets its fields on the same new coverage.
		const rest = (await request(sent.changeId)).fields
			.filter((f) => f.decision === 'pending')
			.map((f) => ({ field: f.field, decision: 'accepted' as const }));
		await decide(sent.changeId, rest);
		const final = await coverages(appointment.patientId);
		expect(final).toHaveLength(2);
		expect(final.find((c) => c.id === started?.id)).toMatchObject({
			payer: 'Aetna Choice',
			member_id: 'W123456789',
			group_number: old.group_number,
			relationship: 'self',
			ended_at: null
		});
		const record = await patient(appointment.patientId);
		expect(record.coverage).toMatchObject({ payer: 'Aetna Choice', verified: false });
		expect(record.pastCoverages.map((c) => c.id)).toEqual([old.id]);
		expect(record.cardPhotos.map((p) => p.side)).toEqual(['front', 'back']);
		expect((await rosterRecord(appointment)).coverage).toMatchObject({
			payer: 'Aetna Choice',
			memberIdMasked: '••••••6789',
			verified: false,
			copayCents: 0
		});
	});

	it('"I\'ll pay myself", accepted, ends the coverage on file', async () => {
		const appointment = await insuredAppointment();
		const sent = await send(appointment, { contact: null, insurance: { kind: 'none' } });
		const pending = await request(sent.changeId);
		expect(pending.fields.map((f) => [f.field, f.old, f.new])).toEqual([
			['insurance.selfPay', 'no', 'yes']
		]);
		await decide(sent.changeId, [{ field: 'insurance.selfPay', decision: 'accepted' }]);
		const [coverage] = await coverages(appointment.patientId);
		expect(coverage.ended_at).toBeGreaterThan(0);
		expect((await patient(appointment.patientId)).coverage).toBeNull();
		expect((await rosterRecord(appointment)).coverage).toBeNull();
	});

	it('refuses an oversized photo and one that is not an image, storing neither', async () => {
		const appointment = await insuredAppointment();
		const sent = await send(
			appointment,
			{
				contact: null,
				insurance: {
					kind: 'new',
					insurance: {
						payer: 'Cigna',
						memberId: 'C99887766',
						groupNumber: '',
						relationship: 'self',
						holderName: '',
						holderDob: ''
					}
				}
			},
			[
				{ side: 'front', bytes: oversizedPng() },
				{
					side: 'back',
					bytes: new Uint8Array(Buffer.from('This is not a picture of a card. '.repeat(40)))
				}
			]
		);
		expect(sent.results.map((r) => [r.outcome, r.reason])).toEqual([
			['applied', undefined],
			['rejected', 'photo-too-large'],
			['rejected', 'photo-not-image']
		]);
		const stored = await suite.db
			.selectFrom('card_images')
			.select('id')
			.where('change_id', '=', sent.changeId)
			.execute();
		expect(stored).toEqual([]);
		expect((await request(sent.changeId)).photos).toEqual([]);
	});

	it('a replayed change and photo are stored once', async () => {
		const appointment = suite.freshAppointment();
		const sealed = await sealChange(
			appointment.id,
			intakeKey,
			contact({ phone: '(415) 555-2671' }),
			[{ side: 'front', bytes: cardPng('front') }]
		);
		const first = await syncOps(kiosk.client, sealed.all);
		const again = await syncOps(kiosk.client, sealed.all);
		expect(first.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
		expect(again.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
		const count = async (table: 'change_requests' | 'card_images', column: 'id' | 'change_id') =>
			(await suite.db.selectFrom(table).select('id').where(column, '=', sealed.changeId).execute())
				.length;
		expect(await count('change_requests', 'id')).toBe(1);
		expect(await count('card_images', 'change_id')).toBe(1);
		const fields = await suite.db
			.selectFrom('change_fields')
			.select('field')
			.where('change_id', '=', sealed.changeId)
			.execute();
		expect(fields).toEqual([{ field: 'phone' }]);
	});

	it('card photos are for signed-in staff of their own site only', async () => {
		const appointment = await insuredAppointment();
		const sent = await send(
			appointment,
			{
				contact: null,
				insurance: {
					kind: 'new',
					insurance: {
						payer: 'Humana',
						memberId: 'H11223344',
						groupNumber: '',
						relationship: 'self',
						holderName: '',
						holderDob: ''
					}
				}
			},
			[{ side: 'front', bytes: cardPng('front') }]
		);
		const [photo] = (await request(sent.changeId)).photos;
		const path = `/api/staff/card-images/${photo.id}`;
		const nobody = await new Client(suite.server.baseUrl).request('GET', path);
		expect(nobody.status).toBe(401);
		await nobody.text();
		const east = await staffLogin(suite.server, 'reception-east');
		const other = await east.request('GET', path);
		expect(other.status).toBe(403);
		expect(await other.text()).not.toContain('PNG');
		// Nor does another site's desk see the request or the patient.
		expect((await list(east)).requests.map((r) => r.id)).not.toContain(sent.changeId);
		await east.expectJson('GET', `/api/staff/patients/${appointment.patientId}`, 404);
		const missing = await suite.staff.request('GET', '/api/staff/card-images/nope');
		expect(missing.status).toBe(404);
		await missing.text();
		// Only the one allowed read is audited as a read.
		expect(await auditRows('card-image.read', appointment.patientId)).toEqual([]);
	});

	it('a change the server refused shows read-only with its reason, and can be marked handled', async () => {
		const appointment = suite.freshAppointment();
		const sent = await send(appointment, contact({ phone: '12', city: 'Rivertown' }));
		expect(sent.results[0]).toMatchObject({ outcome: 'rejected', reason: 'change-invalid' });
		const refused = await request(sent.changeId);
		expect(refused).toMatchObject({ status: 'refused', reviewedAt: null });
		expect(refused.fields).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					field: 'phone',
					new: '12',
					decision: 'rejected',
					decidedBy: 'server',
					note: 'phone-invalid'
				})
			])
		);
		await decide(sent.changeId, [{ field: 'city', decision: 'accepted' }], 409);
		expect((await patient(appointment.patientId)).contact.city).not.toBe('Rivertown');
		await suite.staff.expectJson('POST', '/api/staff/change-requests/handled', 200, {
			json: { changeId: sent.changeId }
		});
		expect(await request(sent.changeId)).toMatchObject({
			status: 'refused',
			reviewedBy: 'Front desk'
		});
		await suite.staff.expectJson('POST', '/api/staff/change-requests/handled', 409, {
			json: { changeId: sent.changeId }
		});
		expect(await auditRows('change.handled', appointment.patientId)).toEqual([
			expect.objectContaining({
				actor_id: 'main-reception',
				detail: expect.objectContaining({ changeId: sent.changeId })
			})
		]);
	});

	it("the desk's queue row carries the flags, in the snapshot and the live stream; the display's never does", async () => {
		const appointment = await insuredAppointment();
		const checkIn = await syncOne(kiosk.client, checkInOp(appointment.id));
		expect(checkIn.outcome).toBe('applied');
		const rowOf = async (audience: 'reception' | 'display') =>
			(
				await snapshot(audience === 'reception' ? suite.staff : display.client, audience)
			).entries.find((e) => e.entryId === checkIn.entryId);
		expect((await rowOf('reception'))?.patient?.changes).toEqual([]);

		const events = `${suite.server.baseUrl}/api/events`;
		const desk = await SseStream.open(`${events}?audience=reception`, {
			cookie: suite.staff.cookieHeader
		});
		const board = await SseStream.open(`${events}?audience=display`, {
			cookie: display.client.cookieHeader
		});
		try {
			await desk.snapshot();
			await board.snapshot();
			const sent = await send(appointment, {
				contact: { phone: '(202) 555-0123' },
				insurance: { kind: 'none' }
			});
			const upsertOf = (event: QueueEvent) =>
				event.type === 'queue.upsert' && event.entry.entryId === checkIn.entryId;
			const live = await desk.waitForEvent(
				(event) =>
					upsertOf(event) && event.type === 'queue.upsert' && !!event.entry.patient?.changes?.length
			);
			expect(live.type === 'queue.upsert' && live.entry.patient?.changes).toEqual([
				'details',
				'no-insurance'
			]);
			await desk.waitForEvent((event) => event.type === 'changes.changed');
			expect((await rowOf('reception'))?.patient?.changes).toEqual(['details', 'no-insurance']);

			// The display hears the row's upsert too, reduced as ever: no flags, no patient data.
			await board.waitForEvent(upsertOf);
			const boardText = JSON.stringify(board.messages.map((m) => m.data));
			expect(boardText).not.toMatch(/"changes"|no-insurance|"details"/);
			expect(board.events().some((event) => event.type === 'changes.changed')).toBe(false);
			expectNoPatientData(board.events(), suite.appointments);
			const shown = await rowOf('display');
			expect(shown).toBeDefined();
			expect(JSON.stringify(shown)).not.toMatch(/"changes"|no-insurance|"details"/);
			expectNoPatientData(shown, suite.appointments);

			await decide(sent.changeId, [{ field: 'phone', decision: 'accepted' }]);
			expect((await rowOf('reception'))?.patient?.changes).toEqual(['no-insurance']);
			await decide(sent.changeId, [{ field: 'insurance.selfPay', decision: 'rejected' }]);
			expect((await rowOf('reception'))?.patient?.changes).toEqual([]);
			await desk.waitForEvent(
				(event) =>
					upsertOf(event) &&
					event.type === 'queue.upsert' &&
					event.entry.patient?.changes?.length === 0
			);
		} finally {
			await desk.close();
			await board.close();
		}
	});
});
