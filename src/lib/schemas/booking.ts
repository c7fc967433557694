import * as v from 'valibot';
import { WalkInRequest } from './desk';

/**
 * Reception books or moves one appointment by hand (issue 11: a patient who phoned this
 * morning). The patient is an existing record (`patient: existing`, by id) or a new one
 * (`patient: new`, the walk-in's fields). Field names are the form's; each field's error is
 * worded by the page (`bookingError_<field>`), so the messages here are for logs only.
 */

const id = v.pipe(v.string(), v.minLength(1, 'choose one'), v.maxLength(60));

/** The visit: with whom, which day, what time (site wall clock), how long, what for. */
const Slot = {
	providerId: id,
	day: v.pipe(
		v.string(),
		v.regex(/^\d{4}-\d{2}-\d{2}$/, 'enter the day'),
		v.check((value) => {
			const day = new Date(`${value}T00:00:00Z`);
			return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
		}, 'enter a real day')
	),
	time: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'enter the time')),
	durationMin: v.pipe(
		v.string(),
		v.regex(/^\d{1,3}$/, 'enter whole minutes'),
		v.transform(Number),
		v.minValue(5, 'at least 5 minutes'),
		v.maxValue(240, 'at most 240 minutes')
	)
};

const visitType = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60)), '');

export const BookingRequest = v.variant('patient', [
	v.object({ patient: v.literal('existing'), patientId: id, ...Slot, visitType }),
	v.object({
		patient: v.literal('new'),
		...WalkInRequest.entries,
		...Slot,
		visitType
	})
]);
export type BookingRequest = v.InferOutput<typeof BookingRequest>;

export const RescheduleRequest = v.object({ appointmentId: id, ...Slot });
export type RescheduleRequest = v.InferOutput<typeof RescheduleRequest>;

/** Every field the booking form sends (`patientId` is "new" or a record's id). */
export const BOOKING_FIELDS = [
	'patientId',
	'firstName',
	'lastName',
	'dob',
	'phone',
	'language',
	'providerId',
	'day',
	'time',
	'durationMin',
	'visitType'
] as const;
export type BookingField = (typeof BOOKING_FIELDS)[number];

/** Why booking or moving was refused after the form itself was fine. */
export type BookingRefusal =
	| 'no-such-provider'
	| 'no-such-patient'
	| 'no-such-appointment'
	| 'outside-day'
	/** Only a booked appointment moves: one checked in, done, a no-show or cancelled stays. */
	| 'not-booked';
