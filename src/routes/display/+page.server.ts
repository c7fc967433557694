import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { defaultSite } from '$lib/server/app';
import {
	DEVICE_COOKIE,
	deviceForToken,
	enrollDevice,
	normalisePairingCode
} from '$lib/server/devices';
import { setDeviceCookie } from '$lib/server/http';
import { buildSnapshot } from '$lib/server/queue';
import { publicSiteConfig } from '$lib/schemas/site-config';
import { displaySite } from '$lib/display/site';

// Pairing is the `pair` form action below: a TV that submits before its JavaScript has run
// (slow hardware) posts the form itself and gets the same answer as the enhanced form.
export const load: PageServerLoad = async ({ locals, cookies, setHeaders, url }) => {
	// The board is live data: a cached copy would show yesterday's queue after a reload.
	setHeaders({ 'cache-control': 'no-store' });
	const { app } = locals;
	const device = (await deviceForToken(app.db, cookies.get(DEVICE_COOKIE.display), 'display'))
		?.device;
	const config = device ? app.sites.get(device.siteId) : undefined;
	// Just paired and the cookie stuck: the board, under its plain address.
	if (device && config && url.searchParams.has('paired')) redirect(303, '/display');
	if (!device || !config) {
		// Not enrolled: the TV does not know its site yet. The pairing screen speaks the
		// languages of the default site; nothing else about the clinic is sent.
		// `?paired` after a successful pairing that left no cookie: the browser refused it
		// (e.g. a Secure cookie over plain HTTP), and the screen must say so.
		return {
			enrolled: false as const,
			languages: defaultSite(app).languages,
			notKept: url.searchParams.has('paired')
		};
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

export const actions: Actions = {
	pair: async (event) => {
		const { request, locals, cookies, url } = event;
		const form = await request.formData();
		const code = normalisePairingCode(String(form.get('code') ?? ''));
		if (!code) return fail(400, { reason: 'format' as const });
		const { app } = locals;
		const result = await enrollDevice(app, code, 'display', event.getClientAddress());
		if (!result.ok && result.retryAfter !== undefined) {
			event.setHeaders({ 'retry-after': String(result.retryAfter) });
			return fail(429, { reason: result.reason });
		}
		if (!result.ok) return fail(result.reason === 'unknown-code' ? 404 : 409, result);
		setDeviceCookie(cookies, 'display', result.token, url.protocol === 'https:');
		redirect(303, '/display?paired');
	}
};
