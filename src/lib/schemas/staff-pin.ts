/**
 * The kiosk's staff PIN as a kiosk receives it: a salted PBKDF2-SHA256 hash, never the digits.
 * The kiosk checks a typed PIN against it offline (src/lib/kiosk/staff-pin.ts); the server makes
 * it (src/lib/server/staff-pin.ts). A 4–8 digit PIN is no secret against someone holding this
 * hash and time, so it only ever reaches enrolled kiosks, and the kiosk allows few tries.
 */
export interface StaffPinHash {
	/** base64url of 16 random bytes. */
	salt: string;
	iterations: number;
	/** base64url of the 32-byte PBKDF2-SHA256 output. */
	hash: string;
}

export const STAFF_PIN_ITERATIONS = 210_000;
