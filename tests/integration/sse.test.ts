import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	checkInOp,
	helpOp,
	pairAndEnroll,
	syncOne,
	type Appointment,
	type EnrolledDevice
} from './support/clients';
import { SseStream, readSse, type SseMessage } from './support/sse';
import { expectNoPatientData } from './support/privacy';
import type { QueueEntryView } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';

type Upsert = Extract<QueueEvent, { type: 'queue.upsert' }>;

const isUpsertOf =
	(entryId: string, status = 'waiting') =>
	(event: QueueEvent): boolean =>
		event.type === 'queue.upsert' &&
		event.entry.entryId === entryId &&
		event.entry.status === status;

function ids(messages: SseMessage[]): number[] {
	return messages.map((m) => Number(m.id));
}

describe.each(dialects)('live queue over Server-Sent Events (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;
	let display: EnrolledDevice;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		display = await pairAndEnroll(suite.server, suite.staff, 'display');
	});

	const receptionUrl = () => `${suite.server.baseUrl}/api/events?audience=reception`;
	const displayUrl = () => `${suite.server.baseUrl}/api/events?audience=display`;

	async function checkIn(appointment: Appointment): Promise<string> {
		const result = await syncOne(kiosk.client, checkInOp(appointment.id));
		expect(result.outcome).toBe('applied');
		return result.entryId as string;
	}

	async function call(entryId: string, roomId: string): Promise<void> {
		await suite.staff.expectJson('POST', '/api/staff/queue', 200, {
			json: { command: 'call', entryId, roomId }
		});
	}

	/** Event ids of this site newer than `after`, straight from the table. */
	async function eventIdsAfter(after: number): Promise<number[]> {
		const rows = await suite.db
			.selectFrom('events')
			.select('id')
			.where('id', '>', after)
			.where('site_id', '=', 'main')
			.orderBy('id')
			.execute();
		return rows.map((r) => Number(r.id));
	}

	it('sends reception a snapshot, then an upsert with the patient after a check-in', async () => {
		const [first] = await readSse(receptionUrl(), suite.staff.cookieHeader, 1);
		expect(first.event).toBe('snapshot');

		const stream = await SseStream.open(receptionUrl(), { cookie: suite.staff.cookieHeader });
		try {
			const { id, snapshot } = await stream.snapshot();
			expect(snapshot.lastEventId).toBe(id);
			expect(snapshot.siteId).toBe('main');
			const appointment = suite.freshAppointment();
			const entryId = await checkIn(appointment);
			const event = (await stream.waitForEvent(isUpsertOf(entryId))) as Upsert;
			expect(event.id).toBe(id + 1);
			expect(stream.messages.at(-1)?.id).toBe(String(event.id));
			expect(event.entry).toMatchObject({
				ticket: appointment.ticket,
				appointmentId: appointment.id,
				status: 'waiting'
			});
			expect(`${event.entry.patient?.firstName} ${event.entry.patient?.lastName}`).toBe(
				appointment.patientName
			);
			expect(event.delays).toEqual(expect.any(Object));
		} finally {
			await stream.close();
		}
	});

	it('resumes after Last-Event-ID with exactly the missed events', async () => {
		const stream = await SseStream.open(receptionUrl(), { cookie: suite.staff.cookieHeader });
		const entryA = await checkIn(suite.freshAppointment());
		await stream.waitForEvent(isUpsertOf(entryA));
		const lastSeen = Number(stream.messages.at(-1)?.id);
		await stream.close();

		// While the desk PC is disconnected: two check-ins, a help request and a call.
		await checkIn(suite.freshAppointment());
		await checkIn(suite.freshAppointment());
		await syncOne(kiosk.client, helpOp('asked'));
		await call(entryA, 'main-room-2');
		const missed = await eventIdsAfter(lastSeen);
		expect(missed.length).toBeGreaterThanOrEqual(4);

		for (const resume of [
			{ headers: { 'last-event-id': String(lastSeen) } },
			{ query: `&lastEventId=${lastSeen}` }
		]) {
			const url = receptionUrl() + (resume.query ?? '');
			const again = await SseStream.open(url, {
				cookie: suite.staff.cookieHeader,
				headers: resume.headers
			});
			try {
				await again.waitFor(missed.length);
				expect(again.messages.every((m) => m.event === 'queue')).toBe(true);
				expect(ids(again.messages)).toEqual(missed);
				const called = again
					.events()
					.find((e) => e.type === 'queue.upsert' && e.entry.entryId === entryA);
				expect(called).toMatchObject({ entry: { status: 'called', roomName: 'Room 2' } });
				expect(again.events().some((e) => e.type === 'help.changed')).toBe(true);

				// Live events follow the replay with no gap and no repeat.
				const live = await checkIn(suite.freshAppointment());
				await again.waitForEvent(isUpsertOf(live));
				const seen = ids(again.messages);
				expect(new Set(seen).size).toBe(seen.length);
				seen.forEach((id, index) => expect(id).toBe(lastSeen + 1 + index));
				missed.push(seen.at(-1) as number);
			} finally {
				await again.close();
			}
		}
	});

	it('shows a call to Room 3 to reception and the waiting room', async () => {
		const reception = await SseStream.open(receptionUrl(), { cookie: suite.staff.cookieHeader });
		const board = await SseStream.open(displayUrl(), { cookie: display.client.cookieHeader });
		try {
			await reception.snapshot();
			await board.snapshot();
			const appointment = suite.freshAppointment();
			const entryId = await checkIn(appointment);
			await call(entryId, 'main-room-3');
			for (const stream of [reception, board]) {
				const event = (await stream.waitForEvent(isUpsertOf(entryId, 'called'))) as Upsert;
				expect(event.entry).toMatchObject({
					ticket: appointment.ticket,
					status: 'called',
					roomId: 'main-room-3',
					roomName: 'Room 3'
				} satisfies Partial<QueueEntryView>);
				expect(event.entry.calledAt).toEqual(expect.any(Number));
			}
			// A call to a room that does not exist, or a step out of order, is refused.
			for (const json of [
				{ command: 'call', entryId, roomId: 'main-room-99' },
				{ command: 'back-to-waiting', entryId: 'q-nosuchentry' }
			]) {
				await suite.staff.expectJson('POST', '/api/staff/queue', 409, { json });
			}
		} finally {
			await reception.close();
			await board.close();
		}
	});

	it('never sends the waiting-room display a patient field, name or birth date', async () => {
		const board = await SseStream.open(displayUrl(), { cookie: display.client.cookieHeader });
		try {
			const { snapshot } = await board.snapshot();
			const appointment = suite.freshAppointment();
			const entryId = await checkIn(appointment);
			await syncOne(kiosk.client, helpOp('asked', appointment.id));
			await call(entryId, 'main-room-4');
			// A last check-in marks the end: events arrive in order, so all before it are in.
			const sentinel = await checkIn(suite.freshAppointment());
			await board.waitForEvent(isUpsertOf(sentinel));

			const events = board.events();
			expect(events.map((e) => e.type)).not.toContain('help.changed');
			expect(events.map((e) => e.type)).not.toContain('device.changed');
			const reception = await suite.staff.expectJson<{ entries: QueueEntryView[] }>(
				'GET',
				'/api/queue/snapshot?audience=reception',
				200
			);
			const birthDates = reception.entries.map((e) => e.patient?.dob ?? '').filter(Boolean);
			expectNoPatientData({ ...snapshot, providers: [] }, suite.appointments, birthDates);
			for (const event of events) {
				expectNoPatientData(event, suite.appointments, birthDates);
				if (event.type === 'queue.upsert') {
					expect(event.entry.publicLabel).toBeNull();
					expect(event.entry.appointmentId).toBeNull();
				}
			}
		} finally {
			await board.close();
		}
	});

	it('refuses the display stream to a kiosk token and the reception stream to a display', async () => {
		const asKiosk = await SseStream.open(displayUrl(), {
			cookie: `fd_display=${kiosk.token}`
		});
		expect(asKiosk.status).toBe(401);
		const asDisplay = await SseStream.open(receptionUrl(), { cookie: display.client.cookieHeader });
		expect(asDisplay.status).toBe(401);
		const noAudience = await SseStream.open(`${suite.server.baseUrl}/api/events`, {
			cookie: suite.staff.cookieHeader
		});
		expect(noAudience.status).toBe(400);
	});
});
