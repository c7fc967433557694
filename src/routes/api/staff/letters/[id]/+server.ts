import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { appointmentLetter } from '$lib/server/reception';

export const GET: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const letter = await appointmentLetter(event.locals.app, staff, event.params.id, clientIp(event));
	if (!letter) error(404, { message: 'No such appointment at this site.' });
	return json(letter);
};
