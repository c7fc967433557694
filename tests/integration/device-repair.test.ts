import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { Client, pairAndEnroll, staffLogin } from './support/clients';
import { postAction } from './support/actions';
import { SseStream } from './support/sse';

/**
 * Issue 11: "Pair again" on the Devices page, for a TV or tablet whose browser data was wiped or
 * a new one in its place. The old device works until the new pairing is done; then it is
 * revoked in the same transaction, its live stream ends and its token is refused.
 */
describe.each(dialects)('pairing a device again (%s)', (dialect) => {
	const suite = useServer(dialect);

	it('the new device takes the old one’s name and place; the old one is cut off at once', async () => {
		const admin = await staffLogin(suite.server, 'admin');
		const old = await pairAndEnroll(suite.server, suite.staff, 'display', 'Lobby TV');
		const url = `${suite.server.baseUrl}/api/events?audience=display`;
		const stream = await SseStream.open(url, { cookie: old.client.cookieHeader });
		await stream.snapshot();

		// Another site's desk cannot; this site's admin gets a code for the same name.
		const east = await staffLogin(suite.server, 'reception-east');
		const refused = await postAction(suite.server, east, '/reception/devices', 'repair', {
			id: old.deviceId
		});
		expect(refused.status).toBe(404);
		const answer = await postAction(suite.server, admin, '/reception/devices', 'repair', {
			id: old.deviceId
		});
		expect(answer).toMatchObject({ type: 'success', status: 200 });
		const pairing = answer.data?.pairing as { code: string; kind: string; name: string };
		expect(pairing).toMatchObject({ kind: 'display', name: 'Lobby TV' });
		// Until the code is used, the old TV carries on.
		await old.client.expectJson('GET', '/api/queue/snapshot?audience=display', 200);

		const replacement = new Client(suite.server.baseUrl);
		const enrolled = await replacement.expectJson<{ deviceId: string }>(
			'POST',
			'/api/devices/enroll',
			200,
			{ json: { code: pairing.code, kind: 'display' } }
		);
		expect(enrolled.deviceId).not.toBe(old.deviceId);
		await stream.endedByServer(3000);
		expect((await old.client.request('GET', '/api/queue/snapshot?audience=display')).status).toBe(
			401
		);
		await replacement.expectJson('GET', '/api/queue/snapshot?audience=display', 200);

		const devices = await suite.db
			.selectFrom('devices')
			.select(['id', 'name', 'revoked_at'])
			.where('id', 'in', [old.deviceId, enrolled.deviceId])
			.execute();
		expect(devices.find((d) => d.id === old.deviceId)?.revoked_at).not.toBeNull();
		expect(devices.find((d) => d.id === enrolled.deviceId)).toMatchObject({
			name: 'Lobby TV',
			revoked_at: null
		});
		const audit = await suite.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'detail'])
			.where('action', 'in', ['device.re-pair', 'device.replace'])
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{ action: 'device.re-pair', actor_id: 'main-admin', detail: expect.any(String) },
			{
				action: 'device.replace',
				actor_id: enrolled.deviceId,
				detail: expect.stringContaining(`"replaced":"${old.deviceId}"`)
			}
		]);
		// The used code cannot pair a third device.
		const third = await new Client(suite.server.baseUrl).request('POST', '/api/devices/enroll', {
			json: { code: pairing.code, kind: 'display' }
		});
		expect(third.status).toBeGreaterThanOrEqual(400);
	});
});
