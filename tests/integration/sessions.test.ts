import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	Client,
	helpOp,
	pairAndEnroll,
	staffLogin,
	syncOne,
	type ApiError
} from './support/clients';
import { openWriter, type Reader } from './support/db';
import { SseStream } from './support/sse';

const IDLE_MS = 15 * 60_000;
const idHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Issue 12: a staff session ends after 15 minutes without activity, and whatever ends a session
 * or removes a device ends its open live streams at once.
 */
describe.each(dialects)('sessions and streams that end (%s)', (dialect) => {
	// Heartbeats (and the sweep of timed-out sessions that rides on them) every 300 ms.
	const suite = useServer(dialect, { SSE_HEARTBEAT_MS: '300' });
	// Setup only: a session cannot be made 16 minutes old through the API.
	let writer: Reader;
	beforeAll(() => {
		writer = openWriter(suite.server);
	});
	afterAll(async () => {
		await writer?.destroy();
	});

	const session = async (staff: Client) =>
		suite.db
			.selectFrom('sessions')
			.select(['created_at', 'last_active_at'])
			.where('id_hash', '=', idHash(staff.cookie('fd_session') ?? ''))
			.executeTakeFirst();

	async function age(staff: Client, idleForMs: number): Promise<void> {
		const at = Date.now() - idleForMs;
		await writer
			.updateTable('sessions')
			.set({ created_at: at, last_active_at: at })
			.where('id_hash', '=', idHash(staff.cookie('fd_session') ?? ''))
			.execute();
	}

	it('only what the user does keeps a session alive, never the page refreshing itself', async () => {
		const staff = await staffLogin(suite.server);
		await age(staff, 60_000);
		const before = await session(staff);
		// The live page's own reads: not activity.
		await staff.expectJson('GET', '/api/queue/snapshot?audience=reception', 200);
		await staff.expectJson('GET', '/api/staff/desk-lists', 200);
		expect(await session(staff)).toEqual(before);
		// The page's activity ping (a POST) is; it says when the session now ends.
		const sent = Date.now();
		const pinged = await staff.expectJson<{ idleEndsAt: number; serverTime: number }>(
			'POST',
			'/api/staff/session/activity',
			200,
			{ headers: { origin: suite.server.baseUrl } }
		);
		// A fresh 15 minutes (less the few ms between the hook and the answer).
		expect(pinged.idleEndsAt - pinged.serverTime).toBeGreaterThan(IDLE_MS - 5000);
		expect(pinged.idleEndsAt - pinged.serverTime).toBeLessThanOrEqual(IDLE_MS);
		expect(Number((await session(staff))?.last_active_at)).toBeGreaterThanOrEqual(sent - 1000);
		// So is opening a page.
		await age(staff, 60_000);
		// As a browser opens it (fetch() would send its own Sec-Fetch-Mode: cors).
		const status = await new Promise<number>((resolve, reject) => {
			const request = http.get(
				`${suite.server.baseUrl}/reception`,
				{ headers: { cookie: staff.cookieHeader, 'sec-fetch-mode': 'navigate' } },
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
				}
			);
			request.on('error', reject);
		});
		expect(status).toBe(200);
		expect(Number((await session(staff))?.last_active_at)).toBeGreaterThan(Date.now() - 30_000);
	});

	it('ends a session idle for 15 minutes at its next request: 401, and the row is gone', async () => {
		const staff = await staffLogin(suite.server);
		await age(staff, IDLE_MS - 60_000);
		await staff.expectJson('GET', '/api/staff/desk-lists', 200);
		await age(staff, IDLE_MS + 1000);
		const refused = await staff.expectJson<ApiError>('GET', '/api/staff/desk-lists', 401);
		expect(refused.code).toBe('signed-out');
		expect(await session(staff)).toBeUndefined();
		const page = await staff.request('GET', '/reception', { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/reception\/login/);
	});

	it('a timed-out session’s desk stream ends by itself, with nobody asking', async () => {
		const staff = await staffLogin(suite.server);
		const stream = await SseStream.open(`${suite.server.baseUrl}/api/events?audience=reception`, {
			cookie: staff.cookieHeader
		});
		await stream.snapshot();
		await age(staff, IDLE_MS + 1000);
		await stream.endedByServer();
		expect(await session(staff)).toBeUndefined();
	});

	it('signing out ends that session’s open stream at once, and only that one', async () => {
		const leaving = await staffLogin(suite.server);
		const staying = await staffLogin(suite.server);
		const url = `${suite.server.baseUrl}/api/events?audience=reception`;
		const ends = await SseStream.open(url, { cookie: leaving.cookieHeader });
		const goesOn = await SseStream.open(url, { cookie: staying.cookieHeader });
		try {
			await ends.snapshot();
			await goesOn.snapshot();
			const response = await leaving.request('DELETE', '/api/staff/session', {
				headers: { origin: suite.server.baseUrl }
			});
			expect(response.status).toBe(204);
			await ends.endedByServer();
			// The other session's stream still delivers: a help request reaches it.
			const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
			expect((await syncOne(kiosk.client, helpOp())).outcome).toBe('applied');
			await goesOn.waitForEvent((event) => event.type === 'help.changed');
		} finally {
			await goesOn.close();
		}
	});

	it('removing a display ends its open stream at once, and it cannot open another', async () => {
		const display = await pairAndEnroll(suite.server, suite.staff, 'display', 'Lobby TV');
		const url = `${suite.server.baseUrl}/api/events?audience=display`;
		const stream = await SseStream.open(url, { cookie: display.client.cookieHeader });
		await stream.snapshot();
		const removed = await suite.staff.request('POST', '/reception/devices?/remove', {
			body: new URLSearchParams({ id: display.deviceId }).toString(),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: suite.server.baseUrl,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			}
		});
		expect(removed.status).toBe(200);
		await stream.endedByServer();
		const again = await SseStream.open(url, { cookie: display.client.cookieHeader });
		expect(again.status).toBe(401);
	});
});
