import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { Client, staffLogin } from './support/clients';
import { postAction } from './support/actions';
import { SseStream } from './support/sse';
import type { TestServer } from './support/server';

/**
 * Issue 11: an admin runs the site's staff accounts through /admin/users, posting the page's
 * forms as the browser does. A disabled account is signed out at once (its live stream too),
 * a reset password ends the old sessions, and no admin can lock the site out of its admin pages.
 */

const NEW_PASSWORD = 'desk-password-2026';

async function signInAnswer(server: TestServer, username: string, password: string) {
	const client = new Client(server.baseUrl);
	const response = await client.request('POST', '/api/staff/session', {
		json: { username, password }
	});
	await response.text();
	return { status: response.status, client };
}

describe.each(dialects)('staff accounts at /admin/users (%s)', (dialect) => {
	const suite = useServer(dialect);
	let admin: Client;
	const users = (client: Client, action: string, fields: Record<string, string>) =>
		postAction(suite.server, client, '/admin/users', action, fields);
	const account = (username: string) =>
		suite.db
			.selectFrom('staff_users')
			.selectAll()
			.where('username', '=', username)
			.executeTakeFirstOrThrow();
	const audits = (action: string) =>
		suite.db
			.selectFrom('audit_log')
			.select(['actor_id', 'detail'])
			.where('action', '=', action)
			.orderBy('id')
			.execute();

	beforeAll(async () => {
		admin = await staffLogin(suite.server, 'admin');
	});

	it('creates a receptionist who signs in at once, with the password stored hashed', async () => {
		const created = await users(admin, 'create', {
			username: ' Maria.Lopez ',
			displayName: 'María López',
			role: 'reception',
			password: NEW_PASSWORD
		});
		expect(created).toMatchObject({ type: 'success', status: 200 });
		expect(created.data?.done).toMatchObject({ kind: 'created', username: 'maria.lopez' });
		const row = await account('maria.lopez');
		expect(row).toMatchObject({ role: 'reception', site_id: 'main', disabled_at: null });
		expect(row.password_hash).toMatch(/^scrypt\$/);
		expect(row.password_hash).not.toContain(NEW_PASSWORD);
		const maria = await staffLogin(suite.server, 'maria.lopez', NEW_PASSWORD);
		await maria.expectJson('GET', '/api/staff/desk-lists', 200);
		expect((await audits('staff-user.create')).at(-1)).toMatchObject({ actor_id: 'main-admin' });

		// The same username again, and forms that are wrong, are refused and change nothing.
		const before = await suite.db.selectFrom('staff_users').select('id').execute();
		const again = await users(admin, 'create', {
			username: 'maria.lopez',
			displayName: 'Another',
			role: 'reception',
			password: NEW_PASSWORD
		});
		expect(again).toMatchObject({ type: 'failure', status: 409 });
		expect(again.data?.refusal).toBe('username-taken');
		const bad = [
			[{ username: 'x', displayName: 'X', role: 'reception', password: NEW_PASSWORD }, 'username'],
			[
				{ username: 'okname', displayName: ' ', role: 'reception', password: NEW_PASSWORD },
				'displayName'
			],
			[{ username: 'okname', displayName: 'Ok', role: 'owner', password: NEW_PASSWORD }, 'role'],
			[{ username: 'okname', displayName: 'Ok', role: 'admin', password: 'short' }, 'password']
		] as const;
		for (const [fields, field] of bad) {
			const refused = await users(admin, 'create', { ...fields });
			expect(refused.status, field).toBe(400);
			expect(refused.data?.refusal).toBe(`invalid-${field}`);
		}
		expect(await suite.db.selectFrom('staff_users').select('id').execute()).toEqual(before);
	});

	it('disabling signs the account out everywhere at once, its live stream too', async () => {
		const { id } = await account('maria.lopez');
		const maria = await staffLogin(suite.server, 'maria.lopez', NEW_PASSWORD);
		const stream = await SseStream.open(`${suite.server.baseUrl}/api/events?audience=reception`, {
			cookie: maria.cookieHeader
		});
		await stream.snapshot();

		const disabled = await users(admin, 'disable', { userId: id });
		expect(disabled.data?.done).toMatchObject({ kind: 'disabled', sessionsEnded: 2 });
		// At once: well before the stream's next heartbeat (15 s) would notice anything.
		await stream.endedByServer(3000);
		const desk = await maria.request('GET', '/api/staff/desk-lists');
		expect(desk.status).toBe(401);
		// The right password no longer signs in, and says no more than a wrong one would.
		const refused = await signInAnswer(suite.server, 'maria.lopez', NEW_PASSWORD);
		const wrong = await signInAnswer(suite.server, 'maria.lopez', 'not-her-password');
		expect(refused.status).toBe(wrong.status);
		expect(refused.status).toBeGreaterThanOrEqual(400);
		expect((await account('maria.lopez')).disabled_at).not.toBeNull();
		expect((await audits('staff-user.disable')).at(-1)?.detail).toContain('"sessionsEnded":2');

		expect((await users(admin, 'enable', { userId: id })).data?.done).toMatchObject({
			kind: 'enabled'
		});
		await staffLogin(suite.server, 'maria.lopez', NEW_PASSWORD);
	});

	it('a reset password ends the old sessions; only the new password signs in', async () => {
		const { id } = await account('maria.lopez');
		const maria = await staffLogin(suite.server, 'maria.lopez', NEW_PASSWORD);
		const reset = await users(admin, 'password', { userId: id, password: 'a-brand-new-one' });
		expect(reset.data?.done).toMatchObject({ kind: 'password' });
		expect((await maria.request('GET', '/api/staff/desk-lists')).status).toBe(401);
		expect((await signInAnswer(suite.server, 'maria.lopez', NEW_PASSWORD)).status).toBe(401);
		await staffLogin(suite.server, 'maria.lopez', 'a-brand-new-one');
		const short = await users(admin, 'password', { userId: id, password: 'short' });
		expect(short.data?.refusal).toBe('invalid-password');
		expect((await audits('staff-user.password-reset')).at(-1)?.detail).not.toContain('brand');
	});

	it('a role change holds from the next request: made admin, then back to the desk', async () => {
		const { id } = await account('maria.lopez');
		const maria = await staffLogin(suite.server, 'maria.lopez', 'a-brand-new-one');
		expect((await maria.request('GET', '/admin/users', { redirect: 'manual' })).status).toBe(403);
		await users(admin, 'role', { userId: id, role: 'admin' });
		expect((await maria.request('GET', '/admin/users', { redirect: 'manual' })).status).toBe(200);
		await users(admin, 'role', { userId: id, role: 'reception' });
		// The same session, demoted: refused on the page and on every action.
		expect((await maria.request('GET', '/admin/users', { redirect: 'manual' })).status).toBe(403);
		const tried = await users(maria, 'role', { userId: id, role: 'admin' });
		expect(tried.status).toBe(403);
		expect((await account('maria.lopez')).role).toBe('reception');
		expect((await audits('staff-user.role')).map((r) => r.detail)).toEqual([
			expect.stringContaining('"to":"admin"'),
			expect.stringContaining('"to":"reception"')
		]);
	});

	it('no admin can disable or demote themself, nor reach another site’s accounts', async () => {
		for (const [action, fields] of [
			['disable', {}],
			['role', { role: 'reception' }]
		] as const) {
			const refused = await users(admin, action, { userId: 'main-admin', ...fields });
			expect(refused.data?.refusal, action).toBe('self');
		}
		expect(await account('admin')).toMatchObject({ role: 'admin', disabled_at: null });
		const eastId = (await account('reception-east')).id;
		const east = await users(admin, 'disable', { userId: eastId });
		expect(east).toMatchObject({ status: 404 });
		expect((await account('reception-east')).disabled_at).toBeNull();
	});

	it('two admins disabling each other at once leave the site one who can sign in', async () => {
		await users(admin, 'create', {
			username: 'second.admin',
			displayName: 'Second admin',
			role: 'admin',
			password: NEW_PASSWORD
		});
		const second = await staffLogin(suite.server, 'second.admin', NEW_PASSWORD);
		const secondId = (await account('second.admin')).id;
		const answers = await Promise.all([
			users(admin, 'disable', { userId: secondId }),
			users(second, 'disable', { userId: 'main-admin' })
		]);
		const done = answers.filter((a) => a.type === 'success');
		expect(done).toHaveLength(1);
		// The other was refused: the last admin, or already signed out by the first.
		const other = answers.find((a) => a.type !== 'success');
		expect(other?.data?.refusal ?? other?.location ?? other?.status).toBeTruthy();
		const active = await suite.db
			.selectFrom('staff_users')
			.select('id')
			.where('site_id', '=', 'main')
			.where('role', '=', 'admin')
			.where('disabled_at', 'is', null)
			.execute();
		expect(active).toHaveLength(1);
	});
});
