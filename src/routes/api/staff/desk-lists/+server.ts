import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { deskLists } from '$lib/server/desk-lists';

/** Help requests and refused check-ins for the signed-in staff member's site. */
export const GET: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	return json(await deskLists(event.locals.app, staff, clientIp(event)), {
		headers: { 'cache-control': 'no-store' }
	});
};
