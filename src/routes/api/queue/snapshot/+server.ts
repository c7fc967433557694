import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireDevice, requireStaffApi } from '$lib/server/http';
import { buildSnapshot } from '$lib/server/queue';

export const GET: RequestHandler = async (event) => {
	const audience = event.url.searchParams.get('audience');
	const { app } = event.locals;
	let siteId: string;
	if (audience === 'display') siteId = (await requireDevice(event, 'display')).siteId;
	else if (audience === 'reception') siteId = requireStaffApi(event.locals).siteId;
	else error(400, { message: 'Choose audience=display or audience=reception.' });
	const config = app.sites.get(siteId);
	if (!config) error(404, { message: 'Unknown site.' });
	return json(await buildSnapshot(app.db, config, audience, app.hub.lastEventId));
};
