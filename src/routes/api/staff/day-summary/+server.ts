import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { requireStaffApi } from '$lib/server/http';
import { readDaySummary } from '$lib/server/day-summary';
import { KioskStatsQuery } from '$lib/schemas/kiosk-stats';
import { describeIssues } from '$lib/schemas/sync';

/** The daily summary's numbers for one site day (`?day=YYYY-MM-DD`, today without it). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const staff = requireStaffApi(locals);
	const query = v.safeParse(KioskStatsQuery, Object.fromEntries(url.searchParams));
	if (!query.success) error(400, { message: describeIssues(query.issues), code: 'bad-day' });
	return json(await readDaySummary(locals.app, staff, query.output.day), {
		headers: { 'cache-control': 'no-store' }
	});
};
