import {
	ANALYTICS_SLOT_MS,
	type FeedbackPayload,
	type SyncOp,
	type VisitStepsPayload
} from '$lib/schemas/sync';
import { uuidv7At } from './uuidv7';

/**
 * The kiosk's anonymous ops (issue 10): a patient's answer to "How easy was checking in today?"
 * and the record of a visit's screens. Nothing in them names the patient, the appointment or a
 * time finer than the hour: the payload's slot, the op's `createdAt` and the time inside its id
 * are all the start of that hour. Each is held in the outbox until its hour is over (`notBefore`),
 * so the moment it reaches the server cannot be matched with a check-in either.
 */
export interface HeldOp {
	op: SyncOp;
	notBefore: number;
}

export function feedbackOp(payload: FeedbackPayload): HeldOp {
	return {
		op: { id: uuidv7At(payload.slot), type: 'feedback', createdAt: payload.slot, payload },
		notBefore: payload.slot + ANALYTICS_SLOT_MS
	};
}

/**
 * A visit is slotted by the hour it started in, but held until the end of the hour it was written
 * in: one that began at 10:58 and ended at 11:03 waits for 12:00, not for 11:00.
 */
export function visitStepsOp(payload: VisitStepsPayload, writtenAt: number): HeldOp {
	return {
		op: { id: uuidv7At(payload.slot), type: 'visit-steps', createdAt: payload.slot, payload },
		notBefore:
			Math.max(payload.slot, writtenAt - (writtenAt % ANALYTICS_SLOT_MS)) + ANALYTICS_SLOT_MS
	};
}
