import type { PageServerLoad } from './$types';
import { defaultSite } from '$lib/server/app';
import { DEVICE_COOKIE, deviceForToken } from '$lib/server/devices';
import { buildSnapshot } from '$lib/server/queue';
import { publicSiteConfig } from '$lib/schemas/site-config';
import { displaySite } from '$lib/components/display/site';

// Enrolling goes through POST /api/devices/enroll (fetch from the pairing screen), the same
// endpoint kiosks use, then the page reloads its data.
export const load: PageServerLoad = async ({ locals, cookies, setHeaders }) => {
	// The board is live data: a cached copy would show yesterday's queue after a reload.
	setHeaders({ 'cache-control': 'no-store' });
	const { app } = locals;
	const device = await deviceForToken(app.db, cookies.get(DEVICE_COOKIE.display), 'display');
	const config = device ? app.sites.get(device.siteId) : undefined;
	if (!device || !config) {
		// Not enrolled: the TV does not know its site yet. The pairing screen speaks the
		// languages of the default site; nothing else about the clinic is sent.
		return { enrolled: false as const, languages: defaultSite(app).languages };
	}
	// lastEventId is read before the rows: an event that lands in between is in the rows and
	// is applied again by the stream, which is harmless (upserts carry the whole entry).
	const lastEventId = app.hub.lastEventId;
	const snapshot = await buildSnapshot(app.db, config, 'display', lastEventId);
	return {
		enrolled: true as const,
		deviceId: device.id,
		site: displaySite(publicSiteConfig(config)),
		snapshot
	};
};
