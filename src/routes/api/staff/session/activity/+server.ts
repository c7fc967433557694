import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireStaffApi } from '$lib/server/http';

/**
 * The desk page's "someone is using me" ping, sent while its user types or clicks (at most every
 * 15 s). Being a POST, it counts as activity in the hooks; it answers when the session now ends.
 */
export const POST: RequestHandler = ({ locals }) => {
	requireStaffApi(locals);
	const serverTime = Date.now();
	return json(
		{ idleEndsAt: locals.staffSession?.idleEndsAt ?? serverTime, serverTime },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
