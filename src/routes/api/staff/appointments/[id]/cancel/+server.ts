import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { cancelAppointment } from '$lib/server/appointments';
import { staffRefusal } from '$lib/server/reception-actions';

export const POST: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const result = await cancelAppointment(event.locals.app, staff, event.params.id, clientIp(event));
	if (!result.ok) error(409, staffRefusal(result.reason));
	return json({ ok: true });
};
