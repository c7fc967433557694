import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireDevice } from '$lib/server/http';
import { buildRoster } from '$lib/server/roster';

export const GET: RequestHandler = async (event) => {
	const device = await requireDevice(event, 'kiosk');
	const roster = await buildRoster(event.locals.app, device);
	// The signing keys ride along, so a kiosk learns a rotated-in key at its next refresh.
	const jwks = await event.locals.app.signer.currentJwks();
	return json({ ...roster, jwks }, { headers: { 'cache-control': 'no-store' } });
};
