import { fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { clientIp } from './http';
import { requireDeskStaff, staffRefusal } from './reception-actions';
import { cancelAppointment } from './appointments';
import { deskCheckIn, markNoShow } from './desk-check-in';
import { registerWalkIn } from './walk-ins';
import { undoLast } from './desk-undo';
import { setProviderDelay } from './provider-delays';
import {
	AppointmentRequest,
	CancelRequest,
	DelayRequest,
	UndoRequest,
	WalkInRequest
} from '$lib/schemas/desk';
import type { StaffRefusal } from '$lib/schemas/staff';

/**
 * The desk's form actions for issue 11, shared by the pages that show their buttons: each
 * parses its form with the shared schema, checks sign-in and role, and calls its service. A
 * success says what was done and carries the undo id; a refusal is a code the page words.
 */

/** What a page shows after a desk action: "A-017 checked in. [Undo]". */
export interface DeskDone {
	action: 'checkin' | 'no-show' | 'cancel' | 'walk-in' | 'undo' | 'delay';
	/** The appointment, queue entry or provider the action was about. */
	id: string;
	/** Whose appointment it was: the row may have left the filtered list by now. */
	who?: string;
	ticket?: string;
	undoId?: string;
	/** Undo: which action was undone. */
	undone?: string;
	minutes?: number;
	/** When the server did it: the page counts the undo's 30 s from here. */
	at: number;
}

function fields(form: FormData, names: readonly string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const name of names) {
		const value = form.get(name);
		if (value !== null) out[name] = value;
	}
	return out;
}

/** A refused desk action, as `refused` in the page's `form`. */
export function deskRefused(status: 400 | 409, id: string, reason: StaffRefusal) {
	return fail(status, { refused: { id, reason, message: staffRefusal(reason).message } });
}

async function parse<S extends v.GenericSchema>(event: RequestEvent, schema: S, names: string[]) {
	const form = await event.request.formData();
	return { form, parsed: v.safeParse(schema, fields(form, names)) };
}

export async function checkInAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const { parsed } = await parse(event, AppointmentRequest, ['appointmentId']);
	if (!parsed.success) return deskRefused(400, '', 'invalid-form');
	const id = parsed.output.appointmentId;
	const result = await deskCheckIn(event.locals.app, staff, id, clientIp(event));
	if (!result.ok) return deskRefused(409, id, result.reason);
	const done: DeskDone = {
		at: Date.now(),
		action: 'checkin',
		id,
		who: result.patientName,
		ticket: result.ticket,
		undoId: result.undoId
	};
	return { done };
}

export async function noShowAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const { parsed } = await parse(event, AppointmentRequest, ['appointmentId']);
	if (!parsed.success) return deskRefused(400, '', 'invalid-form');
	const id = parsed.output.appointmentId;
	const result = await markNoShow(event.locals.app, staff, id, clientIp(event));
	if (!result.ok) return deskRefused(409, id, result.reason);
	const done: DeskDone = {
		at: Date.now(),
		action: 'no-show',
		id,
		who: result.patientName,
		undoId: result.undoId
	};
	return { done };
}

export async function cancelAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const { parsed } = await parse(event, CancelRequest, ['appointmentId', 'reason', 'note']);
	if (!parsed.success) return deskRefused(400, '', 'invalid-form');
	const { appointmentId: id, reason, note } = parsed.output;
	const result = await cancelAppointment(event.locals.app, staff, id, clientIp(event), {
		reason,
		note
	});
	if (!result.ok) return deskRefused(409, id, result.reason);
	const done: DeskDone = { at: Date.now(), action: 'cancel', id, undoId: result.undoId };
	return { done };
}

const WALK_IN_FIELDS = ['firstName', 'lastName', 'dob', 'providerId', 'phone', 'language'];

/** A walk-in form that does not validate comes back with what was typed and which fields. */
export async function walkInAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const { form, parsed } = await parse(event, WalkInRequest, WALK_IN_FIELDS);
	if (!parsed.success) {
		const flat = v.flatten<typeof WalkInRequest>(parsed.issues);
		return fail(400, {
			walkIn: {
				values: Object.fromEntries(WALK_IN_FIELDS.map((f) => [f, String(form.get(f) ?? '')])),
				invalid: Object.keys(flat.nested ?? {})
			}
		});
	}
	const result = await registerWalkIn(event.locals.app, staff, parsed.output, clientIp(event));
	if (!result.ok) return deskRefused(409, '', result.reason);
	const done: DeskDone = {
		at: Date.now(),
		action: 'walk-in',
		id: result.entryId,
		ticket: result.ticket,
		undoId: result.undoId
	};
	return { done };
}

export async function undoAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const { parsed } = await parse(event, UndoRequest, ['undoId']);
	if (!parsed.success) return deskRefused(400, '', 'invalid-form');
	const id = parsed.output.undoId;
	const result = await undoLast(event.locals.app, staff, id, clientIp(event));
	if (!result.ok) return deskRefused(409, id, result.reason);
	const done: DeskDone = { at: Date.now(), action: 'undo', id, undone: result.action };
	return { done };
}

export async function delayAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const { parsed } = await parse(event, DelayRequest, ['providerId', 'minutes']);
	if (!parsed.success) return deskRefused(400, '', 'invalid-form');
	const { providerId: id, minutes } = parsed.output;
	const result = await setProviderDelay(event.locals.app, staff, id, minutes, clientIp(event));
	if (!result.ok) return deskRefused(409, id, result.reason);
	const done: DeskDone = { at: Date.now(), action: 'delay', id, minutes };
	return { done };
}
