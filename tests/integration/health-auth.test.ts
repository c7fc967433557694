import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { Client, staffLogin, type ApiError } from './support/clients';
import { count } from './support/db';

describe.each(dialects)('health and staff sign-in (%s)', (dialect) => {
	const suite = useServer(dialect);

	it('reports the database it runs on', async () => {
		const client = new Client(suite.server.baseUrl);
		const health = await client.expectJson<{ status: string; db: string; version: string }>(
			'GET',
			'/api/health',
			200
		);
		expect(health).toEqual({ status: 'ok', db: dialect, version: expect.any(String) });
	});

	it('signs staff in with the right password, as reception or admin', async () => {
		const client = new Client(suite.server.baseUrl);
		const body = await client.expectJson<{ user: { username: string; role: string } }>(
			'POST',
			'/api/staff/session',
			200,
			{ json: { username: 'reception', password: 'it-password' } }
		);
		expect(body.user).toMatchObject({ username: 'reception', role: 'reception', siteId: 'main' });
		expect(client.cookie('fd_session')).toMatch(/^[\w-]{20,}$/);
		const admin = await staffLogin(suite.server, 'admin');
		expect(admin.cookie('fd_session')).not.toBe(client.cookie('fd_session'));
	});

	it('refuses a wrong password and an unknown user alike, without a session', async () => {
		const sessions = await count(suite.db, 'sessions');
		for (const json of [
			{ username: 'reception', password: 'frontdesk-demo' },
			{ username: 'nobody', password: 'it-password' }
		]) {
			const client = new Client(suite.server.baseUrl);
			const error = await client.expectJson<ApiError>('POST', '/api/staff/session', 401, { json });
			expect(error).toEqual({ message: 'Wrong username or password.', code: 'bad-credentials' });
			expect(client.cookie('fd_session')).toBeUndefined();
		}
		const empty = await new Client(suite.server.baseUrl).expectJson<ApiError>(
			'POST',
			'/api/staff/session',
			400,
			{ json: { username: 'reception', password: '' } }
		);
		expect(empty.message).toContain('password');
		expect(await count(suite.db, 'sessions')).toBe(sessions);
	});

	it('answers 401 on every staff route without a session', async () => {
		const client = new Client(suite.server.baseUrl);
		const id = suite.appointments[0].id;
		const routes: [string, string, unknown?][] = [
			['GET', '/api/staff/appointments'],
			['GET', '/api/staff/devices'],
			['GET', `/api/staff/letters/${id}`],
			['POST', '/api/staff/pairing-codes', { kind: 'kiosk', name: 'Lobby' }],
			['POST', '/api/staff/queue', { command: 'call', entryId: `q-${id}`, roomId: 'main-room-1' }],
			['GET', '/api/queue/snapshot?audience=reception'],
			['GET', '/api/events?audience=reception']
		];
		for (const [method, path, json] of routes) {
			const error = await client.expectJson<ApiError>(method, path, 401, { json });
			expect(error.code, `${method} ${path}`).toBe('signed-out');
		}
	});

	it('signing out ends the session', async () => {
		const staff = await staffLogin(suite.server);
		const cookie = staff.cookieHeader;
		const response = await staff.request('DELETE', '/api/staff/session');
		expect(response.status).toBe(204);
		expect(staff.cookie('fd_session')).toBeUndefined();
		// The old cookie no longer opens anything, even if a client kept it.
		const stale = new Client(suite.server.baseUrl);
		await stale.expectJson('GET', '/api/staff/appointments', 401, { headers: { cookie } });
	});
});
