import type { StaffPinHash } from '$lib/schemas/staff-pin';

/**
 * Whether `pin` is the site's staff PIN, checked on the tablet against the bootstrap's hash
 * (works offline). Loaded only when someone opens the staff gesture.
 */
export async function staffPinMatches(pin: string, expected: StaffPinHash): Promise<boolean> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{
			name: 'PBKDF2',
			hash: 'SHA-256',
			salt: fromBase64url(expected.salt),
			iterations: expected.iterations
		},
		key,
		256
	);
	const got = new Uint8Array(bits);
	const want = fromBase64url(expected.hash);
	if (got.length !== want.length) return false;
	let diff = 0;
	for (let i = 0; i < got.length; i++) diff |= got[i] ^ want[i];
	return diff === 0;
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
	const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
	const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
