import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { receptionLanguage, requireStaff } from '$lib/server/reception-actions';
import { translator } from '$lib/i18n';
import { receptionText } from '$lib/i18n/reception';
import { walkInTicket } from '$lib/server/walk-ins';

/** A printable ticket for a patient checked in at the desk (a walk-in has no letter). */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const ticket = await walkInTicket(event.locals.app, staff, event.params.id, clientIp(event));
	if (!ticket) {
		error(404, {
			message: translator(receptionText, receptionLanguage(event.cookies))('ticketNotFound')
		});
	}
	return { ticket };
};
