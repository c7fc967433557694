import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, readJson, requireStaffApi } from '$lib/server/http';
import { reviewList } from '$lib/server/change-list';
import { decideFields } from '$lib/server/change-review';
import { staffRefusal } from '$lib/server/reception-actions';
import { ChangeDecisionRequest } from '$lib/schemas/staff';

/** The review list of the signed-in staff member's site (the review page's LiveResource). */
export const GET: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	return json(await reviewList(event.locals.app, staff, clientIp(event)), {
		headers: { 'cache-control': 'no-store' }
	});
};

/** Accepts or rejects fields of one change request (the same service as the page's form). */
export const POST: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const body = await readJson(event.request, ChangeDecisionRequest, 16 * 1024);
	const result = await decideFields(event.locals.app, staff, body, clientIp(event));
	if (!result.ok) error(409, staffRefusal(result.reason));
	return json({ ok: true });
};
