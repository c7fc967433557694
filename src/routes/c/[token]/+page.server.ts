import type { PageServerLoad } from './$types';
import { CheckInTokenError } from '$lib/check-in-token';
import { defaultSite } from '$lib/server/app';

/**
 * What a patient's own phone shows when its camera opens the QR on their letter. It says only
 * whether the code is good and what to do with it: no name, no appointment details, since anyone
 * holding the letter can open this page. Checking in from the phone is a later feature.
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const { app } = locals;
	const site = defaultSite(app);
	try {
		const claims = await app.signer.verify(params.token, site.siteId);
		return { state: 'valid' as const, siteName: site.name, expiresAt: claims.exp * 1000 };
	} catch (error) {
		if (!(error instanceof CheckInTokenError)) throw error;
		return {
			state: error.problem === 'expired' ? ('expired' as const) : ('invalid' as const),
			siteName: site.name,
			expiresAt: null
		};
	}
};
