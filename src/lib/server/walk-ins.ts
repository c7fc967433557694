import type { App } from './app';
import type { StaffUser } from './auth';
import { withEvents } from './events/write';
import { audit } from './audit';
import { recordUndo } from './desk-undo';
import { findPatient, insertPatient } from './appointment-records';
import type { WalkInRefusal, WalkInRequest } from '$lib/schemas/desk';
import { ticketCode } from '$lib/queue/ticket';
import { queueEntryId } from '$lib/queue/entry-id';
import { siteDay } from '$lib/site-time';

/**
 * A walk-in (issue 11): a patient without an appointment, registered at the desk. The patient
 * record is found by name and birth date or made, and the queue entry gets a ticket from the
 * site's walk-in letter (`desk.walkInTicketPrefix`, W-001…), numbered per site day. Walk-ins
 * wait by arrival (src/lib/queue/order.ts) for the provider the desk chose.
 */

export type WalkInResult =
	| { ok: true; entryId: string; ticket: string; patientId: string; undoId: string }
	| { ok: false; reason: WalkInRefusal };

/** Two desks taking the same next number: one of them tries again with the next. */
const ATTEMPTS = 3;

export async function registerWalkIn(
	app: App,
	staff: StaffUser,
	walkIn: WalkInRequest,
	ip: string | null
): Promise<WalkInResult> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await registerOnce(app, staff, walkIn, ip);
		} catch (error) {
			if (attempt >= ATTEMPTS || !isUniqueViolation(error)) throw error;
		}
	}
}

function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function registerOnce(
	app: App,
	staff: StaffUser,
	walkIn: WalkInRequest,
	ip: string | null
): Promise<WalkInResult> {
	const config = app.sites.get(staff.siteId);
	const now = Date.now();
	return withEvents(app, async (trx, emit) => {
		const provider = await trx
			.selectFrom('providers')
			.select('id')
			.where('id', '=', walkIn.providerId)
			.where('site_id', '=', staff.siteId)
			.executeTakeFirst();
		if (!provider || !config) return { ok: false, reason: 'no-such-provider' };
		const day = siteDay(config.timezone, now);

		const known = await findPatient(trx, staff.siteId, walkIn);
		const patientId =
			known ?? (await insertPatient(trx, staff.siteId, walkIn, crypto.randomUUID()));

		const prefix = config.desk.walkInTicketPrefix;
		const taken = await trx
			.selectFrom('queue_entries')
			.select('ticket')
			.where('site_id', '=', staff.siteId)
			.where('site_day', '=', day)
			.where('appointment_id', 'is', null)
			.where('ticket', 'like', `${prefix}-%`)
			.execute();
		const seq = Math.max(0, ...taken.map((t) => Number(t.ticket.slice(prefix.length + 1)) || 0));
		const ticket = ticketCode(prefix, seq + 1);
		const entryId = queueEntryId(crypto.randomUUID());
		await trx
			.insertInto('queue_entries')
			.values({
				id: entryId,
				site_id: staff.siteId,
				site_day: day,
				appointment_id: null,
				patient_id: patientId,
				ticket,
				provider_id: provider.id,
				slot_at: null,
				duration_min: config.waitEstimate.walkInDurationMin,
				arrived_at: now,
				source: 'desk',
				status: 'waiting',
				called_at: null,
				room_id: null,
				in_room_at: null,
				completed_at: null,
				created_by_op: null
			})
			.execute();
		await emit(staff.siteId, 'queue.upsert', { entryId });
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'walk-in.register', patientId, {
			entryId,
			newPatient: !known
		});
		const undoId = await recordUndo(trx, staff, 'walk-in', {
			kind: 'entry-created',
			entryId,
			appointmentId: null,
			appointmentStatus: null
		});
		return { ok: true, entryId, ticket, patientId, undoId };
	});
}

/** What the printed walk-in ticket shows; the patient's name stays off the paper. */
export async function walkInTicket(app: App, staff: StaffUser, entryId: string, ip: string | null) {
	const row = await app.db
		.selectFrom('queue_entries as q')
		.innerJoin('providers as pr', 'pr.id', 'q.provider_id')
		.select(['q.id', 'q.ticket', 'q.arrived_at', 'q.status', 'q.patient_id', 'pr.name'])
		.where('q.id', '=', entryId)
		.where('q.site_id', '=', staff.siteId)
		.executeTakeFirst();
	if (!row) return null;
	await audit(app.db, { type: 'staff', id: staff.id, ip }, 'ticket.print', row.patient_id, {
		entryId
	});
	return {
		entryId: row.id,
		ticket: row.ticket,
		arrivedAt: Number(row.arrived_at),
		status: row.status,
		providerName: row.name
	};
}

/** The site's providers, for the walk-in form's "who will see them". */
export async function siteProviders(app: App, staff: StaffUser) {
	return app.db
		.selectFrom('providers')
		.select(['id', 'name'])
		.where('site_id', '=', staff.siteId)
		.orderBy('name')
		.execute();
}
