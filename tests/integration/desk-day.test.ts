// The desk handles every case (issue 11), through the desk's own form actions as its pages post
// them: check-in at the desk and the expected list, a walk-in from registration to done, no-show
// and undo, cancelling with a reason, and a provider's delay that the queue's estimates use.
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	Client,
	checkInOp,
	pairAndEnroll,
	snapshot,
	staffLogin,
	syncOne,
	type EnrolledDevice
} from './support/clients';
import { openWriter } from './support/db';
import { SseStream } from './support/sse';
import type { QueueEvent } from '$lib/queue/events';

type Live<K extends QueueEvent['type']> = Extract<QueueEvent, { type: K }>;

/** What SvelteKit answers an enhanced form post (`use:enhance` sends these headers). */
interface ActionResult {
	type: 'success' | 'failure' | 'redirect' | 'error';
	status: number;
	/** devalue's encoding of the action's answer: the tests look for codes and tickets in it. */
	data?: string;
}

describe.each(dialects)('the desk handles every case (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;
	let admin: Client;
	let display: EnrolledDevice;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		admin = await staffLogin(suite.server, 'admin');
		display = await pairAndEnroll(suite.server, suite.staff, 'display');
	});

	async function post(
		page: string,
		action: string,
		fields: Record<string, string>,
		staff = suite.staff
	): Promise<ActionResult> {
		const response = await staff.request('POST', `${page}?/${action}`, {
			body: new URLSearchParams(fields).toString(),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: suite.server.baseUrl,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			}
		});
		return (await response.json()) as ActionResult;
	}

	/** The undo id an action answered with (a UUID in its devalue-encoded answer). */
	function undoIdOf(result: ActionResult): string {
		const match = /"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/.exec(
			result.data ?? ''
		);
		expect(match, result.data).not.toBeNull();
		return match?.[1] ?? '';
	}

	const appointmentStatus = async (id: string) =>
		(
			await suite.db
				.selectFrom('appointments')
				.select(['status', 'cancel_reason', 'cancel_note'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).status;

	const audits = (action: string, patientId: string) =>
		suite.db
			.selectFrom('audit_log')
			.select(['actor_type', 'detail'])
			.where('action', '=', action)
			.where('patient_id', '=', patientId)
			.execute();

	const dayList = async (query: string) =>
		(await suite.staff.request('GET', `/reception/appointments?${query}`)).text();

	it('lists the expected patient, finds them by name and birth date, and checks them in at the desk', async () => {
		const appointment = suite.freshAppointment();
		const [first, last] = appointment.patientName.split(' ');
		const dob = (
			await suite.db
				.selectFrom('patients')
				.select('dob')
				.where('id', '=', appointment.patientId)
				.executeTakeFirstOrThrow()
		).dob;
		const [y, m, d] = dob.split('-');
		expect(await dayList(`list=expected&q=${encodeURIComponent(last)}`)).toContain(
			appointment.patientName
		);
		expect(await dayList(`list=expected&q=${encodeURIComponent(`${m}/${d}/${y}`)}`)).toContain(
			appointment.patientName
		);
		expect(
			await dayList(`list=expected&q=${encodeURIComponent(`${first} no-such-name`)}`)
		).toContain('No appointments match');

		const checkedIn = await post('/reception/appointments', 'checkIn', {
			appointmentId: appointment.id
		});
		expect(checkedIn).toMatchObject({ type: 'success', status: 200 });
		expect(checkedIn.data).toContain(appointment.ticket);
		const entry = await suite.db
			.selectFrom('queue_entries')
			.select(['id', 'source', 'status', 'ticket'])
			.where('appointment_id', '=', appointment.id)
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ source: 'desk', status: 'waiting', ticket: appointment.ticket });
		expect(await appointmentStatus(appointment.id)).toBe('arrived');
		const rows = await audits('checkin', appointment.patientId);
		expect(rows.map((r) => JSON.parse(r.detail) as { method: string })).toEqual([
			expect.objectContaining({ method: 'desk', appointmentId: appointment.id })
		]);
		// The live queue shows the patient; the expected list no longer does.
		const queue = await snapshot(suite.staff, 'reception');
		expect(queue.entries.find((e) => e.entryId === entry.id)).toMatchObject({ source: 'desk' });
		expect(await dayList(`list=expected&q=${encodeURIComponent(last)}`)).not.toContain(
			`data-appointment-id="${appointment.id}"`
		);
		expect(await dayList(`list=waiting&q=${encodeURIComponent(last)}`)).toContain(
			`data-appointment-id="${appointment.id}"`
		);

		// Twice, or a kiosk after the desk: one place in line.
		const again = await post('/reception/appointments', 'checkIn', {
			appointmentId: appointment.id
		});
		expect(again).toMatchObject({ type: 'failure', status: 409 });
		expect(again.data).toContain('already-checked-in');
		const fromKiosk = await syncOne(kiosk.client, checkInOp(appointment.id));
		expect(fromKiosk).toMatchObject({ outcome: 'duplicate', entryId: entry.id });
		expect(await post('/reception/appointments', 'checkIn', { appointmentId: '' })).toMatchObject({
			type: 'failure',
			status: 400
		});
		const stranger = new Client(suite.server.baseUrl);
		const other = suite.freshAppointment();
		const refused = await post(
			'/reception/appointments',
			'checkIn',
			{ appointmentId: other.id },
			stranger
		);
		expect(refused).toMatchObject({ type: 'redirect', status: 303 });
		expect(await appointmentStatus(other.id)).toBe('booked');
	});

	it('registers a walk-in with a W ticket, prints it, and takes them from waiting to done', async () => {
		const queue = await snapshot(suite.staff, 'reception');
		const provider = queue.providers[0];
		const person = {
			firstName: 'Walter',
			lastName: 'Inman',
			dob: '1971-06-15',
			providerId: provider.id,
			phone: '',
			language: 'es'
		};
		const invalid = await post('/reception/walk-in', 'register', { ...person, dob: '1971-02-30' });
		expect(invalid).toMatchObject({ type: 'failure', status: 400 });
		expect(invalid.data).toContain('dob');

		const registered = await post('/reception/walk-in', 'register', person);
		expect(registered).toMatchObject({ type: 'success', status: 200 });
		expect(registered.data).toContain('W-001');
		const entry = await suite.db
			.selectFrom('queue_entries')
			.select(['id', 'patient_id', 'appointment_id', 'slot_at', 'source', 'status'])
			.where('ticket', '=', 'W-001')
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ appointment_id: null, slot_at: null, source: 'desk' });
		const patient = await suite.db
			.selectFrom('patients')
			.select(['first_name', 'last_name', 'dob', 'preferred_language'])
			.where('id', '=', entry.patient_id as string)
			.executeTakeFirstOrThrow();
		expect(patient).toEqual({
			first_name: 'Walter',
			last_name: 'Inman',
			dob: '1971-06-15',
			preferred_language: 'es'
		});
		expect(await audits('walk-in.register', entry.patient_id as string)).toHaveLength(1);
		// The desk's queue names the walk-in; the display only gets the ticket.
		const row = (await snapshot(suite.staff, 'reception')).entries.find(
			(e) => e.entryId === entry.id
		);
		expect(row).toMatchObject({ ticket: 'W-001', slotAt: null, patient: { lastName: 'Inman' } });
		const shown = (await snapshot(display.client, 'display')).entries.find(
			(e) => e.entryId === entry.id
		);
		expect(shown?.patient).toBeUndefined();

		const ticketPage = await (
			await suite.staff.request('GET', `/reception/tickets/${entry.id}`)
		).text();
		expect(ticketPage).toContain('W-001');
		expect(ticketPage).toContain(provider.name);
		expect(ticketPage).not.toContain('Inman');

		// The same person again keeps one record, with the next number.
		const twice = await post('/reception/walk-in', 'register', { ...person, lastName: 'INMAN' });
		expect(twice.data).toContain('W-002');
		const second = await suite.db
			.selectFrom('queue_entries')
			.select('patient_id')
			.where('ticket', '=', 'W-002')
			.executeTakeFirstOrThrow();
		expect(second.patient_id).toBe(entry.patient_id);

		const room = queue.rooms[0].id;
		for (const [action, fields] of [
			['call', { entryId: entry.id, roomId: room }],
			['inRoom', { entryId: entry.id }],
			['complete', { entryId: entry.id }]
		] as const) {
			expect(await post('/reception', action, fields)).toMatchObject({ type: 'success' });
		}
		const done = await suite.db
			.selectFrom('queue_entries')
			.select(['status', 'room_id'])
			.where('id', '=', entry.id)
			.executeTakeFirstOrThrow();
		expect(done).toEqual({ status: 'completed', room_id: room });
		expect(await audits('queue.complete', entry.patient_id as string)).toHaveLength(1);
	});

	it('marks a no-show and undoes it, once, only as the last action and within 30 s', async () => {
		const appointment = suite.freshAppointment();
		const noShow = await post('/reception/appointments', 'noShow', {
			appointmentId: appointment.id
		});
		expect(noShow).toMatchObject({ type: 'success' });
		expect(await appointmentStatus(appointment.id)).toBe('no-show');
		expect(await audits('appointment.no-show', appointment.patientId)).toHaveLength(1);
		expect(await dayList('list=no-show')).toContain(`data-appointment-id="${appointment.id}"`);
		const twice = await post('/reception/appointments', 'noShow', {
			appointmentId: appointment.id
		});
		expect(twice.data).toContain('not-booked');

		const undo = await post('/reception/appointments', 'undo', { undoId: undoIdOf(noShow) });
		expect(undo).toMatchObject({ type: 'success' });
		expect(await appointmentStatus(appointment.id)).toBe('booked');
		expect(await audits('desk.undo', appointment.patientId)).toHaveLength(1);
		const again = await post('/reception/appointments', 'undo', { undoId: undoIdOf(noShow) });
		expect(again).toMatchObject({ type: 'failure', status: 409 });
		expect(again.data).toContain('undo-expired');

		// Only the last action: a check-in after the no-show is what undo takes back now.
		const second = await post('/reception/appointments', 'noShow', {
			appointmentId: appointment.id
		});
		const later = suite.freshAppointment();
		const checkIn = await post('/reception/appointments', 'checkIn', { appointmentId: later.id });
		expect((await post('/reception', 'undo', { undoId: undoIdOf(second) })).data).toContain(
			'undo-not-last'
		);
		expect(await post('/reception', 'undo', { undoId: undoIdOf(checkIn) })).toMatchObject({
			type: 'success'
		});
		expect(await appointmentStatus(later.id)).toBe('booked');
		const gone = await suite.db
			.selectFrom('queue_entries')
			.select('id')
			.where('appointment_id', '=', later.id)
			.execute();
		expect(gone).toEqual([]);
		expect((await snapshot(suite.staff, 'reception')).entries.map((e) => e.ticket)).not.toContain(
			later.ticket
		);
		// Checked in again after the undo: a new place in line.
		expect(
			await post('/reception/appointments', 'checkIn', { appointmentId: later.id })
		).toMatchObject({ type: 'success' });

		// Someone moved the patient on since: the undo is refused, nothing changes.
		const third = suite.freshAppointment();
		const mine = await post('/reception/appointments', 'noShow', { appointmentId: third.id });
		const cancelled = await post(
			`/reception/appointments/${third.id}/cancel`,
			'cancel',
			{ appointmentId: third.id, reason: 'patient-called' },
			admin
		);
		expect(cancelled).toMatchObject({ type: 'success' });
		const outdated = await post('/reception/appointments', 'undo', { undoId: undoIdOf(mine) });
		expect(outdated.data).toContain('undo-outdated');
		expect(await appointmentStatus(third.id)).toBe('cancelled');

		// Past 30 s. Aging the undo row by hand is the only way short of waiting: setup, not the test.
		const fourth = suite.freshAppointment();
		const old = await post('/reception/appointments', 'noShow', { appointmentId: fourth.id });
		const writer = openWriter(suite.server);
		await writer
			.updateTable('desk_undo')
			.set({ created_at: Date.now() - 31_000 })
			.where('id', '=', undoIdOf(old))
			.execute();
		await writer.destroy();
		expect(
			(await post('/reception/appointments', 'undo', { undoId: undoIdOf(old) })).data
		).toContain('undo-expired');
		expect(await appointmentStatus(fourth.id)).toBe('no-show');
	});

	it('undoes a call: the patient is back where they were', async () => {
		const appointment = suite.freshAppointment();
		const { entryId } = await syncOne(kiosk.client, checkInOp(appointment.id));
		const room = (await snapshot(suite.staff, 'reception')).rooms[0].id;
		const call = await post('/reception', 'call', { entryId: entryId as string, roomId: room });
		expect(await post('/reception', 'undo', { undoId: undoIdOf(call) })).toMatchObject({
			type: 'success'
		});
		const entry = await suite.db
			.selectFrom('queue_entries')
			.select(['status', 'room_id', 'called_at'])
			.where('id', '=', entryId as string)
			.executeTakeFirstOrThrow();
		expect(entry).toEqual({ status: 'waiting', room_id: null, called_at: null });
		expect(await appointmentStatus(appointment.id)).toBe('arrived');
	});

	it('cancels with a reason on its own screen, shows why, and undoes it', async () => {
		const appointment = suite.freshAppointment();
		const screen = await (
			await suite.staff.request('GET', `/reception/appointments/${appointment.id}/cancel`)
		).text();
		expect(screen).toContain(appointment.patientName);
		expect(screen).toContain('Booked by mistake');
		const bad = await post(`/reception/appointments/${appointment.id}/cancel`, 'cancel', {
			appointmentId: appointment.id,
			reason: 'bored'
		});
		expect(bad).toMatchObject({ type: 'failure', status: 400 });
		const cancelled = await post(`/reception/appointments/${appointment.id}/cancel`, 'cancel', {
			appointmentId: appointment.id,
			reason: 'rescheduled',
			note: 'Moved to Tuesday'
		});
		expect(cancelled).toMatchObject({ type: 'success' });
		const row = await suite.db
			.selectFrom('appointments')
			.select(['status', 'cancel_reason', 'cancel_note'])
			.where('id', '=', appointment.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			status: 'cancelled',
			cancel_reason: 'rescheduled',
			cancel_note: 'Moved to Tuesday'
		});
		const [audit] = await audits('appointment.cancel', appointment.patientId);
		expect(JSON.parse(audit.detail)).toEqual({
			appointmentId: appointment.id,
			reason: 'rescheduled'
		});
		expect(await dayList('list=cancelled')).toContain('Cancelled: Moved to another day');
		const fromKiosk = await syncOne(kiosk.client, checkInOp(appointment.id));
		expect(fromKiosk).toMatchObject({ outcome: 'rejected', reason: 'appointment-cancelled' });
		const atDesk = await post('/reception/appointments', 'checkIn', {
			appointmentId: appointment.id
		});
		expect(atDesk.data).toContain('appointment-cancelled');

		const undo = await post(`/reception/appointments/${appointment.id}/cancel`, 'undo', {
			undoId: undoIdOf(cancelled)
		});
		expect(undo).toMatchObject({ type: 'success' });
		expect(await appointmentStatus(appointment.id)).toBe('booked');
	});

	it("sets a provider's delay by hand: the snapshot's delays and estimates start from it", async () => {
		const queue = await snapshot(suite.staff, 'reception');
		const provider = queue.providers[queue.providers.length - 1];
		const set = await post('/reception', 'setDelay', { providerId: provider.id, minutes: '35' });
		expect(set).toMatchObject({ type: 'success' });
		const board = await snapshot(display.client, 'display');
		expect(board.manualDelays).toEqual({ [provider.id]: 35 });
		expect(board.delays[provider.id]).toBeGreaterThanOrEqual(35);
		const audit = await suite.db
			.selectFrom('audit_log')
			.select('detail')
			.where('action', '=', 'provider.delay')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.detail)).toMatchObject({ providerId: provider.id, minutes: 35 });
		expect(
			(await post('/reception', 'setDelay', { providerId: provider.id, minutes: 'soon' })).status
		).toBe(400);
		expect(
			(await post('/reception', 'setDelay', { providerId: 'no-such', minutes: '5' })).data
		).toContain('no-such-provider');

		expect(
			await post('/reception', 'setDelay', { providerId: provider.id, minutes: '0' })
		).toMatchObject({ type: 'success' });
		expect((await snapshot(display.client, 'display')).manualDelays).toEqual({});
	});

	it('tells the waiting-room display live: a delay set by hand, and an undone check-in gone', async () => {
		const provider = (await snapshot(suite.staff, 'reception')).providers[0];
		const url = `${suite.server.baseUrl}/api/events?audience=display`;
		const board = await SseStream.open(url, { cookie: display.client.cookieHeader });
		try {
			await board.snapshot();
			await post('/reception', 'setDelay', { providerId: provider.id, minutes: '20' });
			const delay = await board.waitForEvent((e) => e.type === 'provider.delay');
			expect(delay).toMatchObject({ manualDelays: { [provider.id]: 20 } });
			expect((delay as Live<'provider.delay'>).delays[provider.id]).toBeGreaterThanOrEqual(20);

			const appointment = suite.freshAppointment();
			const checkIn = await post('/reception/appointments', 'checkIn', {
				appointmentId: appointment.id
			});
			const upsert = await board.waitForEvent(
				(e) => e.type === 'queue.upsert' && e.entry.ticket === appointment.ticket
			);
			const entryId = (upsert as Live<'queue.upsert'>).entry.entryId;
			await post('/reception/appointments', 'undo', { undoId: undoIdOf(checkIn) });
			const removed = await board.waitForEvent((e) => e.type === 'queue.remove');
			expect(removed).toMatchObject({ type: 'queue.remove', entryId });
		} finally {
			await board.close();
			await post('/reception', 'setDelay', { providerId: provider.id, minutes: '0' });
		}
	});
});
