import * as v from 'valibot';
import { MAX_OPS_PER_BATCH, MAX_SEALED_PHOTO_CHARS } from './limits';
import { CARD_SIDES } from '$lib/intake/fields';

/**
 * Messages between the kiosk's outbox and `POST /api/kiosk/sync`. The kiosk validates what it
 * puts into the outbox with the same schemas the server applies, so a bad op fails at the tablet.
 */

const opId = v.pipe(
	v.string('op id must be a string'),
	v.regex(
		/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		'op id must be a UUIDv7'
	)
);
const epochMs = v.pipe(
	v.number('must be epoch milliseconds'),
	v.integer(),
	v.minValue(1_500_000_000_000)
);
const appointmentId = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9]{4,16}$/, 'appointment id is not valid')
);

export const CheckInPayload = v.strictObject({
	appointmentId,
	method: v.picklist(['qr', 'lookup'], 'method must be "qr" or "lookup"'),
	/** The scanned token, for method "qr": the server checks it again. */
	token: v.optional(v.pipe(v.string(), v.maxLength(400))),
	arrivedAt: epochMs
});

export const HelpReason = v.picklist([
	'asked',
	'dob-locked',
	'not-found',
	'too-early',
	'too-late',
	'details-wrong',
	'cannot-check-in'
]);

export const HelpPayload = v.strictObject({
	reason: HelpReason,
	appointmentId: v.optional(v.nullable(appointmentId)),
	at: epochMs
});

/** One wrong birth date typed at a kiosk for this appointment (the date itself never travels). */
export const DobFailedPayload = v.strictObject({ appointmentId, at: epochMs });

const base64url = (max: number) =>
	v.pipe(v.string(), v.maxLength(max), v.regex(/^[A-Za-z0-9_-]*$/, 'must be base64url'));

/** A value sealed at the kiosk (src/lib/intake/seal.ts): nothing in it is readable on the way. */
const Sealed = (maxChars: number) =>
	v.strictObject({
		k: v.pipe(v.string(), v.maxLength(1000)),
		iv: v.pipe(base64url(16), v.length(16, 'iv must be 12 bytes')),
		ct: base64url(maxChars)
	});

/** A patient's confirmed or changed details (a sealed `ChangeProposal`) for one appointment. */
export const ChangesPayload = v.strictObject({
	appointmentId,
	sealed: Sealed(40_000),
	at: epochMs
});

/** One side of an insurance card, its own op after the `changes` op it belongs to. */
export const CardPhotoPayload = v.strictObject({
	appointmentId,
	/** The op id of the `changes` op: the change request's id. */
	changeId: opId,
	side: v.picklist(CARD_SIDES, 'side must be "front" or "back"'),
	sealed: Sealed(MAX_SEALED_PHOTO_CHARS),
	at: epochMs
});

/**
 * Every screen a patient can be on (src/lib/kiosk/screens.ts, plus `feedback`, the one question
 * after the ticket). Step analytics and error reports name screens only from this list.
 */
export const KIOSK_SCREENS = [
	'welcome',
	'scan',
	'lookup',
	'initial',
	'dob',
	'confirm',
	'contact',
	'insurance',
	'card',
	'too-early',
	'already',
	'closed',
	'checking-in',
	'ticket',
	'feedback',
	'rejected',
	'locked',
	'help'
] as const;
export type KioskScreenName = (typeof KIOSK_SCREENS)[number];
const kioskScreen = v.picklist(KIOSK_SCREENS, 'screen is not a kiosk screen');

/** Anonymous ops (feedback, visit steps) carry only the hour they happened in, nothing finer. */
export const ANALYTICS_SLOT_MS = 60 * 60_000;
const slot = v.pipe(
	epochMs,
	v.check((ms) => ms % ANALYTICS_SLOT_MS === 0, 'slot must be the start of an hour')
);
const language = v.picklist(['en', 'es'], 'language must be "en" or "es"');
const method = v.picklist(['qr', 'lookup'], 'method must be "qr" or "lookup"');

/**
 * "How easy was checking in today?": 1 (very hard) to 5 (very easy). No appointment, no
 * patient, no device time finer than the hour: the op id and `createdAt` are the slot's too.
 */
export const FeedbackPayload = v.strictObject({
	score: v.pipe(v.number(), v.integer(), v.minValue(1, 'score is 1 to 5'), v.maxValue(5)),
	language,
	method,
	slot
});

/** How one visit went through the kiosk's screens, without anything about the patient. */
export const VisitStepsPayload = v.strictObject({
	slot,
	language,
	/** How the patient was found; null when they never got that far. */
	method: v.nullable(method),
	/**
	 * `checked-in`: a ticket; `abandoned`: the idle timer sent the kiosk back to Welcome;
	 * `reset`: the patient pressed start over / cancel; `error`: the kiosk recovered from a fault.
	 */
	outcome: v.picklist(['checked-in', 'abandoned', 'reset', 'error']),
	/** The screen the visit ended on. */
	endedOn: kioskScreen,
	/** Each screen shown, in order, and how long it was shown. */
	steps: v.pipe(
		v.array(
			v.strictObject({
				screen: kioskScreen,
				ms: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 3_600_000))
			})
		),
		v.maxLength(100)
	),
	/** Codes shown to the camera that did not open a visit, before one did or the patient gave up. */
	scanAttempts: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
	/** The patient started with the camera and went on to look themselves up. */
	fellBackToLookup: v.boolean(),
	/** The screen each help request was made from. */
	help: v.pipe(v.array(kioskScreen), v.maxLength(50))
});

