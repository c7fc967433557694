import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { SESSION_COOKIE, signIn, signOut } from '$lib/server/auth';
import { readJson } from '$lib/server/http';

const Login = v.strictObject({
	username: v.pipe(v.string(), v.minLength(1, 'enter a username'), v.maxLength(100)),
	password: v.pipe(v.string(), v.minLength(1, 'enter a password'), v.maxLength(200))
});

/** JSON sign-in for scripts and tests; people use the form at /reception/login. */
export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	const body = await readJson(request, Login, 2048);
	const session = await signIn(locals.app.db, body.username, body.password);
	if (!session) error(401, { message: 'Wrong username or password.', code: 'bad-credentials' });
	cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(session.expiresAt)
	});
	return json({ user: session.user });
};

export const DELETE: RequestHandler = async ({ locals, cookies }) => {
	await signOut(locals.app.db, cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return new Response(null, { status: 204 });
};
