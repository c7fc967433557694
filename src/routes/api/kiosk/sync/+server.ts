import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson, requireDevice } from '$lib/server/http';
import { SyncRequest } from '$lib/schemas/sync';
import { MAX_SYNC_BODY_BYTES } from '$lib/schemas/limits';
import { syncKiosk } from '$lib/server/sync';

/** The kiosk outbox lands here. Idempotent per op id; answers each op. See DESIGN §5. */
export const POST: RequestHandler = async (event) => {
	const device = await requireDevice(event, 'kiosk');
	const body = await readJson(event.request, SyncRequest, MAX_SYNC_BODY_BYTES);
	const response = await syncKiosk(event.locals.app, device, body);
	return json(response, { headers: { 'cache-control': 'no-store' } });
};
