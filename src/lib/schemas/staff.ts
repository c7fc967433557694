import * as v from 'valibot';
import { HIDDEN_CHARACTERS } from './text';
import { DEVICE_KINDS } from '$lib/devices/types';
import type { QueueStatus } from '$lib/queue/types';

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

/** Why a queue command was refused: the ticket is gone, no room was chosen, or it moved on. */
export type QueueCommandRefusal = 'not-in-queue' | 'no-room' | `already-${QueueStatus}`;
/** Why resolving a help request or a refused check-in was refused: someone else did it first. */
export type ResolveRefusal = 'help-already-answered' | 'dead-letter-already-resolved';
/** Why cancelling an appointment was refused. */
export type CancelRefusal = 'no-such-appointment' | 'not-booked';

/** A form post that no longer matches the page (an old tab, a hand-made request). */
export type FormRefusal = 'invalid-form';

export type StaffRefusal = QueueCommandRefusal | ResolveRefusal | CancelRefusal | FormRefusal;

export type StaffResult<R extends StaffRefusal = StaffRefusal> =
	{ ok: true } | { ok: false; reason: R };
