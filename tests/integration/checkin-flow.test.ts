import { beforeAll, describe, expect, it } from 'vitest';
import type { RosterBundle } from '$lib/roster/roster-types';
import { decryptWithRosterKey } from '$lib/roster/roster-crypto';
import type { SyncOp } from '$lib/schemas/sync';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	appointments,
	checkInOp,
	pairAndEnroll,
	qrToken,
	syncOne,
	uuidv7,
	type Appointment,
	type EnrolledDevice
} from './support/clients';

function dobFailedOp(appointmentId: string): SyncOp {
	const now = Date.now();
	return { id: uuidv7(), type: 'dob-failed', createdAt: now, payload: { appointmentId, at: now } };
}

describe.each(dialects)('already checked in, and the birth-date lock (%s)', (dialect) => {
	const suite = useServer(dialect);
	let lobby: EnrolledDevice;
	let hallway: EnrolledDevice;

	beforeAll(async () => {
		lobby = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Lobby kiosk');
		hallway = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Hallway kiosk');
	});

	/** The appointment's roster entry as a kiosk downloads it, opened with the letter's QR key. */
	async function rosterRecord(kiosk: EnrolledDevice, appointment: Appointment) {
		const token = await qrToken(suite.staff, appointment.id);
		const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
			rk: string;
		};
		const bundle = await kiosk.client.expectJson<RosterBundle>('GET', '/api/kiosk/roster', 200);
		const entry = bundle.entries.find((e) => e.appointmentId === appointment.id);
		if (!entry) throw new Error(`${appointment.id} is not in the roster`);
		return decryptWithRosterKey(entry, claims.rk);
	}

	async function helpRequestsFor(appointment: Appointment) {
		// Reaching past the API: exactly one help request is the point of this check.
		return suite.db
			.selectFrom('help_requests')
			.select(['reason'])
			.where('appointment_id', '=', appointment.id)
			.execute();
	}

	it('a second check-in is answered with the ticket, place in line, and later the room', async () => {
		const appointment = suite.freshAppointment();
		const first = await syncOne(lobby.client, checkInOp(appointment.id));
		expect(first.outcome).toBe('applied');

		const again = await syncOne(hallway.client, checkInOp(appointment.id));
		expect(again).toMatchObject({
			outcome: 'duplicate',
			reason: 'already-checked-in',
			ticket: appointment.ticket,
			queueStatus: 'waiting'
		});
		expect(again.position).toBeGreaterThanOrEqual(1);

		await suite.staff.expectJson('POST', '/api/staff/queue', 200, {
			json: { command: 'call', entryId: first.entryId, roomId: 'main-room-3' }
		});
		const afterCall = await syncOne(hallway.client, checkInOp(appointment.id));
		expect(afterCall).toMatchObject({
			outcome: 'duplicate',
			reason: 'already-checked-in',
			ticket: appointment.ticket,
			queueStatus: 'called',
			roomName: 'Room 3'
		});
	});

	it('the roster carries each appointment’s place in line, encrypted like the rest', async () => {
		const appointment = suite.freshAppointment();
		expect(await rosterRecord(lobby, appointment)).toMatchObject({
			status: 'booked',
			queue: null,
			dobFailures: 0
		});
		const result = await syncOne(lobby.client, checkInOp(appointment.id));
		await suite.staff.expectJson('POST', '/api/staff/queue', 200, {
			json: { command: 'call', entryId: result.entryId, roomId: 'main-room-3' }
		});
		expect(await rosterRecord(hallway, appointment)).toMatchObject({
			queue: { ticket: appointment.ticket, status: 'called', roomName: 'Room 3' }
		});
	});

	it('five wrong birth dates on two kiosks lock the appointment for scan and look-up', async () => {
		const appointment = suite.freshAppointment();
		const counts: (number | undefined)[] = [];
		for (const kiosk of [lobby, lobby, hallway, lobby]) {
			counts.push((await syncOne(kiosk.client, dobFailedOp(appointment.id))).dobFailures);
		}
		expect(await helpRequestsFor(appointment)).toEqual([]);
		const fifth = dobFailedOp(appointment.id);
		counts.push((await syncOne(hallway.client, fifth)).dobFailures);
		expect(counts).toEqual([1, 2, 3, 4, 5]);
		expect(await helpRequestsFor(appointment)).toEqual([{ reason: 'dob-locked' }]);

		// A resent fifth op changes nothing and tells the desk no second time.
		expect(await syncOne(hallway.client, fifth)).toMatchObject({
			outcome: 'duplicate',
			dobFailures: 5
		});
		expect(await helpRequestsFor(appointment)).toHaveLength(1);

		// Every kiosk learns of it from the roster, and the server refuses both ways in.
		expect((await rosterRecord(lobby, appointment)).dobFailures).toBe(5);
		const token = await qrToken(suite.staff, appointment.id);
		expect(await syncOne(lobby.client, checkInOp(appointment.id, { token }))).toMatchObject({
			outcome: 'rejected',
			reason: 'dob-locked'
		});
		expect(
			await syncOne(hallway.client, checkInOp(appointment.id, { method: 'lookup' }))
		).toMatchObject({ outcome: 'rejected', reason: 'dob-locked' });
		// Still booked, and reception's list says why the kiosks will not check it in.
		const after = (await appointments(suite.staff)).find((a) => a.id === appointment.id);
		expect(after).toMatchObject({ status: 'booked', dobLocked: true });
		const other = (await appointments(suite.staff)).find((a) => a.id !== appointment.id);
		expect(other?.dobLocked).toBe(false);
	});

	it('refuses a wrong-birth-date report for another site’s or an unknown appointment', async () => {
		expect(await syncOne(lobby.client, dobFailedOp('nosuch01'))).toMatchObject({
			outcome: 'rejected',
			reason: 'unknown-appointment'
		});
	});
});
