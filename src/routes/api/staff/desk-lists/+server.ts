import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireStaffApi } from '$lib/server/http';
import { deskLists } from '$lib/server/desk-lists';

/** Help requests and refused check-ins for the signed-in staff member's site. */
export const GET: RequestHandler = async ({ locals }) => {
	const staff = requireStaffApi(locals);
	return json(await deskLists(locals.app, staff), { headers: { 'cache-control': 'no-store' } });
};
