import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { requireAdmin } from '$lib/server/reception-actions';
import { endSessions, siteSessions, type EndSessionsScope } from '$lib/server/staff-sessions';

export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = requireAdmin(locals, url);
	return { sessions: await siteSessions(locals.app, admin, locals.staffSession?.idHash ?? null) };
};

async function end(
	event: Parameters<Actions[string]>[0],
	scope: (form: FormData) => EndSessionsScope | null
) {
	const admin = requireAdmin(event.locals, event.url);
	const chosen = scope(await event.request.formData());
	if (!chosen) return fail(400, { ended: null });
	const ended = await endSessions(
		event.locals.app,
		admin,
		chosen,
		event.locals.staffSession?.idHash ?? null,
		clientIp(event)
	);
	return { ended };
}

const field = (form: FormData, name: string, pattern: RegExp) => {
	const value = String(form.get(name) ?? '');
	return pattern.test(value) ? value : null;
};

/** Sign one session, one person everywhere, or everyone else out (audited `sessions.end`). */
export const actions: Actions = {
	endOne: (event) =>
		end(event, (form) => {
			const handle = field(form, 'handle', /^[A-Za-z0-9_-]{16}$/);
			return handle ? { kind: 'one', handle } : null;
		}),
	endUser: (event) =>
		end(event, (form) => {
			const userId = field(form, 'userId', /^[A-Za-z0-9_-]{1,64}$/);
			return userId ? { kind: 'user', userId } : null;
		}),
	endEveryone: (event) => end(event, () => ({ kind: 'everyone' }))
};
