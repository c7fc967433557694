import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/reception-actions';
import { siteProviders } from '$lib/server/walk-ins';
import { undoAction, walkInAction } from '$lib/server/desk-actions';

/** Registering a walk-in (issue 11): patient, queue entry and a ticket from the walk-in letter. */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	return { providers: await siteProviders(event.locals.app, staff) };
};

export const actions: Actions = {
	register: walkInAction,
	undo: undoAction
};
