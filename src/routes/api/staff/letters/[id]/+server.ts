import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { appointmentLetter } from '$lib/server/letters';
import { staffRefusal } from '$lib/server/reception-actions';

export const GET: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const letter = await appointmentLetter(event.locals.app, staff, event.params.id, clientIp(event));
	if (!letter) error(404, staffRefusal('no-such-appointment'));
	return json(letter);
};
