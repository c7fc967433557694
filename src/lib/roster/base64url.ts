/** Unpadded base64url for keys, salts and envelopes: the same bytes in QR codes, JSON and IndexedDB. */
import { RosterError } from './roster-error';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALPHABET_INDEX = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Unpadded base64url (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const remaining = bytes.length - i;
		const chunk =
			(bytes[i] << 16) |
			(remaining > 1 ? bytes[i + 1] << 8 : 0) |
			(remaining > 2 ? bytes[i + 2] : 0);
		// 1 byte → 2 characters, 2 → 3, 3 → 4; no padding.
		const chars = Math.min(4, remaining + 1);
		for (let c = 0; c < chars; c++) out += ALPHABET[(chunk >> (18 - 6 * c)) & 63];
	}
	return out;
}

/**
 * Strict inverse of `toBase64Url`: no padding, no `+` `/` or whitespace, no impossible length,
 * and no stray bits in the last character. Every byte string then has exactly one accepted
 * spelling, so a stored value cannot be re-spelled without the change being visible.
 */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
	if (typeof s !== 'string') throw new RosterError('malformed', 'Expected a base64url string.');
	if (s.length % 4 === 1) throw new RosterError('malformed', 'Invalid base64url length.');
	const out = new Uint8Array(Math.floor((s.length * 6) / 8));
	let buffer = 0;
	let bits = 0;
	let written = 0;
	for (const char of s) {
		const value = ALPHABET_INDEX.get(char);
		if (value === undefined) {
			throw new RosterError('malformed', 'Invalid character in base64url string.');
		}
		buffer = ((buffer << 6) | value) & 0xfff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[written++] = (buffer >> bits) & 0xff;
		}
	}
	if ((buffer & ((1 << bits) - 1)) !== 0) {
		throw new RosterError('malformed', 'Non-canonical base64url string.');
	}
	return out;
}
