import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { SignInRequest } from '$lib/schemas/staff';
import type { Actions, PageServerLoad } from './$types';
import { SESSION_COOKIE, signOut } from '$lib/server/auth';
import { attemptSignIn, lockoutMinutes } from '$lib/server/sign-in';
import { translator } from '$lib/i18n';
import { receptionText } from '$lib/i18n/reception';
import {
	endStreams,
	receptionLanguage,
	safeNext,
	setSessionCookie
} from '$lib/server/reception-actions';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.staff) redirect(303, next);
	return {
		next,
		signedOut: url.searchParams.has('signed-out'),
		/** Signed out by the idle timeout (the desk page sends here). */
		idle: url.searchParams.has('idle')
	};
};

export const actions: Actions = {
	signIn: async (event) => {
		const { request, locals, cookies, url } = event;
		const t = translator(receptionText, receptionLanguage(cookies));
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const parsed = v.safeParse(SignInRequest, {
			username,
			password: String(form.get('password') ?? '')
		});
		if (!parsed.success) {
			return fail(400, { username, message: t('missingCredentials') });
		}
		const outcome = await attemptSignIn(
			locals.app.db,
			parsed.output.username,
			parsed.output.password,
			event.getClientAddress()
		);
		if (!outcome.ok && outcome.reason === 'locked') {
			event.setHeaders({ 'retry-after': String(outcome.retryAfter) });
			const minutes = lockoutMinutes(outcome.retryAfter);
			return fail(429, { username, message: t('signInLocked', { minutes }) });
		}
		if (!outcome.ok) return fail(401, { username, message: t('wrongCredentials') });
		// A new session id at every sign-in; the one this browser had before ends here.
		endStreams(locals, await signOut(locals.app.db, cookies.get(SESSION_COOKIE)));
		setSessionCookie(cookies, url, outcome.session);
		redirect(303, safeNext(String(form.get('next') ?? '')));
	},

	signOut: async ({ locals, cookies }) => {
		endStreams(locals, await signOut(locals.app.db, cookies.get(SESSION_COOKIE)));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/reception/login?signed-out');
	}
};
