/**
 * View types shared by the server, reception, the waiting-room display and the kiosk.
 * Times are epoch milliseconds (UTC). Nothing here is secret by itself; what an audience
 * receives is decided on the server (see `src/lib/server/events/`).
 */

export type AppointmentStatus =
	'booked' | 'arrived' | 'called' | 'in-room' | 'completed' | 'no-show' | 'cancelled';

export type QueueStatus = 'waiting' | 'called' | 'in-room' | 'completed' | 'removed';

export type ArrivalSource = 'kiosk' | 'desk' | 'phone';

/** Which part of a name the waiting-room display may show. */
export type PrivacyMode = 'ticket' | 'initials' | 'first-name-last-initial';

/** One person in today's queue, as the server knows it (no health information). */
export interface QueueEntryView {
	entryId: string;
	/** null for a walk-in. */
	appointmentId: string | null;
	ticket: string;
	providerId: string;
	/** Appointment start; null for a walk-in. */
	slotAt: number | null;
	/** Booked visit length in minutes (walk-ins use the site's default). */
	durationMin: number;
	arrivedAt: number;
	source: ArrivalSource;
	status: QueueStatus;
	calledAt: number | null;
	roomId: string | null;
	roomName: string | null;
	inRoomAt: number | null;
	completedAt: number | null;
	/** What the display may show beside the ticket, already reduced by the privacy mode. */
	publicLabel: string | null;
	/** Reception audience only. */
	patient?: {
		id: string;
		firstName: string;
		lastName: string;
		dob: string;
		/** What the patient's change requests still waiting for review are about (the row's flags). */
		changes?: ChangeFlag[];
	} | null;
}

/**
 * A queue row's flags at the desk, from the patient's pending change requests: "changed details",
 * "new insurance", "no insurance". Reception only, like the rest of `patient`.
 */
export type ChangeFlag = 'details' | 'new-insurance' | 'no-insurance';

export interface ProviderView {
	id: string;
	name: string;
	/** Letter that starts this provider's tickets ("A" in A-017). */
	ticketPrefix: string;
}

export interface RoomView {
	id: string;
	name: string;
}

/** A complete picture of one site's day for one audience. */
export interface QueueSnapshot {
	siteId: string;
	siteDay: string;
	/** The id of the newest event this snapshot includes. */
	lastEventId: number;
	providers: ProviderView[];
	rooms: RoomView[];
	entries: QueueEntryView[];
	/**
	 * Provider id → running delay in minutes (never negative): the larger of what is measured and
	 * what the desk set by hand.
	 */
	delays: Record<string, number>;
	/**
	 * Provider id → the delay the desk set by hand today ("Dr. Lee is 20 minutes behind"). Absent
	 * from a server older than issue 11.
	 */
	manualDelays?: Record<string, number>;
	serverTime: number;
}
