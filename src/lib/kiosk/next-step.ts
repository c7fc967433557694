import { MAX_DOB_FAILURES } from '$lib/schemas/limits';
import type { QueueStatus } from '$lib/queue/types';
import { checkInWindow } from './check-in-window';
import type { RosterRecord } from '$lib/roster/roster-types';

/** Where a patient already stands today: told so instead of being offered "check me in". */
export interface AlreadyIn {
	ticket: string;
	status: QueueStatus;
	/** The room they were called to, once called. */
	roomName: string | null;
}

/**
 * What the kiosk does once it knows who the patient is (QR + birth date, or name + birth date).
 * Pure, so every branch is tested without a browser: no dead ends, and never "check me in" for a
 * visit that is over, cancelled, locked or already in the queue.
 */
export type NextStep =
	| { kind: 'locked' }
	| { kind: 'closed'; why: 'completed' | 'cancelled' }
	| { kind: 'already'; where: AlreadyIn }
	| { kind: 'too-early' }
	| { kind: 'summary'; late: boolean };

export function nextStep(
	record: RosterRecord,
	localFailures: number,
	now: number,
	window: { earlyMinutes: number; lateMinutes: number }
): NextStep {
	if (Math.max(localFailures, record.dobFailures ?? 0) >= MAX_DOB_FAILURES)
		return { kind: 'locked' };
	if (record.status === 'completed' || record.status === 'cancelled') {
		return { kind: 'closed', why: record.status };
	}
	const where = alreadyIn(record);
	if (where) return { kind: 'already', where };
	const verdict = checkInWindow(record.slotAt, now, window);
	if (verdict === 'too-early') return { kind: 'too-early' };
	return { kind: 'summary', late: verdict === 'too-late' };
}

function alreadyIn(record: RosterRecord): AlreadyIn | null {
	const queue = record.queue;
	if (queue && queue.status !== 'removed') {
		return { ticket: queue.ticket, status: queue.status, roomName: queue.roomName };
	}
	// An older roster without queue details still knows the appointment's status.
	if (record.status === 'arrived' || record.status === 'called' || record.status === 'in-room') {
		return { ticket: record.ticket, status: 'waiting', roomName: null };
	}
	return null;
}
