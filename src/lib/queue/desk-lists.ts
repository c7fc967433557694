/**
 * The desk's lists beside the queue, as the queue page's load and `GET /api/staff/desk-lists`
 * send them: open help requests and the kiosk check-ins the server refused.
 */
import type { SyncOp } from '$lib/schemas/sync';

export interface HelpRequestView {
	id: string;
	/** A `HelpReason` code from the kiosk, worded by the desk (`help_<reason>`). */
	reason: string;
	createdAt: number;
	deviceName: string | null;
	patientName: string | null;
}

export interface DeadLetterView {
	opId: string;
	type: SyncOp['type'];
	/** The sync endpoint's rejection code, worded by the desk (`dead_<reason>`). */
	reason: string | null;
	receivedAt: number;
	deviceName: string;
	patientName: string | null;
}

export interface DeskLists {
	helpRequests: HelpRequestView[];
	deadLetters: DeadLetterView[];
	/** Change requests waiting for review: the count beside the desk's "Changes" link. */
	pendingChanges: number;
}
