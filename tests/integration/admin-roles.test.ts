import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { staffLogin, type Client } from './support/clients';
import { postAction } from './support/actions';
import { discoverRoutes, routeUrl, type RouteEntry } from './support/routes';

/**
 * Issue 11: every admin route (every page, page data, endpoint and form action under
 * src/routes/admin, read from the source) checks the role on each request, not once at sign-in:
 * an admin demoted while signed in is refused at once, a disabled one is signed out at once, and
 * neither changes anything. (The access matrix covers strangers, devices and reception.)
 */

interface Answer {
	status: number;
	location: string | null;
}

/** One request as the browser makes it; enhanced actions and `__data.json` answer inside JSON. */
async function knock(client: Client, baseUrl: string, route: RouteEntry): Promise<Answer> {
	let url = routeUrl(route.routeId);
	if (route.kind === 'data') url = `${url.replace(/\/$/, '')}/__data.json`;
	if (route.action) url += `?/${route.action}`;
	const headers: Record<string, string> = {};
	if (route.method !== 'GET') {
		headers.origin = baseUrl;
		headers['content-type'] = 'application/x-www-form-urlencoded';
	}
	if (route.kind === 'action') {
		headers.accept = 'application/json';
		headers['x-sveltekit-action'] = 'true';
	}
	const response = await client.request(route.method, url, {
		headers,
		body: route.method === 'GET' ? undefined : '',
		redirect: 'manual'
	});
	const text = await response.text();
	const answer: Answer = { status: response.status, location: response.headers.get('location') };
	if (!(response.headers.get('content-type') ?? '').includes('application/json')) return answer;
	const body = JSON.parse(text) as {
		type?: string;
		status?: number;
		location?: string;
		nodes?: ({ type: string; status?: number } | null)[];
	};
	if (body.type === 'redirect') return { status: 303, location: body.location ?? null };
	const failed = body.nodes?.find((node) => node?.type === 'error');
	if (failed) return { status: failed.status ?? 500, location: null };
	return { status: body.status ?? answer.status, location: answer.location };
}

describe.each(dialects)('the role is checked on every admin route (%s)', (dialect) => {
	const suite = useServer(dialect);
	const routes = discoverRoutes().filter((r) => r.routeId.startsWith('/admin'));
	let admin: Client;
	let demoted: Client;
	let disabled: Client;

	beforeAll(async () => {
		admin = await staffLogin(suite.server, 'admin');
		const ids: Record<string, string> = {};
		for (const username of ['demoted.admin', 'disabled.admin']) {
			const created = await postAction(suite.server, admin, '/admin/users', 'create', {
				username,
				displayName: username,
				role: 'admin',
				password: 'an-admin-password'
			});
			ids[username] = (created.data?.done as { userId: string }).userId;
		}
		demoted = await staffLogin(suite.server, 'demoted.admin', 'an-admin-password');
		disabled = await staffLogin(suite.server, 'disabled.admin', 'an-admin-password');
		// Both are admins now: the pages open for them.
		for (const client of [demoted, disabled]) {
			expect((await client.request('GET', '/admin/users', { redirect: 'manual' })).status).toBe(
				200
			);
		}
		await postAction(suite.server, admin, '/admin/users', 'role', {
			userId: ids['demoted.admin'],
			role: 'reception'
		});
		await postAction(suite.server, admin, '/admin/users', 'disable', {
			userId: ids['disabled.admin']
		});
	});

	it('finds the admin pages, their data, their actions and the CSV export', () => {
		const kinds = new Set(routes.map((r) => r.kind));
		expect([...kinds].sort()).toEqual(['action', 'data', 'endpoint', 'page']);
		for (const key of ['POST /admin/users ?/disable', 'POST /admin/keys ?/rotate']) {
			expect(routes.map((r) => r.key)).toContain(key);
		}
	});

	it('refuses the demoted admin at once and signs the disabled one out, changing nothing', async () => {
		const state = async () =>
			JSON.stringify([
				await suite.db.selectFrom('signing_keys').select(['kid', 'retired_at']).execute(),
				await suite.db
					.selectFrom('staff_users')
					.select(['id', 'role', 'disabled_at', 'password_hash'])
					.orderBy('id')
					.execute(),
				await suite.db.selectFrom('imports').select('id').execute()
			]);
		const before = await state();
		const problems: string[] = [];
		for (const route of routes) {
			const asDemoted = await knock(demoted, suite.server.baseUrl, route);
			if (asDemoted.status !== 403) {
				problems.push(`${route.key} as the demoted admin: ${asDemoted.status}`);
			}
			const asDisabled = await knock(disabled, suite.server.baseUrl, route);
			// Signed out: a page goes to the sign-in form, an endpoint (the CSV export) says 401.
			const signedOut =
				route.kind === 'endpoint'
					? asDisabled.status === 401
					: asDisabled.status === 303 && !!asDisabled.location?.startsWith('/reception/login');
			if (!signedOut) {
				problems.push(
					`${route.key} as the disabled admin: ${asDisabled.status} ${asDisabled.location}`
				);
			}
		}
		expect(problems).toEqual([]);
		expect(routes.length).toBeGreaterThan(15);
		expect(await state()).toBe(before);
	});
});
