import * as v from 'valibot';
import { HIDDEN_CHARACTERS } from './text';

/**
 * The desk's own cases (issue 11): check-in at the desk, walk-ins, no-shows, cancelling with a
 * reason, undo and a provider's delay. One schema per form; the refusals are codes worded by
 * the desk (`refusal_<code>` in src/lib/i18n/reception-refusals.ts).
 */

const id = v.pipe(v.string(), v.minLength(1, 'name the row'), v.maxLength(60));

const personName = v.pipe(
	v.string(),
	v.check((name) => !HIDDEN_CHARACTERS.test(name), 'the name has invisible characters'),
	v.trim(),
	v.minLength(1, 'enter the name'),
	v.maxLength(80)
);

/** A real calendar day, not in the future, as the date field sends it (YYYY-MM-DD). */
export const BirthDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, 'enter the birth date'),
	v.check((value) => {
		const day = new Date(`${value}T00:00:00Z`);
		return (
			!Number.isNaN(day.getTime()) &&
			day.toISOString().slice(0, 10) === value &&
			value >= '1900-01-01' &&
			day.getTime() <= Date.now()
		);
	}, 'enter a real birth date')
);

export const AppointmentRequest = v.strictObject({ appointmentId: id });

export const CANCEL_REASONS = [
	'patient-called',
	'rescheduled',
	'clinic-cancelled',
	'booked-in-error',
	'other'
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const CancelRequest = v.strictObject({
	appointmentId: id,
	reason: v.picklist(CANCEL_REASONS, 'choose a reason'),
	note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300)), '')
});
export type CancelRequest = v.InferOutput<typeof CancelRequest>;

export const WalkInRequest = v.strictObject({
	firstName: personName,
	lastName: personName,
	dob: BirthDate,
	providerId: id,
	phone: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(30)), ''),
	language: v.optional(v.picklist(['en', 'es']), 'en')
});
export type WalkInRequest = v.InferOutput<typeof WalkInRequest>;

export const UndoRequest = v.strictObject({ undoId: id });

/** "Dr. Lee is 20 minutes behind": whole minutes, 0 clears it. */
export const DelayRequest = v.strictObject({
	providerId: id,
	minutes: v.pipe(
		v.string(),
		v.regex(/^\d{1,3}$/, 'enter whole minutes'),
		v.transform(Number),
		v.maxValue(240, 'at most 240 minutes')
	)
});

/** How the day list is filtered: `?provider=…&status=…&q=…` (a plain GET form). */
export const DAY_FILTERS = [
	'all',
	'expected',
	'waiting',
	'called',
	'in-room',
	'done',
	'no-show',
	'cancelled'
] as const;
export type DayFilter = (typeof DAY_FILTERS)[number];

/** Why a desk check-in was refused. */
export type DeskCheckInRefusal =
	| 'no-such-appointment'
	| 'not-today'
	| 'already-checked-in'
	| 'appointment-cancelled'
	| 'appointment-completed';
/** Why registering a walk-in was refused. */
export type WalkInRefusal = 'no-such-provider';
/** Why a no-show was refused: only a booked appointment can be one. */
export type NoShowRefusal = 'no-such-appointment' | 'not-booked';
/** Why an undo was refused: too late, not the last action, or the row has moved on since. */
export type UndoRefusal = 'undo-expired' | 'undo-not-last' | 'undo-outdated';
/** Why setting a delay was refused. */
export type DelayRefusal = 'no-such-provider';

export type DeskRefusal =
	DeskCheckInRefusal | WalkInRefusal | NoShowRefusal | UndoRefusal | DelayRefusal;

/** How long the desk may undo its last action. */
export const UNDO_MS = 30_000;
