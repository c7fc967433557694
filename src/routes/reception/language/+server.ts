import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLanguage } from '$lib/i18n';
import { RECEPTION_LANGUAGE_COOKIE, safeNext } from '$lib/server/reception-actions';

/** The language switch in the reception header: a plain form post, then back to the page. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const language = form.get('language');
	if (isLanguage(language)) {
		// Path `/`: the admin pages (/admin) read it too. A cookie from before, at /reception, would
		// shadow the new one on the desk's pages (the longer path is sent first): gone.
		cookies.delete(RECEPTION_LANGUAGE_COOKIE, { path: '/reception' });
		cookies.set(RECEPTION_LANGUAGE_COOKIE, language, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 400
		});
	}
	const back = form.get('back');
	if (typeof back === 'string' && /^\/reception\/login(?:[?#]|$)/.test(back)) {
		redirect(303, '/reception/login');
	}
	redirect(303, safeNext(typeof back === 'string' ? back : null));
};
