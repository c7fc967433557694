import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { buildSnapshot } from '$lib/server/queue';
import { queueCommand } from '$lib/server/queue-commands';
import { deskLists, resolveDeadLetter, resolveHelp } from '$lib/server/desk-lists';
import { clientIp } from '$lib/server/http';
import { requireStaff, siteConfigFor, staffRefusal } from '$lib/server/reception-actions';
import { QueueCommandRequest, ResolveRequest } from '$lib/schemas/staff';

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
		const parsed = v.safeParse(ResolveRequest, { id: (await request.formData()).get('id') });
		if (!parsed.success) return fail(400, staffRefusal('invalid-form'));
		const result = await resolveHelp(locals.app, staff, parsed.output.id);
		return result.ok ? { resolved: parsed.output.id } : fail(409, staffRefusal(result.reason));
	},

	resolveDeadLetter: async ({ locals, url, request }) => {
		const staff = requireStaff(locals, url);
		const parsed = v.safeParse(ResolveRequest, { id: (await request.formData()).get('id') });
		if (!parsed.success) return fail(400, staffRefusal('invalid-form'));
		const result = await resolveDeadLetter(locals.app, staff, parsed.output.id);
		return result.ok ? { resolved: parsed.output.id } : fail(409, staffRefusal(result.reason));
	},

	/**
	 * Call, in room, done, back to waiting as a plain form post: what the desk's buttons do when
	 * tapped before the page's JavaScript runs. Once live, the page sends the same commands to
	 * POST /api/staff/queue and updates in place.
	 */
	queue: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const form = await event.request.formData();
		const parsed = v.safeParse(QueueCommandRequest, {
			command: form.get('command'),
			entryId: form.get('entryId'),
			roomId: form.get('roomId')
		});
		if (!parsed.success) return fail(400, staffRefusal('invalid-form'));
		const { command, entryId, roomId } = parsed.output;
		const result = await queueCommand(
			event.locals.app,
			staff,
			command,
			entryId,
			roomId ?? null,
			clientIp(event)
		);
		return result.ok ? { queued: entryId } : fail(409, staffRefusal(result.reason));
	}
};
