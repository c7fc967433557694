import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireDevice } from '$lib/server/http';
import { buildRoster } from '$lib/server/roster';

export const GET: RequestHandler = async (event) => {
	const device = await requireDevice(event, 'kiosk');
	const roster = await buildRoster(event.locals.app, device);
	return json(roster, { headers: { 'cache-control': 'no-store' } });
};
