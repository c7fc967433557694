import * as v from 'valibot';
import { HIDDEN_CHARACTERS } from './text';
import { DEVICE_KINDS } from '$lib/devices/types';
import type { QueueStatus } from '$lib/queue/types';
import { CONTACT_FIELDS, INSURANCE_FIELDS } from '$lib/intake/fields';
import type { DeskRefusal } from './desk';

/**
 * What staff send, one schema per message: the JSON endpoints, the form actions and the desk's
 * own client all validate with these, and the answers they may refuse with are codes, worded
 * by the desk (`refusal_<code>` in src/lib/i18n/reception.ts).
 */

export const SignInRequest = v.strictObject({
	username: v.pipe(v.string(), v.trim(), v.minLength(1, 'enter a username'), v.maxLength(100)),
	password: v.pipe(v.string(), v.minLength(1, 'enter a password'), v.maxLength(200))
});

export const DeviceName = v.pipe(
	v.string(),
	v.check((name) => !HIDDEN_CHARACTERS.test(name), 'the name has invisible or control characters'),
	v.trim(),
	v.minLength(1, 'give the device a name'),
	v.maxLength(60)
);

export const PairingRequest = v.strictObject({
	kind: v.picklist(DEVICE_KINDS, 'kind must be "kiosk" or "display"'),
	name: DeviceName
});

/** Moves along waiting → called → in-room → completed (and a call undone). */
export const QueueCommand = v.picklist(
	['call', 'in-room', 'complete', 'back-to-waiting'],
	'command must be "call", "in-room", "complete" or "back-to-waiting"'
);
export type QueueCommand = v.InferOutput<typeof QueueCommand>;

export const QueueCommandRequest = v.strictObject({
	command: QueueCommand,
	entryId: v.pipe(v.string(), v.minLength(1, 'name the ticket'), v.maxLength(40)),
	/** Only `call` needs a room. */
	roomId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(60))))
});
export type QueueCommandRequest = v.InferOutput<typeof QueueCommandRequest>;

/** A help request or a refused check-in the desk marks as dealt with. */
export const ResolveRequest = v.strictObject({
	id: v.pipe(v.string(), v.minLength(1), v.maxLength(60))
});

const changeId = v.pipe(v.string(), v.minLength(1, 'name the change request'), v.maxLength(60));

/**
 * Staff's decisions on some fields of one change request (one form post may decide several):
 * accept or reject each, with an optional note.
 */
export const ChangeDecisionRequest = v.strictObject({
	changeId,
	decisions: v.pipe(
		v.array(
			v.strictObject({
				field: v.picklist([...CONTACT_FIELDS, ...INSURANCE_FIELDS], 'not a field of a change'),
				decision: v.picklist(['accepted', 'rejected'], 'decide "accepted" or "rejected"'),
				note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300)), '')
			})
		),
		v.minLength(1, 'decide at least one field'),
		v.maxLength(CONTACT_FIELDS.length + INSURANCE_FIELDS.length)
	)
});
export type ChangeDecisionRequest = v.InferOutput<typeof ChangeDecisionRequest>;

/** A refused change request, or one with nothing left to decide, marked as handled. */
export const ChangeAcknowledgeRequest = v.strictObject({ changeId });

/** Why a queue command was refused: the ticket is gone, no room was chosen, or it moved on. */
export type QueueCommandRefusal = 'not-in-queue' | 'no-room' | `already-${QueueStatus}`;
/** Why resolving a help request or a refused check-in was refused: someone else did it first. */
export type ResolveRefusal = 'help-already-answered' | 'dead-letter-already-resolved';
/** Why cancelling an appointment was refused. */
export type CancelRefusal = 'no-such-appointment' | 'not-booked';

/**
 * Why a review was refused: the request is not this site's, someone finished it first, a field
 * was already decided (a colleague was quicker), nothing was chosen, or fields are still open.
 */
export type ChangeReviewRefusal =
	| 'change-not-found'
	| 'change-already-reviewed'
	| 'field-already-decided'
	| 'nothing-decided'
	| 'fields-still-pending';

/** A form post that no longer matches the page (an old tab, a hand-made request). */
export type FormRefusal = 'invalid-form';

export type StaffRefusal =
	| QueueCommandRefusal
	| ResolveRefusal
	| CancelRefusal
	| ChangeReviewRefusal
	| FormRefusal
	| DeskRefusal;

export type StaffResult<R extends StaffRefusal = StaffRefusal> =
	{ ok: true } | { ok: false; reason: R };
