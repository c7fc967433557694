import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { SESSION_COOKIE, signOut } from '$lib/server/auth';
import { attemptSignIn } from '$lib/server/sign-in';
import { readJson } from '$lib/server/http';
import { endStreams, setSessionCookie } from '$lib/server/reception-actions';
import { SignInRequest } from '$lib/schemas/staff';

/** JSON sign-in for scripts and tests; people use the form at /reception/login. */
export const POST: RequestHandler = async (event) => {
	const { request, locals, cookies, url } = event;
	const body = await readJson(request, SignInRequest, 2048);
	const outcome = await attemptSignIn(
		locals.app.db,
		body.username,
		body.password,
		event.getClientAddress()
	);
	if (!outcome.ok && outcome.reason === 'locked') {
		return json(
			{
				message: `Too many wrong passwords: try again in ${outcome.retryAfter} seconds.`,
				code: 'locked'
			},
			{ status: 429, headers: { 'retry-after': String(outcome.retryAfter) } }
		);
	}
	if (!outcome.ok) error(401, { message: 'Wrong username or password.', code: 'bad-credentials' });
	// A new session id at every sign-in; the one this browser had before ends here.
	endStreams(locals, await signOut(locals.app.db, cookies.get(SESSION_COOKIE)));
	setSessionCookie(cookies, url, outcome.session);
	return json({ user: outcome.session.user });
};

export const DELETE: RequestHandler = async ({ locals, cookies }) => {
	endStreams(locals, await signOut(locals.app.db, cookies.get(SESSION_COOKIE)));
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return new Response(null, { status: 204 });
};
