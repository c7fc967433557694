import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireDevice, requireStaffApi } from '$lib/server/http';
import { buildSnapshot } from '$lib/server/queue';
import { auditPatientsShown, snapshotPatients } from '$lib/server/audit';

export const GET: RequestHandler = async (event) => {
	const audience = event.url.searchParams.get('audience');
	const { app } = event.locals;
	let siteId: string;
	if (audience === 'display') siteId = (await requireDevice(event, 'display')).siteId;
	else if (audience === 'reception') siteId = requireStaffApi(event.locals).siteId;
	else error(400, { message: 'Choose audience=display or audience=reception.' });
	const config = app.sites.get(siteId);
	if (!config) error(404, { message: 'Unknown site.' });
	const snapshot = await buildSnapshot(app.db, config, audience, app.hub.lastEventId);
	if (audience === 'reception' && event.locals.staff) {
		const actor = { type: 'staff' as const, id: event.locals.staff.id, ip: clientIp(event) };
		await auditPatientsShown(app.db, actor, 'queue-snapshot', snapshotPatients(snapshot));
	}
	return json(snapshot);
};
