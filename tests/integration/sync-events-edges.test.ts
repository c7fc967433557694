import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEntryId } from '$lib/queue/entry-id';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	Client,
	checkInOp,
	pairAndEnroll,
	pairingCode,
	syncOne,
	syncOps,
	type Appointment,
	type EnrolledDevice
} from './support/clients';
import { openWriter, type Reader } from './support/db';
import { SseStream } from './support/sse';

const HEARTBEAT_MS = 300;

describe.each(dialects)('sync refusals, rollback and stream edges (%s)', (dialect) => {
	// A short heartbeat, so the test sees one without waiting the production 15 s.
	const suite = useServer(dialect, { SSE_HEARTBEAT_MS: String(HEARTBEAT_MS) });
	let kiosk: EnrolledDevice;
	let writer: Reader;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		writer = openWriter(suite.server);
	});
	afterAll(() => writer?.destroy());

	/**
	 * A copy of a seeded appointment under a new id. Written straight into the database: no API
	 * books an appointment on another day or at another site.
	 */
	async function copyAppointment(
		source: Appointment,
		change: { site_day?: string; site_id?: string }
	): Promise<string> {
		const row = await writer
			.selectFrom('appointments')
			.selectAll()
			.where('id', '=', source.id)
			.executeTakeFirstOrThrow();
		// Appointment ids are 4–16 letters and digits.
		const id = `${source.id.slice(0, 10)}${change.site_day ? 'Day' : 'Site'}`;
		await writer
			.insertInto('appointments')
			.values({ ...row, ...change, id })
			.execute();
		return id;
	}

	const command = (command: string, entryId: string, roomId?: string) =>
		suite.staff.expectJson('POST', '/api/staff/queue', 200, {
			json: { command, entryId, ...(roomId ? { roomId } : {}) }
		});

	it('refuses an appointment of another day, of another site, and a completed visit', async () => {
		const yesterday = await copyAppointment(suite.freshAppointment(), { site_day: '2000-01-01' });
		expect(await syncOne(kiosk.client, checkInOp(yesterday))).toMatchObject({
			outcome: 'rejected',
			reason: 'not-today'
		});
		const elsewhere = await copyAppointment(suite.freshAppointment(), { site_id: 'elsewhere' });
		expect(await syncOne(kiosk.client, checkInOp(elsewhere))).toMatchObject({
			outcome: 'rejected',
			reason: 'unknown-appointment'
		});

		const done = suite.freshAppointment();
		const first = await syncOne(kiosk.client, checkInOp(done.id));
		expect(first.outcome).toBe('applied');
		await command('call', first.entryId as string, 'main-room-1');
		await command('complete', first.entryId as string);
		// A second kiosk op for the same visit (a new op, not a resend) after the visit ended.
		expect(await syncOne(kiosk.client, checkInOp(done.id))).toMatchObject({
			outcome: 'rejected',
			reason: 'appointment-completed'
		});
		const queued = await suite.db
			.selectFrom('queue_entries')
			.select('id')
			.where('appointment_id', 'in', [yesterday, elsewhere])
			.execute();
		expect(queued).toEqual([]);
	});

	it('rolls back only the op that failed and leaves it and the rest for the retry', async () => {
		const [a, b, c] = [
			suite.freshAppointment(),
			suite.freshAppointment(),
			suite.freshAppointment()
		];
		const ops = [checkInOp(a.id), checkInOp(b.id), checkInOp(c.id)];
		// Make b's check-in fail inside the server: a walk-in already holds the queue entry id
		// its check-in would take (made from its op id). Nothing in the API can cause that.
		const blocker = queueEntryId(ops[1].id);
		const sample = await writer
			.selectFrom('appointments')
			.select(['site_day', 'provider_id'])
			.where('id', '=', b.id)
			.executeTakeFirstOrThrow();
		await writer
			.insertInto('queue_entries')
			.values({
				id: blocker,
				site_id: 'elsewhere',
				site_day: sample.site_day,
				appointment_id: null,
				ticket: 'W-999',
				provider_id: sample.provider_id,
				slot_at: null,
				duration_min: 15,
				arrived_at: Date.now(),
				source: 'desk',
				status: 'waiting',
				called_at: null,
				room_id: null,
				in_room_at: null,
				completed_at: null,
				created_by_op: null
			})
			.execute();
		const { results } = await syncOps(kiosk.client, ops);
		// a is answered and committed; b and c get no answer, so the kiosk keeps them in order.
		expect(results).toEqual([expect.objectContaining({ id: ops[0].id, outcome: 'applied' })]);
		const claimed = await suite.db
			.selectFrom('ops')
			.select('op_id')
			.where(
				'op_id',
				'in',
				ops.map((op) => op.id)
			)
			.execute();
		expect(claimed.map((r) => r.op_id)).toEqual([ops[0].id]);
		const appointmentStatus = async (id: string) =>
			(
				await suite.db
					.selectFrom('appointments')
					.select('status')
					.where('id', '=', id)
					.executeTakeFirstOrThrow()
			).status;
		expect(await appointmentStatus(a.id)).toBe('arrived');
		expect(await appointmentStatus(b.id)).toBe('booked');

		await writer.deleteFrom('queue_entries').where('id', '=', blocker).execute();
		const retry = await syncOps(kiosk.client, ops.slice(1));
		expect(retry.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
		expect(await appointmentStatus(b.id)).toBe('arrived');
	});

	it('sends a fresh snapshot instead of a replay to a client more than 1000 events behind', async () => {
		const before = Number(
			(
				await suite.db
					.selectFrom('events')
					.select((eb) => eb.fn.max('id').as('max'))
					.executeTakeFirstOrThrow()
			).max
		);
		// A thousand and one events while this client was away: written directly, as a busy
		// day's worth of changes that no test could make one by one in reasonable time.
		await writer
			.insertInto('events')
			.values(
				Array.from({ length: 1001 }, (_, i) => ({
					site_id: 'main',
					type: 'appointment.changed',
					payload: JSON.stringify({ appointmentId: `old-${i}` }),
					created_at: Date.now()
				}))
			)
			.execute();
		// A check-in wakes the server's event reader, which then reads past all of them.
		const checkedIn = await syncOne(kiosk.client, checkInOp(suite.freshAppointment().id));
		expect(checkedIn.outcome).toBe('applied');

		const url = `${suite.server.baseUrl}/api/events?audience=reception`;
		const behind = await SseStream.open(url, {
			cookie: suite.staff.cookieHeader,
			headers: { 'last-event-id': String(before) }
		});
		try {
			const { id, snapshot } = await behind.snapshot();
			expect(id).toBeGreaterThan(before + 1001);
			expect(snapshot.entries.map((e) => e.entryId)).toContain(checkedIn.entryId);
			expect(behind.messages[0].event).toBe('snapshot');
		} finally {
			await behind.close();
		}
	});

	it('sends heartbeats on an idle stream at the configured interval', async () => {
		const response = await fetch(`${suite.server.baseUrl}/api/events?audience=reception`, {
			headers: { cookie: suite.staff.cookieHeader, accept: 'text/event-stream' }
		});
		expect(response.status).toBe(200);
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		const decoder = new TextDecoder();
		let text = '';
		try {
			// Two heartbeats: the interval repeats, it is not a one-off greeting.
			while ((text.match(/^: heartbeat \d+$/gm) ?? []).length < 2) {
				const { done, value } = await reader.read();
				expect(done).toBe(false);
				text += decoder.decode(value, { stream: true });
			}
		} finally {
			await reader.cancel();
		}
		const beats = [...text.matchAll(/^: heartbeat (\d+)$/gm)].map((m) => Number(m[1]));
		expect(beats[1] - beats[0]).toBeGreaterThanOrEqual(HEARTBEAT_MS - 50);
	});

	it('refuses an expired pairing code with its own reason, enrolling nothing', async () => {
		const name = `expired ${dialect}`;
		const { code } = await pairingCode(suite.staff, 'kiosk', name);
		// Ten minutes is a long wait for a test: the code's expiry is moved into the past instead.
		await writer
			.updateTable('pairing_codes')
			.set({ expires_at: Date.now() - 1000 })
			.where('name', '=', name)
			.execute();
		const device = new Client(suite.server.baseUrl);
		const body = await device.expectJson<{ message: string; code: string }>(
			'POST',
			'/api/devices/enroll',
			409,
			{ json: { code, kind: 'kiosk' } }
		);
		expect(body).toMatchObject({ code: 'expired', message: expect.stringContaining('expired') });
		expect(device.cookie('fd_kiosk')).toBeUndefined();
		const devices = await suite.db
			.selectFrom('devices')
			.select('id')
			.where('name', '=', name)
			.execute();
		expect(devices).toEqual([]);
	});

	it('sets the security headers on pages, API answers and errors', async () => {
		const client = new Client(suite.server.baseUrl);
		for (const path of ['/kiosk', '/reception/login', '/api/health', '/api/no-such-route']) {
			const response = await client.request('GET', path);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
		}
		// The printable letter is opened in a frame for printing: same-origin framing only.
		const letterPage = await suite.staff.request(
			'GET',
			`/reception/letters/${suite.appointments[0].id}`
		);
		expect(letterPage.status).toBe(200);
		expect(letterPage.headers.get('x-content-type-options')).toBe('nosniff');
		expect(letterPage.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		expect(letterPage.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
		expect(letterPage.headers.get('cache-control')).toBe('no-store');
	});

	it('keeps the camera to the kiosk, frames to nobody, patient data out of caches, static files too', async () => {
		const client = new Client(suite.server.baseUrl);
		const kiosk = await client.request('GET', '/kiosk');
		expect(kiosk.status).toBe(200);
		expect(kiosk.headers.get('permissions-policy')).toContain('camera=(self)');
		expect(kiosk.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		for (const path of ['/favicon.svg', '/_app/version.json', '/display', '/reception/login']) {
			const response = await client.request('GET', path);
			expect(response.status, path).toBe(200);
			expect(response.headers.get('content-security-policy'), path).toContain(
				"frame-ancestors 'none'"
			);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
		}
		for (const path of [
			'/api/staff/appointments',
			'/api/queue/snapshot?audience=reception',
			'/reception'
		]) {
			const response = await suite.staff.request('GET', path);
			expect(response.status, path).toBe(200);
			expect(response.headers.get('cache-control'), path).toBe('no-store');
		}
		// Served over plain HTTP here: no HSTS, which would lock a LAN without certificates out.
		expect(kiosk.headers.get('strict-transport-security')).toBeNull();
	});

	it('lets no script run but this server’s own: a nonce per rendered page, hashes in the kiosk shell', async () => {
		/** The script-src of a policy, and every inline <script> of the page it came with. */
		const scriptPolicy = (policy: string) =>
			policy
				.split(';')
				.map((d) => d.trim())
				.find((d) => d.startsWith('script-src ')) ?? '';
		const inlineScripts = (html: string) =>
			[...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter(
				([, , body]) => body.trim() !== ''
			);

		const pages: [Client, string][] = [
			[new Client(suite.server.baseUrl), '/reception/login'],
			[suite.staff, '/reception'],
			[new Client(suite.server.baseUrl), '/display']
		];
		const nonces = new Set<string>();
		for (const [client, path] of pages) {
			const response = await client.request('GET', path);
			expect(response.status, path).toBe(200);
			const policy = response.headers.get('content-security-policy') ?? '';
			const scripts = scriptPolicy(policy);
			expect(scripts, path).toMatch(/^script-src 'self' 'wasm-unsafe-eval' 'nonce-[\w+/=-]+'$/);
			expect(policy, path).toContain("object-src 'none'");
			expect(policy, path).toContain("frame-ancestors 'none'");
			const nonce = /'nonce-([\w+/=-]+)'/.exec(scripts)?.[1] ?? '';
			nonces.add(nonce);
			const html = await response.text();
			const inline = inlineScripts(html);
			expect(inline.length, path).toBeGreaterThan(0);
			for (const [, attributes] of inline) expect(attributes, path).toContain(`nonce="${nonce}"`);
		}
		expect(nonces.size, 'a fresh nonce for every page').toBe(pages.length);

		// The prerendered kiosk shell carries its policy as a <meta>, with a hash per inline script.
		const kiosk = await new Client(suite.server.baseUrl).request('GET', '/kiosk');
		const html = await kiosk.text();
		const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
		expect(meta).toBeDefined();
		const scripts = scriptPolicy(meta ?? '');
		expect(scripts).not.toContain('unsafe-inline');
		const hashes = [...scripts.matchAll(/'sha256-([\w+/=]+)'/g)].map(([, hash]) => hash);
		const inline = inlineScripts(html);
		expect(inline.length).toBeGreaterThan(0);
		for (const [, , body] of inline) {
			expect(hashes).toContain(createHash('sha256').update(body).digest('base64'));
		}
		// frame-ancestors cannot live in a <meta>: the header brings it.
		expect(kiosk.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	});
});
