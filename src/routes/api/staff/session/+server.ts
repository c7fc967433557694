import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { SESSION_COOKIE, signIn, signOut } from '$lib/server/auth';
import { readJson } from '$lib/server/http';
import { setSessionCookie } from '$lib/server/reception-actions';
import { SignInRequest } from '$lib/schemas/staff';

/** JSON sign-in for scripts and tests; people use the form at /reception/login. */
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const body = await readJson(request, SignInRequest, 2048);
	const session = await signIn(locals.app.db, body.username, body.password);
	if (!session) error(401, { message: 'Wrong username or password.', code: 'bad-credentials' });
	setSessionCookie(cookies, url, session);
	return json({ user: session.user });
};

export const DELETE: RequestHandler = async ({ locals, cookies }) => {
	await signOut(locals.app.db, cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return new Response(null, { status: 204 });
};
