import type { RequestHandler } from './$types';
import { kioskManifest, manifestSite } from '$lib/server/kiosk-manifest';

// Never prerendered: the clinic's name and colour come from the config this server started with.
export const prerender = false;

/** The kiosk's web app manifest; public, as browsers fetch it without cookies (kiosk-manifest.ts). */
export const GET: RequestHandler = ({ url, locals }) => {
	const site = manifestSite(locals.app.sites, url.searchParams.get('site'));
	return new Response(JSON.stringify(kioskManifest(site)), {
		headers: {
			'content-type': 'application/manifest+json; charset=utf-8',
			// Short: a renamed clinic or a new colour reaches installed kiosks within the hour.
			'cache-control': 'public, max-age=3600'
		}
	});
};
