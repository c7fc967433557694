import { decodeJwt } from 'jose';
import type { PageServerLoad } from './$types';
import { CheckInTokenError } from '$lib/check-in-token';
import { isLanguage } from '$lib/i18n';
import { preferredLanguage } from '$lib/i18n/accept-language';
import { defaultSite } from '$lib/server/app';

/**
 * What a patient's own phone shows when its camera opens the QR on their letter. It says only
 * whether the code is good and what to do with it, in the phone's language (`?lang=` overrides):
 * no name, no appointment day or time, since anyone holding the letter can open this page.
 * Checking in from the phone is a later feature.
 */
export const load: PageServerLoad = async ({ params, locals, request, url, setHeaders }) => {
	// The answer depends on the token and on the phone's language; never cache it anywhere.
	setHeaders({ 'cache-control': 'no-store', vary: 'Accept-Language' });
	const { app } = locals;
	const site = app.sites.get(claimedSite(params.token) ?? '') ?? defaultSite(app);
	const asked = url.searchParams.get('lang');
	const language = isLanguage(asked)
		? asked
		: preferredLanguage(request.headers.get('accept-language'));
	try {
		await app.signer.verify(params.token, site.siteId);
		return { state: 'valid' as const, siteName: site.name, language };
	} catch (error) {
		if (!(error instanceof CheckInTokenError)) throw error;
		const state = error.problem === 'expired' ? ('expired' as const) : ('invalid' as const);
		return { state, siteName: site.name, language };
	}
};

/**
 * The site the token says it is for, read without trusting it: it only picks which clinic's
 * name to show and which site to verify against; the signature check below decides.
 */
function claimedSite(token: string): string | null {
	try {
		const { site } = decodeJwt(token);
		return typeof site === 'string' ? site : null;
	} catch {
		return null; // Not a JWT at all: verify() below says so.
	}
}
