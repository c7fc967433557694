import { fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { buildSnapshot } from '$lib/server/queue';
import { queueCommand } from '$lib/server/queue-commands';
import { deskLists, resolveDeadLetter, resolveHelp } from '$lib/server/desk-lists';
import { clientIp } from '$lib/server/http';
import { auditPatientsShown, snapshotPatients } from '$lib/server/audit';
import { requireStaff, siteConfigFor, staffRefusal } from '$lib/server/reception-actions';
import { delayAction, undoAction } from '$lib/server/desk-actions';
import {
	QueueCommandRequest,
	ResolveRequest,
	type QueueCommand,
	type StaffRefusal
} from '$lib/schemas/staff';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const staff = requireStaff(locals, url);
	const { app } = locals;
	const config = siteConfigFor(app, staff);
	// Read the hub's position before the rows: the snapshot then holds at least every event up
	// to it, and the stream resumes right after it.
	const lastEventId = app.hub.lastEventId;
	const [snapshot, lists] = await Promise.all([
		buildSnapshot(app.db, config, 'reception', lastEventId),
		// Kept current in the browser through GET /api/staff/desk-lists (a LiveResource).
		deskLists(app, staff, clientIp(event))
	]);
	const actor = { type: 'staff' as const, id: staff.id, ip: clientIp(event) };
	await auditPatientsShown(app.db, actor, 'desk-page', snapshotPatients(snapshot));
	return { snapshot, ...lists };
};

/**
 * The desk's writes, one named action per button. They work without JavaScript (the browser
 * posts the form and gets the page back with the answer); once the page is live, `use:enhance`
 * posts the same forms and the change comes back over the event stream like everyone else's.
 * A refusal is a `fail()` carrying the service's reason, worded by the page beside the row.
 */
export const actions: Actions = {
	call: (event) => queueAction(event, 'call'),
	inRoom: (event) => queueAction(event, 'in-room'),
	complete: (event) => queueAction(event, 'complete'),
	backToWaiting: (event) => queueAction(event, 'back-to-waiting'),
	undo: undoAction,
	setDelay: delayAction,

	resolveHelp: async ({ locals, url, request }) => {
		const staff = requireStaff(locals, url);
		const parsed = v.safeParse(ResolveRequest, { id: (await request.formData()).get('id') });
		if (!parsed.success) return fail(400, refused('', 'invalid-form'));
		const id = parsed.output.id;
		const result = await resolveHelp(locals.app, staff, id);
		return result.ok ? { resolved: id } : fail(409, refused(id, result.reason));
	},

	resolveDeadLetter: async ({ locals, url, request }) => {
		const staff = requireStaff(locals, url);
		const parsed = v.safeParse(ResolveRequest, { id: (await request.formData()).get('id') });
		if (!parsed.success) return fail(400, refused('', 'invalid-form'));
		const id = parsed.output.id;
		const result = await resolveDeadLetter(locals.app, staff, id);
		return result.ok ? { resolved: id } : fail(409, refused(id, result.reason));
	}
};

/** One desk button: the command, the row's entry and (to call) the room, as `QueueCommandRequest`. */
async function queueAction(event: RequestEvent, command: QueueCommand) {
	const staff = requireStaff(event.locals, event.url);
	const form = await event.request.formData();
	const parsed = v.safeParse(QueueCommandRequest, {
		command,
		entryId: form.get('entryId'),
		roomId: command === 'call' ? form.get('roomId') : null
	});
	if (!parsed.success) return fail(400, refused('', 'invalid-form', command));
	const { entryId } = parsed.output;
	const roomId = parsed.output.roomId ?? null;
	const result = await queueCommand(
		event.locals.app,
		staff,
		command,
		entryId,
		roomId,
		clientIp(event)
	);
	if (!result.ok) return fail(409, refused(entryId, result.reason, command));
	return { queued: { entryId, command, roomId, undoId: result.undoId, at: Date.now() } };
}

/**
 * A refused desk button: which row (and, for a queue button, which command) and the code the desk
 * words beside it; `message` is the English wording, as every staff refusal carries it.
 */
function refused(id: string, reason: StaffRefusal, command?: QueueCommand) {
	return {
		refused: { id, ...(command ? { command } : {}), reason, message: staffRefusal(reason).message }
	};
}
