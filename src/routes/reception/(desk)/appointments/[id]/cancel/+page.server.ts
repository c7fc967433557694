import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { appointmentSummary } from '$lib/server/appointments';
import { receptionLanguage, requireStaff } from '$lib/server/reception-actions';
import { translator } from '$lib/i18n';
import { receptionText } from '$lib/i18n/reception';
import { cancelAction, undoAction } from '$lib/server/desk-actions';

/** Cancelling an appointment, with why (issue 11): its own screen, so it is never one slip away. */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const appointment = await appointmentSummary(
		event.locals.app,
		staff,
		event.params.id,
		clientIp(event)
	);
	if (!appointment) {
		error(404, {
			message: translator(receptionText, receptionLanguage(event.cookies))('letterNotFound')
		});
	}
	return { appointment };
};

export const actions: Actions = {
	cancel: cancelAction,
	undo: undoAction
};
