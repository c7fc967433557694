import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { buildSnapshot } from '$lib/server/queue';
import { queueCommand, resolveDeadLetter, resolveHelp } from '$lib/server/reception';
import { clientIp } from '$lib/server/http';
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
	},

	/**
	 * Call, in room, done, back to waiting as a plain form post: what the desk's buttons do when
	 * tapped before the page's JavaScript runs. Once live, the page sends the same commands to
	 * POST /api/staff/queue and updates in place.
	 */
	queue: async (event) => {
		const staff = requireStaff(event.locals, event.url);
		const form = await event.request.formData();
		const command = String(form.get('command') ?? '');
		const entryId = String(form.get('entryId') ?? '');
		const roomId = form.get('roomId');
		if (!isQueueCommand(command) || entryId.length === 0 || entryId.length > 40) {
			return fail(400, { message: 'That button is not valid. Reload the page.' });
		}
		const result = await queueCommand(
			event.locals.app,
			staff,
			command,
			entryId,
			typeof roomId === 'string' && roomId.length <= 60 ? roomId : null,
			clientIp(event)
		);
		return result.ok ? { queued: entryId } : fail(409, { message: result.reason });
	}
};

const QUEUE_COMMANDS = ['call', 'in-room', 'complete', 'back-to-waiting'] as const;
function isQueueCommand(value: string): value is (typeof QUEUE_COMMANDS)[number] {
	return (QUEUE_COMMANDS as readonly string[]).includes(value);
}
