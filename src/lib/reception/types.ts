/** What the reception pages receive from their loads (plain data, no database rows). */

export interface HelpRequestView {
	id: string;
	reason: string;
	createdAt: number;
	deviceName: string | null;
	patientName: string | null;
}

export interface DeadLetterView {
	opId: string;
	type: string;
	reason: string | null;
	receivedAt: number;
	deviceName: string;
	patientName: string | null;
}

export interface DeviceHealthView {
	id: string;
	name: string;
	kind: string;
	/** When it was paired, and whose pairing code it used (null: paired before this was kept). */
	pairedAt: number;
	pairedByName: string | null;
	lastSeenAt: number | null;
	online: boolean;
	appVersion: string | null;
	pending: number;
	oldestPendingAt: number | null;
	deadLetters: number;
	storagePersisted: boolean | null;
}

export interface SiteView {
	name: string;
	timezone: string;
	walkInDurationMin: number;
}

/** What `appointmentLetter` returns (src/lib/server/reception.ts). */
export interface LetterView {
	siteName: string;
	timezone: string;
	startsAt: number;
	providerName: string;
	patientName: string;
	address: string | null;
	checkInUrl: string;
}
