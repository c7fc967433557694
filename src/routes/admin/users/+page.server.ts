import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { clientIp } from '$lib/server/http';
import { requireAdmin } from '$lib/server/reception-actions';
import {
	createStaffUser,
	resetStaffPassword,
	setStaffDisabled,
	setStaffRole,
	siteStaff
} from '$lib/server/staff-users';
import {
	NewStaffUser,
	StaffPassword,
	StaffRole,
	StaffUserId,
	type StaffUserRefusal
} from '$lib/schemas/staff-users';

/**
 * The site's staff accounts (issue 11), admin only: every action checks the role itself (a form
 * action runs no load). Plain form posts, so each works before the page has hydrated.
 */

export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = requireAdmin(locals, url);
	return { users: await siteStaff(locals.app, admin) };
};

type Field = 'username' | 'displayName' | 'role' | 'password';

const refuse = (reason: StaffUserRefusal, userId: string | null, values = {}) =>
	fail(reason === 'not-found' ? 404 : reason === 'username-taken' ? 409 : 400, {
		refusal: reason,
		userId,
		values
	});

/** The admin, the form and the user the form names (or a refusal to answer with). */
async function read(event: RequestEvent) {
	const admin = requireAdmin(event.locals, event.url);
	const form = await event.request.formData();
	const userId = v.safeParse(StaffUserId, String(form.get('userId') ?? ''));
	const who = { admin, ip: clientIp(event) };
	return { admin, form, who, userId: userId.success ? userId.output : null };
}

const nameOf = async (event: RequestEvent, userId: string) =>
	(await siteStaff(event.locals.app, requireAdmin(event.locals, event.url))).find(
		(u) => u.id === userId
	)?.displayName ?? '';

export const actions: Actions = {
	create: async (event) => {
		const { form, who } = await read(event);
		const values = {
			username: String(form.get('username') ?? ''),
			displayName: String(form.get('displayName') ?? ''),
			role: String(form.get('role') ?? '')
		};
		const parsed = v.safeParse(NewStaffUser, {
			...values,
			password: String(form.get('password') ?? '')
		});
		if (!parsed.success) {
			const field = (v.getDotPath(parsed.issues[0]) ?? 'username') as Field;
			return refuse(`invalid-${field}`, null, values);
		}
		const result = await createStaffUser(event.locals.app, who, parsed.output);
		if (!result.ok) return refuse(result.reason, null, values);
		return {
			done: {
				kind: 'created' as const,
				userId: result.id,
				name: parsed.output.displayName,
				username: parsed.output.username,
				sessionsEnded: 0
			}
		};
	},

	role: async (event) => {
		const { form, who, userId } = await read(event);
		if (!userId) return refuse('not-found', null);
		const role = v.safeParse(StaffRole, String(form.get('role') ?? ''));
		if (!role.success) return refuse('invalid-role', userId);
		const result = await setStaffRole(event.locals.app, who, userId, role.output);
		if (!result.ok) return refuse(result.reason, userId);
		const name = await nameOf(event, userId);
		return { done: { kind: 'role' as const, userId, name, role: role.output, sessionsEnded: 0 } };
	},

	disable: async (event) => {
		const { who, userId } = await read(event);
		if (!userId) return refuse('not-found', null);
		const result = await setStaffDisabled(event.locals.app, who, userId, true);
		if (!result.ok) return refuse(result.reason, userId);
		const name = await nameOf(event, userId);
		return {
			done: { kind: 'disabled' as const, userId, name, sessionsEnded: result.sessionsEnded }
		};
	},

	enable: async (event) => {
		const { who, userId } = await read(event);
		if (!userId) return refuse('not-found', null);
		const result = await setStaffDisabled(event.locals.app, who, userId, false);
		if (!result.ok) return refuse(result.reason, userId);
		const name = await nameOf(event, userId);
		return {
			done: { kind: 'enabled' as const, userId, name, sessionsEnded: result.sessionsEnded }
		};
	},

	password: async (event) => {
		const { form, who, userId } = await read(event);
		if (!userId) return refuse('not-found', null);
		const password = v.safeParse(StaffPassword, String(form.get('password') ?? ''));
		if (!password.success) return refuse('invalid-password', userId);
		const result = await resetStaffPassword(
			event.locals.app,
			who,
			userId,
			password.output,
			event.locals.staffSession?.idHash ?? null
		);
		if (!result.ok) return refuse(result.reason, userId);
		const name = await nameOf(event, userId);
		return {
			done: { kind: 'password' as const, userId, name, sessionsEnded: result.sessionsEnded }
		};
	}
};
