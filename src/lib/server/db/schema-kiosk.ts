// The kiosk's analytics and device-event tables (migration 007), apart from schema.ts for size.
import type { KioskScreenName, VisitStepsPayload } from '$lib/schemas/sync';

/** How the patient was found, as in ./schema.ts. */
type Method = 'qr' | 'lookup';

/** One answer to "How easy was checking in today?" (007): no patient, no device, the hour only. */
export interface KioskFeedbackTable {
	id: string;
	site_id: string;
	slot: number;
	language: string;
	method: Method;
	score: number;
}

/** One visit's way through the kiosk's screens (007); `steps` and `help` are JSON. */
export interface KioskVisitTable {
	id: string;
	site_id: string;
	device_id: string;
	slot: number;
	language: string;
	method: Method | null;
	outcome: VisitStepsPayload['outcome'];
	ended_on: KioskScreenName;
	/** JSON: `{ screen, ms }[]`. */
	steps: string;
	scan_attempts: number;
	fell_back: number;
	/** JSON: the screen of each help request. */
	help: string;
}

/** Something that happened to a device that its health shows (007): for now, recovered errors. */
export interface DeviceEventTable {
	id: string;
	site_id: string;
	device_id: string;
	at: number;
	kind: 'error';
	screen: KioskScreenName | null;
	name: string | null;
	app_version: string | null;
}

export interface KioskAnalyticsTables {
	kiosk_feedback: KioskFeedbackTable;
	kiosk_visits: KioskVisitTable;
	device_events: DeviceEventTable;
}
