// Pairing on record, the display's pairing form action, and staff renaming and removing devices
// through the Devices page's form actions, on each database. These post the way a browser's
// form does (urlencoded body, the page's own Origin), with and without `use:enhance`.
import { describe, expect, it, vi } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { Client, checkInOp, pairAndEnroll, pairingCode, type ApiError } from './support/clients';
import type { TestServer } from './support/server';
import type { Reader } from './support/db';

interface ActionResult {
	type: 'success' | 'failure' | 'redirect' | 'error';
	status: number;
	location?: string;
	/** devalue-encoded; the tests look for the reason code in it. */
	data?: string;
}

/** Posts a form to a page action as the enhanced form does (JSON answer). */
async function action(
	server: TestServer,
	client: Client,
	path: string,
	fields: Record<string, string>
): Promise<ActionResult> {
	const response = await client.request('POST', path, {
		body: new URLSearchParams(fields).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.baseUrl,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	expect(response.headers.get('content-type')).toContain('application/json');
	return (await response.json()) as ActionResult;
}

async function auditRows(db: Reader, action: string) {
	const rows = await db
		.selectFrom('audit_log')
		.select(['actor_type', 'actor_id', 'detail'])
		.where('action', '=', action)
		.orderBy('id', 'desc')
		.execute();
	return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

async function staffId(db: Reader): Promise<string> {
	const row = await db
		.selectFrom('staff_users')
		.select('id')
		.where('username', '=', 'reception')
		.executeTakeFirstOrThrow();
	return row.id;
}

describe.each(dialects)('pairing from the screen, rename and remove (%s)', (dialect) => {
	const suite = useServer(dialect);

	it('a display pairs through the pairing form action with a pasted "123 456", on record', async () => {
		const { code } = await pairingCode(suite.staff, 'display', 'Hall TV');
		const tv = new Client(suite.server.baseUrl);
		const result = await action(suite.server, tv, '/display?/pair', {
			code: `${code.slice(0, 3)} ${code.slice(3)}`
		});
		expect(result).toMatchObject({ type: 'redirect', location: '/display?paired' });
		expect(tv.cookie('fd_display')).toBeTruthy();

		const device = await suite.db
			.selectFrom('devices')
			.select(['id', 'name', 'paired_by', 'enrolled_at'])
			.where('name', '=', 'Hall TV')
			.executeTakeFirstOrThrow();
		expect(device.paired_by).toBe(await staffId(suite.db));
		const [paired] = (await auditRows(suite.db, 'device.pair')).filter(
			(r) => r.actor_id === device.id
		);
		expect(paired).toMatchObject({
			actor_type: 'device',
			detail: { kind: 'display', name: 'Hall TV', codeCreatedBy: device.paired_by }
		});
	});

	it('a plain form post (no JavaScript) pairs the display and redirects to the board', async () => {
		const { code } = await pairingCode(suite.staff, 'display', 'TV without scripts');
		// Plain fetch with redirects kept manual: a browser's own form post, step by step.
		const response = await fetch(new URL('/display?/pair', suite.server.baseUrl), {
			method: 'POST',
			redirect: 'manual',
			body: new URLSearchParams({ code }).toString(),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: suite.server.baseUrl
			}
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/display?paired');
		const cookie = response.headers
			.getSetCookie()
			.map((line) => line.split(';')[0])
			.find((pair) => pair.startsWith('fd_display='));
		expect(cookie).toBeTruthy();
		const paired = await fetch(new URL('/display?paired', suite.server.baseUrl), {
			redirect: 'manual',
			headers: { cookie: cookie! }
		});
		expect(paired.status).toBe(303);
		expect(paired.headers.get('location')).toBe('/display');
		const board = await fetch(new URL('/display', suite.server.baseUrl), {
			headers: { cookie: cookie! }
		});
		expect(await board.text()).toContain('data-testid="display-board"');
		// Without the cookie (a browser that refused it) the same address says so.
		const dropped = await fetch(new URL('/display?paired', suite.server.baseUrl));
		expect(await dropped.text()).toContain('did not keep the pairing');
	});

	it('the display form answers wrong, used, wrong-kind and malformed codes with reason codes', async () => {
		const used = await pairingCode(suite.staff, 'display', 'Used TV');
		await action(suite.server, new Client(suite.server.baseUrl), '/display?/pair', {
			code: used.code
		});
		const kiosk = await pairingCode(suite.staff, 'kiosk', 'Not a TV');
		const cases: [string, number, string][] = [
			['000000', 404, 'unknown-code'],
			[used.code, 409, 'used'],
			[kiosk.code, 409, 'wrong-kind'],
			['12 34', 400, 'format'],
			['12a456', 400, 'format']
		];
		for (const [code, status, reason] of cases) {
			const client = new Client(suite.server.baseUrl);
			const result = await action(suite.server, client, '/display?/pair', { code });
			expect(result, code).toMatchObject({ type: 'failure', status });
			expect(result.data, code).toContain(`"${reason}"`);
			expect(client.cookie('fd_display')).toBeUndefined();
		}
	});

	it('staff rename a kiosk; it is audited and the kiosk sees its new name', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Old name');
		const result = await action(suite.server, suite.staff, '/reception/devices?/rename', {
			id: kiosk.deviceId,
			name: '  Kiosk by the stairs  '
		});
		expect(result).toMatchObject({ type: 'success', status: 200 });
		const bootstrap = await kiosk.client.expectJson<{ device: { name: string } }>(
			'GET',
			'/api/kiosk/bootstrap',
			200
		);
		expect(bootstrap.device.name).toBe('Kiosk by the stairs');
		const [renamed] = await auditRows(suite.db, 'device.rename');
		expect(renamed).toMatchObject({
			actor_type: 'staff',
			actor_id: await staffId(suite.db),
			detail: { deviceId: kiosk.deviceId, from: 'Old name', to: 'Kiosk by the stairs' }
		});
		const empty = await action(suite.server, suite.staff, '/reception/devices?/rename', {
			id: kiosk.deviceId,
			name: '   '
		});
		expect(empty).toMatchObject({ type: 'failure', status: 400 });
		expect(empty.data).toContain('"name-invalid"');
	});

	it('staff remove a kiosk: its token is refused at once, it is audited, and removing twice is 404', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'To remove');
		const eventsBefore = await suite.db
			.selectFrom('events')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('type', '=', 'device.changed')
			.executeTakeFirstOrThrow();
		const result = await action(suite.server, suite.staff, '/reception/devices?/remove', {
			id: kiosk.deviceId
		});
		expect(result).toMatchObject({ type: 'success', status: 200 });

		for (const [method, path, options] of [
			['GET', '/api/kiosk/bootstrap', {}],
			['GET', '/api/kiosk/roster', {}],
			['POST', '/api/kiosk/sync', { json: { ops: [checkInOp(suite.freshAppointment().id)] } }]
		] as const) {
			const refused = await kiosk.client.expectJson<ApiError>(method, path, 401, options);
			expect(refused.code, `${method} ${path}`).toBe('not-enrolled');
		}
		const [removed] = await auditRows(suite.db, 'device.remove');
		expect(removed).toMatchObject({
			actor_type: 'staff',
			detail: { deviceId: kiosk.deviceId, kind: 'kiosk', name: 'To remove' }
		});
		// Reception's device list heard about it (one device.changed event).
		const eventsAfter = await suite.db
			.selectFrom('events')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('type', '=', 'device.changed')
			.executeTakeFirstOrThrow();
		expect(Number(eventsAfter.n)).toBe(Number(eventsBefore.n) + 1);

		const again = await action(suite.server, suite.staff, '/reception/devices?/remove', {
			id: kiosk.deviceId
		});
		expect(again).toMatchObject({ type: 'failure', status: 404 });
		expect(again.data).toContain('"not-found"');
		const renameRemoved = await action(suite.server, suite.staff, '/reception/devices?/rename', {
			id: kiosk.deviceId,
			name: 'Back from the dead'
		});
		expect(renameRemoved).toMatchObject({ type: 'failure', status: 404 });
	});

	it('signed out, rename and remove are sent to sign in and change nothing', async () => {
		const kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Kept');
		const stranger = new Client(suite.server.baseUrl);
		for (const [path, fields] of [
			['/reception/devices?/rename', { id: kiosk.deviceId, name: 'Hijacked' }],
			['/reception/devices?/remove', { id: kiosk.deviceId }]
		] as const) {
			const result = await action(suite.server, stranger, path, fields);
			expect(result.type, path).toBe('redirect');
			expect(result.location).toMatch(/^\/reception\/login/);
		}
		const row = await suite.db
			.selectFrom('devices')
			.select(['name', 'revoked_at'])
			.where('id', '=', kiosk.deviceId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ name: 'Kept', revoked_at: null });
		await kiosk.client.expectJson('GET', '/api/kiosk/bootstrap', 200);
	});
});

