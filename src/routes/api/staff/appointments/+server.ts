import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { todaysAppointments } from '$lib/server/appointments';

export const GET: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	return json(await todaysAppointments(event.locals.app, staff, clientIp(event)));
};
