import type { App } from './app';
import type { StaffUser } from './auth';
import { withEvents } from './events/write';
import { appointmentLabels } from './appointments';
import { auditPatientsShown } from './audit';
import { pendingChangeCount } from './change-list';
import type { DeadLetterView, DeskLists, HelpRequestView } from '$lib/queue/desk-lists';
import type { ResolveRefusal, StaffResult } from '$lib/schemas/staff';

/** Help requests and the kiosk check-ins the server refused: what the desk reads and resolves. */

async function openHelpRequests(app: App, staff: StaffUser) {
	return app.db
		.selectFrom('help_requests as h')
		.leftJoin('devices as d', 'd.id', 'h.device_id')
		.select(['h.id', 'h.reason', 'h.created_at', 'h.appointment_id', 'd.name as device_name'])
		.where('h.site_id', '=', staff.siteId)
		.where('h.resolved_at', 'is', null)
		.orderBy('h.created_at')
		.execute();
}

export async function resolveHelp(
	app: App,
	staff: StaffUser,
	helpId: string
): Promise<StaffResult<ResolveRefusal>> {
	return withEvents(app, async (trx, emit) => {
		const r = await trx
			.updateTable('help_requests')
			.set({ resolved_at: Date.now(), resolved_by: staff.id })
			.where('id', '=', helpId)
			.where('site_id', '=', staff.siteId)
			.where('resolved_at', 'is', null)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) !== 1) return { ok: false, reason: 'help-already-answered' };
		await emit(staff.siteId, 'help.changed', { helpId });
		return { ok: true };
	});
}

/** Kiosk ops the server refused: reception decides what happens to each patient. */
async function deadLetters(app: App, staff: StaffUser) {
	return app.db
		.selectFrom('ops as o')
		.innerJoin('devices as d', 'd.id', 'o.device_id')
		.select([
			'o.op_id',
			'o.type',
			'o.reason',
			'o.received_at',
			'o.payload',
			'd.name as device_name'
		])
		.where('d.site_id', '=', staff.siteId)
		.where('o.outcome', '=', 'rejected')
		.where('o.resolved_at', 'is', null)
		.orderBy('o.received_at')
		.execute();
}

export async function resolveDeadLetter(
	app: App,
	staff: StaffUser,
	opId: string
): Promise<StaffResult<ResolveRefusal>> {
	return withEvents(app, async (trx, emit) => {
		const op = await trx
			.selectFrom('ops as o')
			.innerJoin('devices as d', 'd.id', 'o.device_id')
			.select(['o.op_id', 'd.site_id'])
			.where('o.op_id', '=', opId)
			.where('o.outcome', '=', 'rejected')
			.where('o.resolved_at', 'is', null)
			.executeTakeFirst();
		if (!op || op.site_id !== staff.siteId) {
			return { ok: false, reason: 'dead-letter-already-resolved' };
		}
		await trx
			.updateTable('ops')
			.set({ resolved_at: Date.now(), resolved_by: staff.id })
			.where('op_id', '=', opId)
			.execute();
		await emit(staff.siteId, 'device.changed', { opId });
		return { ok: true };
	});
}

/**
 * The desk's lists that live beside the queue: open help requests and refused check-ins. Used
 * by the queue page's load and by `GET /api/staff/desk-lists`, which the page calls when an
 * event says a list changed: a plain fetch that can fail and be retried, where SvelteKit's
 * `invalidate` would turn a failed request into the error page.
 */
export async function deskLists(
	app: App,
	staff: StaffUser,
	ip: string | null = null
): Promise<DeskLists> {
	const [help, dead, pendingChanges] = await Promise.all([
		openHelpRequests(app, staff),
		deadLetters(app, staff),
		pendingChangeCount(app, staff)
	]);
	const deadAppointments = dead.map((d) => [d.op_id, opAppointmentId(d.payload)] as const);
	const labels = await appointmentLabels(app, staff, [
		...help.flatMap((h) => (h.appointment_id ? [h.appointment_id] : [])),
		...deadAppointments.flatMap(([, id]) => (id ? [id] : []))
	]);
	const deadAppointment = new Map(deadAppointments);
	await auditPatientsShown(
		app.db,
		{ type: 'staff', id: staff.id, ip },
		'desk-lists',
		[...labels.values()].map((l) => l.patientId)
	);
	return {
		pendingChanges,
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

/** The appointment id a stored kiosk op was about, if any (its payload is JSON we wrote). */
function opAppointmentId(payload: string): string | null {
	try {
		const parsed = JSON.parse(payload) as { appointmentId?: unknown };
		return typeof parsed.appointmentId === 'string' ? parsed.appointmentId : null;
	} catch {
		// A payload we cannot parse still shows as a refused op, just without a patient name.
		return null;
	}
}
