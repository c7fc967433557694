import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { STAFF_PIN_ITERATIONS, type StaffPinHash } from '$lib/schemas/staff-pin';

const hashes = new Map<string, StaffPinHash>();

/**
 * The hash of a site's staff PIN that its kiosks get with the bootstrap. Salted afresh each time
 * the server starts (kiosks fetch the bootstrap again whenever they are online), computed once per
 * PIN and process.
 */
export function staffPinHash(pin: string | null): StaffPinHash | null {
	if (pin === null) return null;
	let made = hashes.get(pin);
	if (!made) {
		const salt = randomBytes(16);
		const hash = pbkdf2Sync(pin, salt, STAFF_PIN_ITERATIONS, 32, 'sha256');
		made = {
			salt: salt.toString('base64url'),
			iterations: STAFF_PIN_ITERATIONS,
			hash: hash.toString('base64url')
		};
		hashes.set(pin, made);
	}
	return made;
}
