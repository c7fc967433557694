import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, readJson, requireStaffApi } from '$lib/server/http';
import { queueCommand } from '$lib/server/queue-commands';
import { staffRefusal } from '$lib/server/reception-actions';
import { QueueCommandRequest } from '$lib/schemas/staff';

export const POST: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const body = await readJson(event.request, QueueCommandRequest, 1024);
	const result = await queueCommand(
		event.locals.app,
		staff,
		body.command,
		body.entryId,
		body.roomId ?? null,
		clientIp(event)
	);
	if (!result.ok) error(409, staffRefusal(result.reason));
	return json({ ok: true });
};
