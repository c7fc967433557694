import { CompactSign, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { siteDayBounds } from '$lib/site-time';
import { queueEntryId } from '$lib/queue/entry-id';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	appointments,
	checkInOp,
	pairAndEnroll,
	qrToken,
	snapshot,
	syncOne,
	type Appointment,
	type EnrolledDevice
} from './support/clients';
import { expectNoPatientData } from './support/privacy';

describe.each(dialects)('check-in through the kiosk outbox (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;
	let secondKiosk: EnrolledDevice;
	let display: EnrolledDevice;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Lobby kiosk');
		secondKiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Hallway kiosk');
		display = await pairAndEnroll(suite.server, suite.staff, 'display', 'Waiting room TV');
	});

	async function entriesFor(appointment: Appointment) {
		const { entries } = await snapshot(suite.staff, 'reception');
		return entries.filter((e) => e.appointmentId === appointment.id);
	}

	async function statusOf(appointment: Appointment): Promise<string | undefined> {
		return (await appointments(suite.staff)).find((a) => a.id === appointment.id)?.status;
	}

	/** A rejected check-in leaves no trace in the queue and the appointment still booked. */
	async function expectNotCheckedIn(appointment: Appointment): Promise<void> {
		expect(await entriesFor(appointment)).toEqual([]);
		expect(await statusOf(appointment)).toBe('booked');
	}

	it('checks in by name and birth date: reception sees the patient, the display only the ticket', async () => {
		const appointment = suite.freshAppointment();
		const op = checkInOp(appointment.id, { method: 'lookup' });
		const result = await syncOne(kiosk.client, op);
		expect(result).toMatchObject({
			outcome: 'applied',
			entryId: queueEntryId(op.id),
			ticket: appointment.ticket
		});
		// Opaque: the display's entry id is not the appointment's (a check-in token's subject).
		expect(result.entryId).toMatch(/^q-[0-9a-f]{20}$/);
		expect(result.entryId).not.toContain(appointment.id);

		const reception = await snapshot(suite.staff, 'reception');
		const entry = reception.entries.find((e) => e.entryId === result.entryId);
		expect(entry).toMatchObject({
			appointmentId: appointment.id,
			ticket: appointment.ticket,
			status: 'waiting',
			source: 'kiosk',
			slotAt: appointment.startsAt
		});
		expect(`${entry?.patient?.firstName} ${entry?.patient?.lastName}`).toBe(
			appointment.patientName
		);
		expect(await statusOf(appointment)).toBe('arrived');

		const board = await snapshot(display.client, 'display');
		const shown = board.entries.find((e) => e.entryId === result.entryId);
		expect(shown).toMatchObject({ ticket: appointment.ticket, status: 'waiting' });
		// Privacy mode "ticket": nothing but the ticket identifies anyone on the waiting-room screen.
		for (const e of board.entries) {
			expect(e.publicLabel).toBeNull();
			expect(e.appointmentId).toBeNull();
			expect(e).not.toHaveProperty('patient');
		}
		const birthDates = reception.entries.map((e) => e.patient?.dob ?? '').filter(Boolean);
		expect(birthDates.length).toBeGreaterThan(0);
		expectNoPatientData({ ...board, providers: [] }, suite.appointments, birthDates);
	});

	it('checks in with the QR code from the appointment letter', async () => {
		const appointment = suite.freshAppointment();
		const token = await qrToken(suite.staff, appointment.id);
		const result = await syncOne(kiosk.client, checkInOp(appointment.id, { token }));
		expect(result).toMatchObject({ outcome: 'applied', ticket: appointment.ticket });
		expect(await entriesFor(appointment)).toHaveLength(1);
	});

	it('answers a resent op with the same ticket and changes nothing', async () => {
		const appointment = suite.freshAppointment();
		const op = checkInOp(appointment.id);
		const first = await syncOne(kiosk.client, op);
		const before = await snapshot(suite.staff, 'reception');
		const again = await syncOne(kiosk.client, op);
		expect(again).toMatchObject({
			id: op.id,
			outcome: 'duplicate',
			reason: 'op-already-received',
			entryId: first.entryId,
			ticket: first.ticket
		});
		const after = await snapshot(suite.staff, 'reception');
		expect(after.entries).toEqual(before.entries);
		expect(after.lastEventId).toBe(before.lastEventId);
	});

	it('keeps one place in the queue when two kiosks check in the same appointment', async () => {
		const appointment = suite.freshAppointment();
		const first = await syncOne(kiosk.client, checkInOp(appointment.id));
		const second = await syncOne(secondKiosk.client, checkInOp(appointment.id));
		expect(first.outcome).toBe('applied');
		expect(second).toMatchObject({
			outcome: 'duplicate',
			reason: 'already-checked-in',
			entryId: first.entryId,
			ticket: first.ticket
		});
		expect(await entriesFor(appointment)).toHaveLength(1);
	});

	it('rejects forged, foreign and mismatched QR tokens with a precise reason', async () => {
		const appointment = suite.freshAppointment();
		const other = suite.freshAppointment();
		const token = await qrToken(suite.staff, appointment.id);
		const [header, payload, signature] = token.split('.');

		const middle = Math.floor(signature.length / 2);
		const flipped = signature[middle] === 'A' ? 'B' : 'A';
		const badSignature = `${header}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;

		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
			sub: string;
			exp: number;
		};
		const retargeted = Buffer.from(JSON.stringify({ ...claims, sub: other.id })).toString(
			'base64url'
		);
		const tampered = `${header}.${retargeted}.${signature}`;

		// Well-formed tokens signed by a key that is not the clinic's.
		const { privateKey } = await generateKeyPair('ES256');
		const sign = (kid: string) =>
			new CompactSign(Buffer.from(JSON.stringify(claims)))
				.setProtectedHeader({ alg: 'ES256', kid })
				.sign(privateKey);
		const strangerKid = await sign('zz9');
		const kid = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid: string })
			.kid;
		const sameKid = await sign(kid);

		const cases: [string, string, string][] = [
			['flipped signature character', appointment.id, badSignature],
			['payload rewritten for another appointment', other.id, tampered],
			['signed by an unknown key', appointment.id, strangerKid],
			['signed by another key under our kid', appointment.id, sameKid],
			['token for another appointment', other.id, token],
			['not a token at all', appointment.id, 'hello.world.again']
		];
		const reasons = [
			'token-bad-signature',
			'token-bad-signature',
			'token-not-ours',
			'token-bad-signature',
			'token-mismatch',
			'token-malformed'
		];
		for (const [index, [label, appointmentId, forged]] of cases.entries()) {
			const op = checkInOp(appointmentId, { token: forged });
			const result = await syncOne(kiosk.client, op);
			expect(result, label).toEqual({ id: op.id, outcome: 'rejected', reason: reasons[index] });
			// A resend is answered from the record: still rejected, same reason.
			expect(await syncOne(kiosk.client, op), label).toEqual(result);
		}
		const missing = await syncOne(kiosk.client, checkInOp(appointment.id, { method: 'qr' }));
		expect(missing).toMatchObject({ outcome: 'rejected', reason: 'token-missing' });
		await expectNotCheckedIn(appointment);
		await expectNotCheckedIn(other);
	});

	it('rejects an appointment it does not know', async () => {
		const result = await syncOne(kiosk.client, checkInOp('nosuchappt1'));
		expect(result).toMatchObject({ outcome: 'rejected', reason: 'unknown-appointment' });
	});

	it('honours an offline arrival time from earlier today', async () => {
		const appointment = suite.freshAppointment();
		const { start } = await todayBounds();
		const arrivedAt = Math.max(start, Date.now() - 25 * 60_000);
		await syncOne(kiosk.client, checkInOp(appointment.id, { arrivedAt }));
		const [entry] = await entriesFor(appointment);
		expect(entry.arrivedAt).toBe(arrivedAt);
	});

	it('clamps an arrival time in the future to the moment the server applied it', async () => {
		const appointment = suite.freshAppointment();
		const before = Date.now();
		await syncOne(kiosk.client, checkInOp(appointment.id, { arrivedAt: before + 3_600_000 }));
		const after = Date.now();
		const [entry] = await entriesFor(appointment);
		expect(entry.arrivedAt).toBeGreaterThanOrEqual(before);
		expect(entry.arrivedAt).toBeLessThanOrEqual(after);
	});

	it('clamps an arrival time before the site day to the start of the day', async () => {
		const appointment = suite.freshAppointment();
		const { start } = await todayBounds();
		await syncOne(kiosk.client, checkInOp(appointment.id, { arrivedAt: start - 3 * 3_600_000 }));
		const [entry] = await entriesFor(appointment);
		expect(entry.arrivedAt).toBe(start);
	});

	async function todayBounds() {
		const { siteDay } = await snapshot(suite.staff, 'reception');
		const { timezone } = await suite.staff.expectJson<{ timezone: string }>(
			'GET',
			`/api/staff/letters/${suite.appointments[0].id}`,
			200
		);
		return siteDayBounds(timezone, siteDay);
	}
});
