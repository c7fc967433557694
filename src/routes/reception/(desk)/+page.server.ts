import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { buildSnapshot } from '$lib/server/queue';
import {
	deadLetters,
	openHelpRequests,
	queueCommand,
	resolveDeadLetter,
	resolveHelp
} from '$lib/server/reception';
import { clientIp } from '$lib/server/http';
import {
	appointmentLabels,
	opAppointmentId,
	requireStaff,
	siteConfigFor
} from '$lib/server/reception-actions';
import type { DeadLetterView, HelpRequestView } from '$lib/components/reception/types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const staff = requireStaff(locals, url);
	// The page reloads this when a help request or a device changes (see +page.svelte).
	depends('reception:side');
	const { app } = locals;
	const config = siteConfigFor(app, staff);
	// Read the hub's position before the rows: the snapshot then holds at least every event up
	// to it, and the stream resumes right after it.
	const lastEventId = app.hub.lastEventId;
	const [snapshot, help, dead] = await Promise.all([
		buildSnapshot(app.db, config, 'reception', lastEventId),
		openHelpRequests(app, staff),
		deadLetters(app, staff)
	]);
	const deadAppointments = dead.map((d) => [d.op_id, opAppointmentId(d.payload)] as const);
	const labels = await appointmentLabels(app, staff, [
		...help.flatMap((h) => (h.appointment_id ? [h.appointment_id] : [])),
		...deadAppointments.flatMap(([, id]) => (id ? [id] : []))
	]);
	const deadAppointment = new Map(deadAppointments);
	return {
		snapshot,
		helpRequests: help.map((h): HelpRequestView => ({
			id: h.id,
			reason: h.reason,
			createdAt: h.created_at,
			deviceName: h.device_name,
			patientName: (h.appointment_id && labels.get(h.appointment_id)?.patientName) || null
		})),
		deadLetters: dead.map((d): DeadLetterView => {
			const appointmentId = deadAppointment.get(d.op_id);
			return {
				opId: d.op_id,
				type: d.type,
				reason: d.reason,
				receivedAt: d.received_at,
				deviceName: d.device_name,
				patientName: (appointmentId && labels.get(appointmentId)?.patientName) || null
			};
		})
	};
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
