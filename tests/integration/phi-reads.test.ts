import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { checkInOp, helpOp, pairAndEnroll, syncOne, type EnrolledDevice } from './support/clients';
import { SseStream } from './support/sse';

/**
 * Issue 12: every time staff are shown a patient's name and birth date (the desk page, its
 * snapshot and live stream, help requests and refused check-ins), that patient's audit trail
 * says who, when, from where and through what.
 */
describe.each(dialects)('reads of patient data on record (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;
	let receptionId: string;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const user = await suite.db
			.selectFrom('staff_users')
			.select('id')
			.where('username', '=', 'reception')
			.executeTakeFirstOrThrow();
		receptionId = user.id;
	});

	const shown = (patientId: string, via: string) =>
		suite.db
			.selectFrom('audit_log')
			.select(['actor_type', 'actor_id', 'ip', 'detail'])
			.where('action', '=', 'patients.shown')
			.where('patient_id', '=', patientId)
			.where('detail', '=', JSON.stringify({ via }))
			.execute();

	it('the queue snapshot and the desk page each leave a row per patient they name', async () => {
		const appointment = suite.freshAppointment();
		expect((await syncOne(kiosk.client, checkInOp(appointment.id))).outcome).toBe('applied');
		await suite.staff.expectJson('GET', '/api/queue/snapshot?audience=reception', 200);
		const rows = await shown(appointment.patientId, 'queue-snapshot');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ actor_type: 'staff', actor_id: receptionId });
		expect(rows[0].ip).toBeTruthy();

		const page = await suite.staff.request('GET', '/reception');
		expect(page.status).toBe(200);
		expect(await shown(appointment.patientId, 'desk-page')).toHaveLength(1);
	});

	it('the desk’s live stream records the patients in its snapshot and each one it sends later', async () => {
		const before = suite.freshAppointment();
		expect((await syncOne(kiosk.client, checkInOp(before.id))).outcome).toBe('applied');
		const stream = await SseStream.open(`${suite.server.baseUrl}/api/events?audience=reception`, {
			cookie: suite.staff.cookieHeader
		});
		try {
			await stream.snapshot();
			await expect.poll(async () => (await shown(before.patientId, 'queue-stream')).length).toBe(1);
			const later = suite.freshAppointment();
			const result = await syncOne(kiosk.client, checkInOp(later.id));
			await stream.waitForEvent(
				(event) => event.type === 'queue.upsert' && event.entry.entryId === result.entryId
			);
			await expect.poll(async () => (await shown(later.patientId, 'queue-stream')).length).toBe(1);
		} finally {
			await stream.close();
		}
	});

	it('help requests and refused check-ins name their patient only on the record', async () => {
		const appointment = suite.freshAppointment();
		expect((await syncOne(kiosk.client, helpOp('not-found', appointment.id))).outcome).toBe(
			'applied'
		);
		await suite.staff.expectJson('GET', '/api/staff/desk-lists', 200);
		expect(await shown(appointment.patientId, 'desk-lists')).toHaveLength(1);
	});
});
