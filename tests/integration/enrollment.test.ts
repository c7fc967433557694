import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	Client,
	checkInOp,
	pairAndEnroll,
	pairingCode,
	uuidv7,
	OneConnection,
	type ApiError,
	type RequestOptions
} from './support/clients';
import { fingerprint } from './support/db';

describe.each(dialects)('device enrollment and bad input (%s)', (dialect) => {
	const suite = useServer(dialect);

	/** Sends a request that must fail with `status`, and checks that nothing was written. */
	async function refused(
		client: Client,
		method: string,
		path: string,
		status: number,
		options: RequestOptions = {}
	): Promise<ApiError> {
		const before = await fingerprint(suite.db);
		const error = await client.expectJson<ApiError>(method, path, status, options);
		expect(error.message, 'every refusal says what was wrong').toMatch(/\w{3,}/);
		expect(await fingerprint(suite.db)).toEqual(before);
		return error;
	}

	it('enrolls a kiosk with a fresh code and lets it bootstrap', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Lobby kiosk');
		const bootstrap = await kiosk.client.expectJson<{
			device: { id: string; name: string };
			site: { siteId: string };
			jwks: { keys: { kid: string; kty: string; d?: string }[] };
		}>('GET', '/api/kiosk/bootstrap', 200);
		expect(bootstrap.device).toEqual({ id: kiosk.deviceId, name: 'Lobby kiosk' });
		expect(bootstrap.site.siteId).toBe('main');
		expect(bootstrap.jwks.keys.length).toBeGreaterThan(0);
		// Only public keys leave the server.
		for (const key of bootstrap.jwks.keys) expect(key).not.toHaveProperty('d');
		const roster = await kiosk.client.expectJson<{ siteId: string; entries: unknown[] }>(
			'GET',
			'/api/kiosk/roster',
			200
		);
		expect(roster.siteId).toBe('main');
		expect(roster.entries).toHaveLength(suite.appointments.length);
		// The roster is encrypted: no patient name in it.
		const text = JSON.stringify(roster);
		for (const a of suite.appointments) expect(text).not.toContain(a.patientName);
	});

	it('refuses a used code (409), an unknown code (404) and the wrong kind (409)', async () => {
		const { code } = await pairingCode(suite.staff, 'kiosk', 'Second kiosk');
		const first = new Client(suite.server.baseUrl);
		await first.expectJson('POST', '/api/devices/enroll', 200, { json: { code, kind: 'kiosk' } });

		const reused = await refused(
			new Client(suite.server.baseUrl),
			'POST',
			'/api/devices/enroll',
			409,
			{
				json: { code, kind: 'kiosk' }
			}
		);
		expect(reused.code).toBe('used');

		const unknown = code === '000000' ? '000001' : '000000';
		const missing = await refused(
			new Client(suite.server.baseUrl),
			'POST',
			'/api/devices/enroll',
			404,
			{
				json: { code: unknown, kind: 'kiosk' }
			}
		);
		expect(missing.code).toBe('unknown-code');

		const display = await pairingCode(suite.staff, 'display', 'Waiting room TV');
		const wrongKind = await refused(
			new Client(suite.server.baseUrl),
			'POST',
			'/api/devices/enroll',
			409,
			{ json: { code: display.code, kind: 'kiosk' } }
		);
		expect(wrongKind.code).toBe('wrong-kind');
		// Trying it as the wrong kind did not burn the code.
		const tv = new Client(suite.server.baseUrl);
		await tv.expectJson('POST', '/api/devices/enroll', 200, {
			json: { code: display.code, kind: 'display' }
		});
		expect(tv.cookie('fd_display')).toBeTruthy();
	});

	it('answers 400, 413 or 415 to malformed enrollment bodies', async () => {
		const client = new Client(suite.server.baseUrl);
		const json = { 'content-type': 'application/json' };
		const notJson = await refused(client, 'POST', '/api/devices/enroll', 400, {
			body: '{"code": "123456", "kind":',
			headers: json
		});
		expect(notJson.message).toContain('not valid JSON');
		const badCode = await refused(client, 'POST', '/api/devices/enroll', 400, {
			json: { code: '12a456', kind: 'kiosk' }
		});
		expect(badCode.message).toContain('code');
		const badKind = await refused(client, 'POST', '/api/devices/enroll', 400, {
			json: { code: '123456', kind: 'toaster' }
		});
		expect(badKind.message).toContain('kind');
		const extra = await refused(client, 'POST', '/api/devices/enroll', 400, {
			json: { code: '123456', kind: 'kiosk', admin: true }
		});
		expect(extra.message).toContain('admin');
		await refused(client, 'POST', '/api/devices/enroll', 400, { body: 'null', headers: json });
		await refused(client, 'POST', '/api/devices/enroll', 413, {
			json: { code: '123456', kind: 'kiosk', padding: 'x'.repeat(4096) }
		});
		await refused(client, 'POST', '/api/devices/enroll', 415, {
			body: 'code=123456&kind=kiosk',
			headers: { 'content-type': 'application/xml' }
		});
		// A form-encodable content type without an Origin is what a cross-site form would send:
		// SvelteKit's CSRF guard refuses it before the endpoint runs.
		await refused(client, 'POST', '/api/devices/enroll', 403, {
			body: '{"code":"123456","kind":"kiosk"}',
			headers: { 'content-type': 'text/plain', accept: 'application/json' }
		});
	});

	it('answers 401 to an unknown or wrong-kind device token, writing nothing', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const display = await pairAndEnroll(suite.server, suite.staff, 'display');
		const appointment = suite.appointments[0];
		const sync = { json: { ops: [checkInOp(appointment.id)] } };
		const strangers: [string, Record<string, string>][] = [
			['no token', {}],
			['unknown cookie', { cookie: 'fd_kiosk=not-a-real-device-token' }],
			['unknown bearer', { authorization: 'Bearer not-a-real-device-token' }],
			['display cookie', { cookie: `fd_kiosk=${display.token}` }],
			['display bearer', { authorization: `Bearer ${display.token}` }]
		];
		for (const [label, headers] of strangers) {
			const client = new Client(suite.server.baseUrl);
			for (const [method, path, options] of [
				['POST', '/api/kiosk/sync', sync],
				['GET', '/api/kiosk/bootstrap', {}],
				['GET', '/api/kiosk/roster', {}]
			] as const) {
				const error = await refused(client, method, path, 401, { ...options, headers });
				expect(error.code, `${label}: ${method} ${path}`).toBe('not-enrolled');
			}
		}
		// A kiosk token is not a display token either.
		await refused(
			new Client(suite.server.baseUrl),
			'GET',
			'/api/queue/snapshot?audience=display',
			401,
			{
				headers: { cookie: `fd_display=${kiosk.token}` }
			}
		);
	});

	it('rejects a malformed sync batch as a whole, applying none of it', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const good = checkInOp(suite.appointments[1].id);
		const bad = { ...checkInOp(suite.appointments[2].id), id: 'not-a-uuid' };
		const mixed = await refused(kiosk.client, 'POST', '/api/kiosk/sync', 400, {
			json: { ops: [good, bad] }
		});
		expect(mixed.message).toContain('UUIDv7');
		const v4 = { ...good, id: crypto.randomUUID() };
		await refused(kiosk.client, 'POST', '/api/kiosk/sync', 400, { json: { ops: [v4] } });
		const unknownType = { ...good, id: uuidv7(), type: 'delete-everything' };
		await refused(kiosk.client, 'POST', '/api/kiosk/sync', 400, { json: { ops: [unknownType] } });
		const badTime = checkInOp(suite.appointments[1].id, { arrivedAt: 12 });
		await refused(kiosk.client, 'POST', '/api/kiosk/sync', 400, { json: { ops: [badTime] } });
		await refused(kiosk.client, 'POST', '/api/kiosk/sync', 400, { json: { ops: 'all' } });
		await refused(kiosk.client, 'POST', '/api/kiosk/sync', 400, {
			json: { ops: Array.from({ length: 201 }, () => checkInOp(suite.appointments[1].id)) }
		});
		await refused(kiosk.client, 'POST', '/api/kiosk/sync', 413, {
			json: { ops: [good], status: { appVersion: 'x'.repeat(1600 * 1024) } }
		});
		await refused(kiosk.client, 'POST', '/api/kiosk/sync', 415, {
			body: JSON.stringify({ ops: [good] }),
			headers: { 'content-type': 'text/json' }
		});
		// The good op on its own still goes through afterwards: nothing was half-claimed.
		const accepted = await kiosk.client.expectJson<{ results: { outcome: string }[] }>(
			'POST',
			'/api/kiosk/sync',
			200,
			{ json: { ops: [good] } }
		);
		expect(accepted.results).toEqual([expect.objectContaining({ outcome: 'applied' })]);
	});

	it('keeps the connection usable after refusing a body it did not want', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const connection = new OneConnection(suite.server.baseUrl, {
			'content-type': 'application/json',
			authorization: `Bearer ${kiosk.token}`
		});
		try {
			const empty = JSON.stringify({ ops: [] });
			const tooBig = JSON.stringify({ ops: [], status: { appVersion: 'x'.repeat(1600 * 1024) } });
			expect((await connection.send('POST', '/api/kiosk/sync', tooBig)).status).toBe(413);
			for (let i = 0; i < 3; i++) {
				expect((await connection.send('POST', '/api/kiosk/sync', empty)).status).toBe(200);
			}
			const wrongType = new OneConnection(suite.server.baseUrl, {
				'content-type': 'application/x-ndjson',
				authorization: `Bearer ${kiosk.token}`
			});
			try {
				const padded = JSON.stringify({ ops: [], pad: 'x'.repeat(200 * 1024) });
				expect((await wrongType.send('POST', '/api/kiosk/sync', padded)).status).toBe(415);
				expect((await wrongType.send('GET', '/api/health')).status).toBe(200);
				expect((await wrongType.send('GET', '/api/health')).status).toBe(200);
			} finally {
				wrongType.close();
			}
		} finally {
			connection.close();
		}
	});
});
