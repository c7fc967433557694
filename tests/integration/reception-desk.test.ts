import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	Client,
	checkInOp,
	helpOp,
	pairAndEnroll,
	syncOne,
	type EnrolledDevice
} from './support/clients';
import { count } from './support/db';

/** What SvelteKit answers an enhanced form post (`use:enhance` sends these headers). */
interface ActionResult {
	type: 'success' | 'failure' | 'redirect' | 'error';
	status: number;
	data?: string;
}

describe.each(dialects)("reception's desk actions over HTTP (%s)", (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
	});

	/** Posts one of the queue page's form actions as the page's enhanced form does. */
	async function formAction(
		staff: Client,
		action: string,
		fields: Record<string, string>
	): Promise<ActionResult> {
		const response = await staff.request('POST', `/reception?/${action}`, {
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

	async function checkIn(): Promise<{ entryId: string; patientId: string }> {
		const appointment = suite.freshAppointment();
		const result = await syncOne(kiosk.client, checkInOp(appointment.id));
		expect(result.outcome).toBe('applied');
		return { entryId: result.entryId as string, patientId: appointment.patientId };
	}

	function command(command: string, entryId: string, roomId?: string) {
		return suite.staff.request('POST', '/api/staff/queue', {
			json: { command, entryId, ...(roomId ? { roomId } : {}) }
		});
	}

	async function entry(entryId: string) {
		return suite.db
			.selectFrom('queue_entries')
			.select(['status', 'room_id', 'called_at'])
			.where('id', '=', entryId)
			.executeTakeFirstOrThrow();
	}

	it('resolves a help request from the queue page once, and refuses it a second time', async () => {
		const op = helpOp('asked');
		expect(await syncOne(kiosk.client, op)).toMatchObject({ outcome: 'applied' });
		const resolved = await formAction(suite.staff, 'resolveHelp', { id: op.id });
		expect(resolved).toMatchObject({ type: 'success', status: 200 });
		expect(resolved.data).toContain(op.id);
		// Read from the table: the page shows only open requests, so it cannot say who resolved it.
		const row = await suite.db
			.selectFrom('help_requests')
			.select(['resolved_at', 'resolved_by'])
			.where('id', '=', op.id)
			.executeTakeFirstOrThrow();
		expect(Number(row.resolved_at)).toBeGreaterThan(0);
		expect(row.resolved_by).toEqual(expect.any(String));

		const again = await formAction(suite.staff, 'resolveHelp', { id: op.id });
		expect(again).toMatchObject({ type: 'failure', status: 409 });
		expect(again.data).toContain('already answered');
		const invalid = await formAction(suite.staff, 'resolveHelp', { id: '' });
		expect(invalid).toMatchObject({ type: 'failure', status: 400 });
	});

	it('sends the resolve action to sign-in without a session, resolving nothing', async () => {
		const op = helpOp('asked');
		await syncOne(kiosk.client, op);
		const stranger = new Client(suite.server.baseUrl);
		const result = await formAction(stranger, 'resolveHelp', { id: op.id });
		expect(result).toMatchObject({ type: 'redirect', status: 303 });
		const row = await suite.db
			.selectFrom('help_requests')
			.select('resolved_at')
			.where('id', '=', op.id)
			.executeTakeFirstOrThrow();
		expect(row.resolved_at).toBeNull();
	});

	it('puts a called patient back to waiting, and refuses moves the ticket has passed', async () => {
		const { entryId } = await checkIn();
		expect((await command('call', entryId, 'main-room-2')).status).toBe(200);
		expect(await entry(entryId)).toMatchObject({ status: 'called', room_id: 'main-room-2' });

		const back = await command('back-to-waiting', entryId);
		expect(back.status).toBe(200);
		expect(await entry(entryId)).toEqual({ status: 'waiting', room_id: null, called_at: null });

		// Already waiting: there is no call to undo, and nothing may change.
		const events = await count(suite.db, 'events');
		const twice = await command('back-to-waiting', entryId);
		expect(twice.status).toBe(409);
		expect(((await twice.json()) as { message: string }).message).toContain('already waiting');
		// Completed: calling it again is refused the same way.
		expect((await command('call', entryId, 'main-room-2')).status).toBe(200);
		expect((await command('complete', entryId)).status).toBe(200);
		const recall = await command('call', entryId, 'main-room-3');
		expect(recall.status).toBe(409);
		expect(((await recall.json()) as { message: string }).message).toContain('already completed');
		expect(await entry(entryId)).toMatchObject({ status: 'completed', room_id: 'main-room-2' });
		expect(await count(suite.db, 'events')).toBe(events + 2);
	});

	it('refuses to call a patient to no room or to a room of no site', async () => {
		const { entryId } = await checkIn();
		expect((await command('call', entryId)).status).toBe(409);
		expect((await command('call', entryId, 'elsewhere-room-1')).status).toBe(409);
		expect((await command('call', 'q-no-such-entry', 'main-room-2')).status).toBe(409);
		expect(await entry(entryId)).toMatchObject({ status: 'waiting', room_id: null });
	});

	it('cancels a booked appointment once, audited, and only for signed-in staff', async () => {
		const appointment = suite.freshAppointment();
		const path = `/api/staff/appointments/${appointment.id}/cancel`;
		const stranger = new Client(suite.server.baseUrl);
		expect((await stranger.request('POST', path)).status).toBe(401);
		const status = async () =>
			(
				await suite.db
					.selectFrom('appointments')
					.select('status')
					.where('id', '=', appointment.id)
					.executeTakeFirstOrThrow()
			).status;
		expect(await status()).toBe('booked');

		await suite.staff.expectJson('POST', path, 200);
		expect(await status()).toBe('cancelled');
		const audits = await suite.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'appointment.cancel')
			.where('patient_id', '=', appointment.patientId)
			.execute();
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ actor_type: 'staff' });
		expect(JSON.parse(audits[0].detail)).toEqual({
			appointmentId: appointment.id,
			reason: 'other'
		});

		const again = await suite.staff.expectJson<{ message: string }>('POST', path, 409);
		expect(again.message).toContain('cancelled');
		await suite.staff.expectJson('POST', '/api/staff/appointments/no-such-id/cancel', 409);
		// The kiosk may no longer check the patient in.
		const result = await syncOne(kiosk.client, checkInOp(appointment.id));
		expect(result).toMatchObject({ outcome: 'rejected', reason: 'appointment-cancelled' });
	});

	it('switches reception to Spanish and back with the plain language form', async () => {
		const staff = new Client(suite.server.baseUrl);
		await staff.expectJson('POST', '/api/staff/session', 200, {
			json: { username: 'reception', password: 'it-password' }
		});
		const post = (fields: Record<string, string>) =>
			staff.request('POST', '/reception/language', {
				body: new URLSearchParams(fields).toString(),
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: suite.server.baseUrl
				},
				redirect: 'manual'
			});
		const lang = async () =>
			/<html lang="(\w+)"/.exec(await (await staff.request('GET', '/reception')).text())?.[1];

		const toSpanish = await post({ language: 'es', back: '/reception/devices' });
		expect(toSpanish.status).toBe(303);
		expect(toSpanish.headers.get('location')).toBe('/reception/devices');
		// At `/`, so the admin pages speak it too; one from before at /reception is removed.
		const set = toSpanish.headers.getSetCookie();
		expect(set.find((c) => c.startsWith('fd_reception_lang=es;'))).toMatch(/Path=\/(;|$)/i);
		expect(set.find((c) => c.startsWith('fd_reception_lang=;'))).toMatch(/Path=\/reception/i);
		expect(await lang()).toBe('es');

		// Anything that is not a reception page goes back to the queue, never off-site.
		const offSite = await post({ language: 'en', back: 'https://example.org/' });
		expect(offSite.headers.get('location')).toBe('/reception');
		expect(await lang()).toBe('en');
		const login = await post({ language: 'xx', back: '/reception/login?next=x' });
		expect(login.headers.get('location')).toBe('/reception/login');
		expect(login.headers.get('set-cookie')).toBeNull();
		expect(await lang()).toBe('en');
	});
});
