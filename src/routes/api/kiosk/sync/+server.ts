import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson, requireDevice } from '$lib/server/http';
import { SyncRequest, type SyncResponse } from '$lib/schemas/sync';
import { applyOps } from '$lib/server/sync';
import { recordDeviceStatus } from '$lib/server/devices';

/** The kiosk outbox lands here. Idempotent per op id; answers each op. See DESIGN §5. */
export const POST: RequestHandler = async (event) => {
	const device = await requireDevice(event, 'kiosk');
	const body = await readJson(event.request, SyncRequest, 256 * 1024);
	const { app } = event.locals;
	const results = await applyOps(app, device, body.ops);
	if (body.status && (await recordDeviceStatus(app.db, app.dialect, device, body.status))) {
		app.hub.notify();
	}
	const rejectedIds = results.filter((r) => r.outcome === 'rejected').map((r) => r.id);
	const resolved = await app.db
		.selectFrom('ops')
		.select('op_id')
		.where('device_id', '=', device.id)
		.where('resolved_at', 'is not', null)
		.where('resolved_at', '>', Date.now() - 7 * 86_400_000)
		.execute();
	const response: SyncResponse = {
		results,
		serverTime: Date.now(),
		resolvedOpIds: resolved.map((r) => r.op_id).filter((id) => !rejectedIds.includes(id))
	};
	return json(response, { headers: { 'cache-control': 'no-store' } });
};
