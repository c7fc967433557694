import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { clientIp, readJson, requireStaffApi } from '$lib/server/http';
import { queueCommand } from '$lib/server/reception';

const QueueCommandRequest = v.strictObject({
	command: v.picklist(['call', 'in-room', 'complete', 'back-to-waiting']),
	entryId: v.pipe(v.string(), v.maxLength(40)),
	roomId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(60))))
});

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
	if (!result.ok) error(409, { message: result.reason });
	return json({ ok: true });
};
