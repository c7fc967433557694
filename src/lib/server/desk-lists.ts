import type { App } from './app';
import type { StaffUser } from './auth';
import { deadLetters, openHelpRequests } from './reception';
import { appointmentLabels, opAppointmentId } from './reception-actions';
import type { DeadLetterView, HelpRequestView } from '$lib/reception/types';

export interface DeskLists {
	helpRequests: HelpRequestView[];
	deadLetters: DeadLetterView[];
}

/**
 * The desk's lists that live beside the queue: open help requests and refused check-ins. Used
 * by the queue page's load and by `GET /api/staff/desk-lists`, which the page calls when an
 * event says a list changed: a plain fetch that can fail and be retried, where SvelteKit's
 * `invalidate` would turn a failed request into the error page.
 */
export async function deskLists(app: App, staff: StaffUser): Promise<DeskLists> {
	const [help, dead] = await Promise.all([openHelpRequests(app, staff), deadLetters(app, staff)]);
	const deadAppointments = dead.map((d) => [d.op_id, opAppointmentId(d.payload)] as const);
	const labels = await appointmentLabels(app, staff, [
		...help.flatMap((h) => (h.appointment_id ? [h.appointment_id] : [])),
		...deadAppointments.flatMap(([, id]) => (id ? [id] : []))
	]);
	const deadAppointment = new Map(deadAppointments);
	return {
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
}