describe.each(dialects)('pairing codes expire after PAIRING_CODE_MINUTES (%s)', (dialect) => {
	// 0.02 minutes: a code lives 1.2 s on this server, so the test sees one expire.
	const suite = useServer(dialect, { PAIRING_CODE_MINUTES: '0.02' });

	it('an expired code is refused as "expired" by the API and the display form, and not burnt', async () => {
		const kiosk = await pairingCode(suite.staff, 'kiosk', 'Late kiosk');
		const tv = await pairingCode(suite.staff, 'display', 'Late TV');
		expect(kiosk.expiresAt - Date.now()).toBeLessThanOrEqual(1200);
		// Waits for the code's own deadline to pass (a condition, not a guessed delay).
		await vi.waitUntil(() => Date.now() > Math.max(kiosk.expiresAt, tv.expiresAt) + 20, {
			timeout: 5000,
			interval: 50
		});
		const refused = await new Client(suite.server.baseUrl).expectJson<ApiError>(
			'POST',
			'/api/devices/enroll',
			409,
			{ json: { code: kiosk.code, kind: 'kiosk' } }
		);
		expect(refused.code).toBe('expired');
		const form = await action(suite.server, new Client(suite.server.baseUrl), '/display?/pair', {
			code: tv.code
		});
		expect(form).toMatchObject({ type: 'failure', status: 409 });
		expect(form.data).toContain('"expired"');
		const devices = await suite.db
			.selectFrom('devices')
			.select('id')
			.where('name', 'in', ['Late kiosk', 'Late TV'])
			.execute();
		expect(devices).toEqual([]);
	});
});
