import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
	password: string,
	salt: Buffer,
	keylen: number,
	options: { N: number; r: number; p: number }
) => Promise<Buffer>;

const SCRYPT = { N: 16384, r: 8, p: 1 };

export function randomToken(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}

/** Tokens and codes are stored only as hashes: a copied database opens no device or session. */
export function sha256(value: string): string {
	return createHash('sha256').update(value).digest('base64url');
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const hash = await scryptAsync(password.normalize('NFKC'), salt, 32, SCRYPT);
	return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, saltText, hashText] = stored.split('$');
	if (scheme !== 'scrypt' || !saltText || !hashText) return false;
	const expected = Buffer.from(hashText, 'base64url');
	const actual = await scryptAsync(
		password.normalize('NFKC'),
		Buffer.from(saltText, 'base64url'),
		expected.length,
		SCRYPT
	);
	return timingSafeEqual(expected, actual);
}

const SHORT_ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Short opaque ids (appointments): they go into every QR, so every character counts. */
export function shortId(length = 6): string {
	const bytes = randomBytes(length);
	let out = '';
	for (const b of bytes) out += SHORT_ID_ALPHABET[b % SHORT_ID_ALPHABET.length];
	return out;
}

/** A six-digit pairing code, easy to type on a TV remote or a tablet. */
export function pairingCode(): string {
	return String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
}
