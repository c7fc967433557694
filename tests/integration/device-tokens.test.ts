import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { Client, pairAndEnroll, type ApiError } from './support/clients';
import { openWriter, type Reader } from './support/db';

const DAY = 86_400_000;

/** Issue 12: device tokens are replaced on a schedule, without pairing again and without a gap. */
describe.each(dialects)('device tokens that rotate (%s)', (dialect) => {
	const suite = useServer(dialect);
	// Setup only: a token cannot be made a month old through the API.
	let writer: Reader;
	beforeAll(() => {
		writer = openWriter(suite.server);
	});
	afterAll(async () => {
		await writer?.destroy();
	});

	const bearer = (token: string) => {
		const client = new Client(suite.server.baseUrl);
		return (path: string, status: number) =>
			client.expectJson<ApiError>('GET', path, status, {
				headers: { authorization: `Bearer ${token}` }
			});
	};

	it('gives a kiosk a new token after 30 days; the old one works a week more, then never', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const first = kiosk.token;
		// A fresh token is not replaced.
		await kiosk.client.expectJson('GET', '/api/kiosk/bootstrap', 200);
		expect(kiosk.client.cookie('fd_kiosk')).toBe(first);

		await writer
			.updateTable('devices')
			.set({ token_issued_at: Date.now() - 31 * DAY, enrolled_at: Date.now() - 31 * DAY })
			.where('id', '=', kiosk.deviceId)
			.execute();
		await kiosk.client.expectJson('GET', '/api/kiosk/bootstrap', 200);
		const second = kiosk.client.cookie('fd_kiosk');
		expect(second).toBeDefined();
		expect(second).not.toBe(first);
		// The kiosk goes on with its new cookie, and nothing was paired again.
		await kiosk.client.expectJson('GET', '/api/kiosk/roster', 200);
		expect(kiosk.client.cookie('fd_kiosk')).toBe(second);
		const rotated = await suite.db
			.selectFrom('audit_log')
			.select(['actor_id', 'action'])
			.where('action', '=', 'device.token-rotated')
			.where('actor_id', '=', kiosk.deviceId)
			.execute();
		expect(rotated).toHaveLength(1);

		// A request still in flight with the old token is honoured (a Bearer client keeps it).
		await bearer(first)('/api/kiosk/bootstrap', 200);
		await writer
			.updateTable('devices')
			.set({ previous_token_until: Date.now() - 1 })
			.where('id', '=', kiosk.deviceId)
			.execute();
		const refused = await bearer(first)('/api/kiosk/bootstrap', 401);
		expect(refused.code).toBe('not-enrolled');
		await kiosk.client.expectJson('GET', '/api/kiosk/bootstrap', 200);
	});

	it('re-issues when the new token never arrived, and drops the one that was lost', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const first = kiosk.token;
		await writer
			.updateTable('devices')
			.set({ token_issued_at: Date.now() - 31 * DAY, enrolled_at: Date.now() - 31 * DAY })
			.where('id', '=', kiosk.deviceId)
			.execute();
		// The answer that carried the new token is lost: a client that drops its cookies.
		const lost = new Client(suite.server.baseUrl);
		const answer = await lost.request('GET', '/api/kiosk/bootstrap', {
			headers: { cookie: `fd_kiosk=${first}` }
		});
		expect(answer.status).toBe(200);
		const neverUsed = lost.cookie('fd_kiosk');
		expect(neverUsed).toBeDefined();
		expect(neverUsed).not.toBe(first);

		// Within the first minute the old token is simply honoured (requests in flight)…
		await kiosk.client.expectJson('GET', '/api/kiosk/bootstrap', 200);
		expect(kiosk.client.cookie('fd_kiosk')).toBe(first);
		// …after it, the kiosk still on its old token gets another new one.
		await writer
			.updateTable('devices')
			.set({ token_issued_at: Date.now() - 2 * 60_000 })
			.where('id', '=', kiosk.deviceId)
			.execute();
		await kiosk.client.expectJson('GET', '/api/kiosk/bootstrap', 200);
		const third = kiosk.client.cookie('fd_kiosk');
		expect(third).not.toBe(first);
		expect(third).not.toBe(neverUsed);
		await bearer(neverUsed ?? '')('/api/kiosk/bootstrap', 401);
		await kiosk.client.expectJson('GET', '/api/kiosk/roster', 200);
	});

	it('a removed device gets nothing with any of its tokens', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
		const first = kiosk.token;
		await writer
			.updateTable('devices')
			.set({ token_issued_at: Date.now() - 31 * DAY, enrolled_at: Date.now() - 31 * DAY })
			.where('id', '=', kiosk.deviceId)
			.execute();
		await kiosk.client.expectJson('GET', '/api/kiosk/bootstrap', 200);
		const second = kiosk.client.cookie('fd_kiosk') ?? '';
		const removed = await suite.staff.request('POST', '/reception/devices?/remove', {
			body: new URLSearchParams({ id: kiosk.deviceId }).toString(),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: suite.server.baseUrl,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			}
		});
		expect(removed.status).toBe(200);
		await bearer(first)('/api/kiosk/bootstrap', 401);
		await bearer(second)('/api/kiosk/bootstrap', 401);
	});
});
