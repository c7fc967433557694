import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	checkInOp,
	helpOp,
	letter,
	pairAndEnroll,
	syncOne,
	type EnrolledDevice
} from './support/clients';
import { normalise } from './support/db';

describe.each(dialects)('help requests and the audit log (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Lobby kiosk');
	});

	async function helpRow(id: string) {
		const row = await suite.db
			.selectFrom('help_requests')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		return row && normalise(row);
	}

	async function auditRows(action: string, patientId: string | null = null) {
		let query = suite.db.selectFrom('audit_log').selectAll().where('action', '=', action);
		if (patientId) query = query.where('patient_id', '=', patientId);
		const rows = await query.orderBy('id').execute();
		return rows.map((r) => ({ ...normalise(r), detail: JSON.parse(r.detail) as unknown }));
	}

	it('turns a help op into an open help request for reception', async () => {
		const appointment = suite.freshAppointment();
		const op = helpOp('dob-locked', appointment.id);
		expect(await syncOne(kiosk.client, op)).toMatchObject({ id: op.id, outcome: 'applied' });
		expect(await helpRow(op.id)).toEqual({
			id: op.id,
			site_id: 'main',
			device_id: kiosk.deviceId,
			appointment_id: appointment.id,
			reason: 'dob-locked',
			created_at: op.type === 'help' ? op.payload.at : 0,
			resolved_at: null,
			resolved_by: null
		});
		// Sent again (the kiosk never saw the answer): still one request.
		expect(await syncOne(kiosk.client, op)).toMatchObject({ outcome: 'duplicate' });
		const rows = await suite.db.selectFrom('help_requests').select('id').execute();
		expect(rows.filter((r) => r.id === op.id)).toHaveLength(1);
	});

	it('records a help request without an appointment, never dated in the future', async () => {
		const op = helpOp('asked');
		if (op.type !== 'help') throw new Error('helpOp made another kind of op');
		op.payload.at = Date.now() + 3_600_000;
		const before = Date.now();
		await syncOne(kiosk.client, op);
		const after = Date.now();
		const row = await helpRow(op.id);
		expect(row).toMatchObject({ appointment_id: null, reason: 'asked', resolved_at: null });
		expect(row?.created_at).toBeGreaterThanOrEqual(before);
		expect(row?.created_at).toBeLessThanOrEqual(after);
	});

	it('audits a check-in once, as the kiosk that made it', async () => {
		const appointment = suite.freshAppointment();
		const op = checkInOp(appointment.id);
		await syncOne(kiosk.client, op);
		await syncOne(kiosk.client, op);
		const rows = await auditRows('checkin', appointment.patientId);
		expect(rows).toEqual([
			expect.objectContaining({
				actor_type: 'device',
				actor_id: kiosk.deviceId,
				patient_id: appointment.patientId,
				detail: { appointmentId: appointment.id, method: 'lookup', opId: op.id }
			})
		]);
	});

	it('leaves no check-in audit row for a rejected check-in', async () => {
		const appointment = suite.freshAppointment();
		const result = await syncOne(
			kiosk.client,
			checkInOp(appointment.id, { token: 'aaaaaaaaaaaa.bbbbbbbbbbbb.' + 'c'.repeat(86) })
		);
		expect(result.outcome).toBe('rejected');
		expect(await auditRows('checkin', appointment.patientId)).toEqual([]);
	});

	it('audits who viewed a patient letter, and from where', async () => {
		const appointment = suite.freshAppointment();
		const before = await auditRows('letter.view', appointment.patientId);
		const body = await letter(suite.staff, appointment.id);
		expect(body.patientName).toBe(appointment.patientName);
		const after = await auditRows('letter.view', appointment.patientId);
		expect(after).toHaveLength(before.length + 1);
		expect(after.at(-1)).toMatchObject({
			actor_type: 'staff',
			actor_id: 'main-reception',
			patient_id: appointment.patientId,
			detail: { appointmentId: appointment.id },
			ip: expect.stringMatching(/127\.0\.0\.1/)
		});
		// An unknown appointment is a 404 and reads nobody's data.
		const total = (await auditRows('letter.view')).length;
		await suite.staff.expectJson('GET', '/api/staff/letters/nosuchappt1', 404);
		expect(await auditRows('letter.view')).toHaveLength(total);
	});

	it('audits the appointment list and a call to a room', async () => {
		const lists = (await auditRows('appointments.list')).length;
		await suite.staff.expectJson('GET', '/api/staff/appointments', 200);
		expect(await auditRows('appointments.list')).toHaveLength(lists + 1);

		const appointment = suite.freshAppointment();
		const { entryId } = await syncOne(kiosk.client, checkInOp(appointment.id));
		await suite.staff.expectJson('POST', '/api/staff/queue', 200, {
			json: { command: 'call', entryId, roomId: 'main-room-1' }
		});
		expect(await auditRows('queue.call', appointment.patientId)).toEqual([
			expect.objectContaining({
				actor_type: 'staff',
				actor_id: 'main-reception',
				detail: { entryId, roomId: 'main-room-1' }
			})
		]);
	});
});
