import type { PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { requireStaff } from '$lib/server/reception-actions';
import { walkInTicket } from '$lib/server/walk-ins';

/** A printable ticket for a patient checked in at the desk (a walk-in has no letter). */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	return {
		ticket: await walkInTicket(event.locals.app, staff, event.params.id, clientIp(event))
	};
};
