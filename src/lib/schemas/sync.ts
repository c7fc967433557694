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
