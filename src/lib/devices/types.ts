/**
 * Devices as the server, reception, the kiosk and the TV all see them: what kinds there are,
 * why a pairing is refused (a code each device words in its own languages) and what the desk's
 * Devices page shows about each one.
 */

export const DEVICE_KINDS = ['kiosk', 'display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Why POST /api/devices/enroll (or the TV's pairing form) refused a pairing code. */
export type EnrollRefusal =
	| 'unknown-code'
	| 'expired'
	| 'used'
	| 'wrong-kind'
	/** Five wrong codes were typed while this one was live: it no longer pairs anything. */
	| 'voided'
	/** Too many wrong codes from this address lately: wait `Retry-After` seconds. */
	| 'throttled';

export interface DeviceHealthView {
	id: string;
	name: string;
	kind: DeviceKind;
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
	/** The last fault a kiosk recovered from (a `kiosk-error` op): when, on which screen, what kind. */
	lastError: DeviceError | null;
}

/** A kiosk's reported fault: never its message, nothing of a patient. */
export interface DeviceError {
	at: number;
	screen: string | null;
	name: string | null;
}
