import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { requireStaffApi } from '$lib/server/http';
import { kioskStats } from '$lib/server/kiosk-stats';
import { KioskStatsQuery } from '$lib/schemas/kiosk-stats';
import { describeIssues } from '$lib/schemas/sync';

/**
 * How the signed-in staff member's kiosks did on one site day (`?day=YYYY-MM-DD`, today without
 * it): anonymous step analytics and feedback, for reception and admins alike.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const staff = requireStaffApi(locals);
	const query = v.safeParse(KioskStatsQuery, Object.fromEntries(url.searchParams));
	if (!query.success) error(400, { message: describeIssues(query.issues), code: 'bad-day' });
	return json(await kioskStats(locals.app, staff, query.output.day), {
		headers: { 'cache-control': 'no-store' }
	});
};
