import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { buildSnapshot } from '$lib/server/queue';
import { resolveDeadLetter, resolveHelp } from '$lib/server/reception';
import { requireStaff, siteConfigFor } from '$lib/server/reception-actions';
import { deskLists } from '$lib/server/desk-lists';

export const load: PageServerLoad = async ({ locals, url }) => {
	const staff = requireStaff(locals, url);
	const { app } = locals;
	const config = siteConfigFor(app, staff);
	// Read the hub's position before the rows: the snapshot then holds at least every event up
	// to it, and the stream resumes right after it.
	const lastEventId = app.hub.lastEventId;
	const [snapshot, lists] = await Promise.all([
		buildSnapshot(app.db, config, 'reception', lastEventId),
		// Kept current in the browser through GET /api/staff/desk-lists (see DeskLists).
		deskLists(app, staff)
	]);
	return { snapshot, ...lists };
};

export const actions: Actions = {
	resolveHelp: async ({ locals, url, request }) => {
		const staff = requireStaff(locals, url);
		const id = (await request.formData()).get('id');
		if (typeof id !== 'string' || id.length === 0 || id.length > 60) {
			return fail(400, { message: 'That help request is not valid. Reload the page.' });
		}
		const result = await resolveHelp(locals.app, staff, id);
		return result.ok ? { resolved: id } : fail(409, { message: result.reason });
	},

	resolveDeadLetter: async ({ locals, url, request }) => {
		const staff = requireStaff(locals, url);
		const id = (await request.formData()).get('id');
		if (typeof id !== 'string' || id.length === 0 || id.length > 60) {
			return fail(400, { message: 'That item is not valid. Reload the page.' });
		}
		const result = await resolveDeadLetter(locals.app, staff, id);
		return result.ok ? { resolved: id } : fail(409, { message: result.reason });
	}
};
