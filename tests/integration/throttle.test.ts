import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { Client, pairingCode, type ApiError } from './support/clients';
import { PASSWORD } from './support/server';

/** Six digits that are not `taken`: a guess that cannot be right. */
function wrongCode(taken: string[], n: number): string {
	let code = String(100000 + ((n * 7919) % 900000));
	while (taken.includes(code)) code = String(Number(code) + 1);
	return code;
}

describe.each(dialects)('nobody gets in by guessing (%s)', (dialect) => {
	const suite = useServer(dialect);

	async function auditCount(action: string): Promise<number> {
		const rows = await suite.db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', action)
			.execute();
		return rows.length;
	}

	it('voids a live code after five wrong ones, slows a guesser after ten, and a restart changes neither', async () => {
		const guesser = new Client(suite.server.baseUrl);
		const live = await pairingCode(suite.staff, 'kiosk', 'Lobby kiosk');
		const enroll = (code: string, status: number) =>
			guesser.expectJson<ApiError>('POST', '/api/devices/enroll', status, {
				json: { code, kind: 'kiosk' }
			});
		for (let i = 0; i < 5; i++) {
			expect(await enroll(wrongCode([live.code], i), 404)).toMatchObject({ code: 'unknown-code' });
		}
		// Five guesses at a million codes: the live code no longer pairs anything, even typed right.
		expect(await enroll(live.code, 409)).toMatchObject({ code: 'voided' });

		for (let i = 5; i < 9; i++) await enroll(wrongCode([live.code], i), 404);
		const tenth = await guesser.request('POST', '/api/devices/enroll', {
			json: { code: wrongCode([live.code], 9), kind: 'kiosk' }
		});
		expect(tenth.status).toBe(429);
		expect(Number(tenth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(await tenth.json()).toMatchObject({ code: 'throttled' });

		// Slowed down: even a fresh, right code waits, from this address.
		const fresh = await pairingCode(suite.staff, 'kiosk', 'Hallway kiosk');
		expect(await enroll(fresh.code, 429)).toMatchObject({ code: 'throttled' });
		await suite.server.restart();
		expect(await enroll(fresh.code, 429)).toMatchObject({ code: 'throttled' });
		expect(await auditCount('device.pair-failed')).toBe(10);
		const devices = await suite.db.selectFrom('devices').select('id').execute();
		expect(devices).toEqual([]);
	});

	it('locks a username after five wrong passwords, even for the right one, and audits each step', async () => {
		const browser = new Client(suite.server.baseUrl);
		const signIn = (username: string, password: string) =>
			browser.request('POST', '/api/staff/session', { json: { username, password } });
		for (let i = 0; i < 4; i++) {
			expect((await signIn('reception', `guess-${i}`)).status).toBe(401);
		}
		const fifth = await signIn('Reception ', 'guess-4');
		expect(fifth.status).toBe(429);
		expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(60);
		expect(await fifth.json()).toMatchObject({ code: 'locked' });
		expect((await signIn('reception', PASSWORD)).status).toBe(429);
		expect(browser.cookie('fd_session')).toBeUndefined();

		await suite.server.restart();
		expect((await signIn('reception', PASSWORD)).status).toBe(429);
		// Another user at the same desk is not locked out by a colleague's typos.
		expect((await signIn('admin', PASSWORD)).status).toBe(200);

		expect(await auditCount('sign-in.failed')).toBe(5);
		expect(await auditCount('sign-in.lockout')).toBe(1);
		expect(await auditCount('sign-in.refused-locked')).toBe(2);
		const signedIn = await suite.db
			.selectFrom('audit_log')
			.select(['actor_id', 'ip'])
			.where('action', '=', 'sign-in')
			.execute();
		expect(signedIn.map((row) => row.actor_id)).toContain('main-admin');
		expect(signedIn.every((row) => row.ip)).toBe(true);
	});

	it('gives a new session id at each sign-in and ends the one the browser had', async () => {
		const browser = new Client(suite.server.baseUrl);
		const signIn = () =>
			browser.expectJson('POST', '/api/staff/session', 200, {
				json: { username: 'admin', password: PASSWORD }
			});
		await signIn();
		const first = browser.cookie('fd_session');
		await browser.expectJson('GET', '/api/staff/appointments', 200);
		await signIn();
		const second = browser.cookie('fd_session');
		expect(second).toBeTruthy();
		expect(second).not.toBe(first);
		const old = new Client(suite.server.baseUrl);
		await old.expectJson('GET', '/api/staff/appointments', 401, {
			headers: { cookie: `fd_session=${first}` }
		});
		await browser.expectJson('GET', '/api/staff/appointments', 200);
	});
});
