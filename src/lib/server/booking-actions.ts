import { fail, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { clientIp } from './http';
import { requireDeskStaff } from './reception-actions';
import { bookAppointment, rescheduleAppointment } from './appointment-booking';
import {
	BOOKING_FIELDS,
	BookingRequest,
	RescheduleRequest,
	type BookingRefusal
} from '$lib/schemas/booking';

/**
 * The booking forms' actions (issue 11). A refused form comes back with every value typed
 * (`values`) and the fields to fix (`invalid`); a refusal after the form was fine is a code
 * (`refused`) the page words. Nothing is written unless the whole form is good.
 */

export interface BookingFormState {
	values: Record<string, string>;
	invalid: string[];
	refused: BookingRefusal | null;
}

function typed(form: FormData, names: readonly string[]): Record<string, string> {
	return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')]));
}

function refused(
	values: Record<string, string>,
	issues: v.BaseIssue<unknown>[] | null,
	reason: BookingRefusal | null
) {
	const invalid = issues
		? [...new Set(issues.flatMap((issue) => (issue.path?.[0]?.key as string | undefined) ?? []))]
		: [];
	const state: BookingFormState = { values, invalid, refused: reason };
	return fail(issues ? 400 : 409, { booking: state });
}

export async function bookAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const values = typed(await event.request.formData(), BOOKING_FIELDS);
	// One radio group picks the patient: a record found by the search, or "new".
	const choice = values.patientId || 'new';
	const input: Record<string, string> = {
		...values,
		patient: choice === 'new' ? 'new' : 'existing'
	};
	if (choice === 'new') delete input.patientId;
	const parsed = v.safeParse(BookingRequest, input);
	if (!parsed.success) return refused(values, parsed.issues, null);
	const result = await bookAppointment(event.locals.app, staff, parsed.output, clientIp(event));
	if (!result.ok) return refused(values, null, result.reason);
	return { booked: { appointmentId: result.appointmentId, day: parsed.output.day } };
}

export async function rescheduleAction(event: RequestEvent) {
	const staff = requireDeskStaff(event.locals, event.url);
	const names = ['providerId', 'day', 'time', 'durationMin'] as const;
	const values = typed(await event.request.formData(), names);
	const parsed = v.safeParse(RescheduleRequest, { ...values, appointmentId: event.params.id });
	if (!parsed.success) return refused(values, parsed.issues, null);
	const result = await rescheduleAppointment(
		event.locals.app,
		staff,
		parsed.output,
		clientIp(event)
	);
	if (!result.ok) return refused(values, null, result.reason);
	return { saved: { appointmentId: result.appointmentId, at: Date.now() } };
}