/** Something failed in the kiosk and it started over: the kind of error, never its message. */
export const KioskErrorPayload = v.strictObject({
	screen: kioskScreen,
	name: v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'name is an error class name')),
	at: epochMs
});

export const SyncOp = v.variant('type', [
	v.strictObject({
		id: opId,
		type: v.literal('checkin'),
		createdAt: epochMs,
		payload: CheckInPayload
	}),
	v.strictObject({ id: opId, type: v.literal('help'), createdAt: epochMs, payload: HelpPayload }),
	v.strictObject({
		id: opId,
		type: v.literal('dob-failed'),
		createdAt: epochMs,
		payload: DobFailedPayload
	}),
	v.strictObject({
		id: opId,
		type: v.literal('changes'),
		createdAt: epochMs,
		payload: ChangesPayload
	}),
	v.strictObject({
		id: opId,
		type: v.literal('card-photo'),
		createdAt: epochMs,
		payload: CardPhotoPayload
	}),
	v.strictObject({
		id: opId,
		type: v.literal('feedback'),
		createdAt: epochMs,
		payload: FeedbackPayload
	}),
	v.strictObject({
		id: opId,
		type: v.literal('visit-steps'),
		createdAt: epochMs,
		payload: VisitStepsPayload
	}),
	v.strictObject({
		id: opId,
		type: v.literal('kiosk-error'),
		createdAt: epochMs,
		payload: KioskErrorPayload
	})
]);

export const KioskStatus = v.strictObject({
	appVersion: v.optional(v.pipe(v.string(), v.maxLength(40))),
	pending: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
	oldestPendingAt: v.optional(v.nullable(epochMs)),
	deadLetters: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
	storagePersisted: v.optional(v.nullable(v.boolean()))
});

export { MAX_OPS_PER_BATCH };

export const SyncRequest = v.strictObject({
	ops: v.pipe(
		v.array(SyncOp, 'ops must be a list'),
		v.maxLength(MAX_OPS_PER_BATCH, `send at most ${MAX_OPS_PER_BATCH} ops per request`)
	),
	status: v.optional(KioskStatus)
});

export type SyncOp = v.InferOutput<typeof SyncOp>;
export type CheckInPayload = v.InferOutput<typeof CheckInPayload>;
export type HelpPayload = v.InferOutput<typeof HelpPayload>;
export type DobFailedPayload = v.InferOutput<typeof DobFailedPayload>;
export type HelpReason = v.InferOutput<typeof HelpReason>;
export type ChangesPayload = v.InferOutput<typeof ChangesPayload>;
export type CardPhotoPayload = v.InferOutput<typeof CardPhotoPayload>;
export type SyncRequest = v.InferOutput<typeof SyncRequest>;
export type FeedbackPayload = v.InferOutput<typeof FeedbackPayload>;
export type VisitStepsPayload = v.InferOutput<typeof VisitStepsPayload>;
export type KioskErrorPayload = v.InferOutput<typeof KioskErrorPayload>;
export type KioskStatus = v.InferOutput<typeof KioskStatus>;

export type OpOutcome = 'applied' | 'duplicate' | 'rejected';

export interface OpResult {
	id: string;
	outcome: OpOutcome;
	/**
	 * Machine-readable reason for `rejected` (e.g. `dob-locked`), and for a `duplicate` check-in
	 * (`already-checked-in`).
	 */
	reason?: string;
	/** Check-ins: the queue entry and ticket the patient holds. */
	entryId?: string;
	ticket?: string;
	/** Check-ins: place in the provider's line and estimated wait in minutes, when known. */
	position?: number;
	waitMin?: number;
	/** Check-ins: where the patient stands now (a `duplicate` may already be called to a room). */
	queueStatus?: 'waiting' | 'called' | 'in-room' | 'completed' | 'removed';
	roomName?: string;
	/** Check-ins: the patient arrived after the site's check-in window; reception sees a flag. */
	late?: boolean;
	/** dob-failed: wrong birth dates for the appointment on every kiosk so far (5 locks it). */
	dobFailures?: number;
	/** changes: how many fields the desk will review (0 when everything was as on file). */
	changedFields?: number;
}

export interface SyncResponse {
	results: OpResult[];
	serverTime: number;
	/** Rejected ops that staff have since resolved: the kiosk may drop them from its dead letters. */
	resolvedOpIds: string[];
}

/** Turns valibot issues into one precise line for an API client. */
export function describeIssues(issues: v.BaseIssue<unknown>[]): string {
	return issues
		.slice(0, 5)
		.map((i) => `${v.getDotPath(i) ?? 'body'}: ${i.message}`)
		.join('; ');
}
