import type { Actions, PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { appointmentSummary } from '$lib/server/appointments';
import { requireStaff } from '$lib/server/reception-actions';
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
	return { appointment };
};

export const actions: Actions = {
	cancel: cancelAction,
	undo: undoAction
};
