import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, readJson, requireStaffApi } from '$lib/server/http';
import { acknowledgeChange } from '$lib/server/change-review';
import { staffRefusal } from '$lib/server/reception-actions';
import { ChangeAcknowledgeRequest } from '$lib/schemas/staff';

/** Marks a refused change request (or one with nothing left to decide) as handled. */
export const POST: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const body = await readJson(event.request, ChangeAcknowledgeRequest, 1024);
	const result = await acknowledgeChange(event.locals.app, staff, body.changeId, clientIp(event));
	if (!result.ok) error(409, staffRefusal(result.reason));
	return json({ ok: true });
};
