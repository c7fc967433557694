import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireStaffApi } from '$lib/server/http';
import { deviceHealth } from '$lib/server/device-health';

/** The Devices table for the signed-in staff member's site (the page's load sends the same). */
export const GET: RequestHandler = async ({ locals }) => {
	const staff = requireStaffApi(locals);
	return json(await deviceHealth(locals.app, staff), { headers: { 'cache-control': 'no-store' } });
};
