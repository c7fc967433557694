/**
 * Roster encryption (DESIGN §5). Each appointment's record is sealed twice with AES-GCM:
 * `byKey` under the appointment's random 128-bit rosterKey (carried only by the patient's QR),
 * and `byLookup` under a PBKDF2 key from last name + date of birth + the site's daily salt, for
 * patients without their QR. A stolen tablet holds nothing readable without one of the two.
 *
 * Isomorphic on purpose: Web Crypto only, so the server that builds the roster and the kiosk
 * that opens it run this same code and cannot drift apart on normalisation or envelope format.
 */
import type { Envelope, EncryptedRosterEntry, RosterRecord } from './roster-types';
import { fromBase64Url, toBase64Url } from './base64url';
import { normalizeDob, normalizeLastName } from './normalize';
import { isObject, isRosterRecord } from './record-shape';
import { RosterError } from './roster-error';

// --- keys and salts ----------------------------------------------------------------------------

const ROSTER_KEY_BYTES = 16;
const LOOKUP_SALT_BYTES = 16;
const IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

function randomBase64Url(length: number): string {
	return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(length)));
}

/** 128 bits, 22 characters: long enough to be unguessable, short enough for the QR budget. */
export function newRosterKey(): string {
	return randomBase64Url(ROSTER_KEY_BYTES);
}

/** A new salt every site day, so guesses precomputed for one day's roster are useless the next. */
export function newLookupSalt(): string {
	return randomBase64Url(LOOKUP_SALT_BYTES);
}

// --- lookup derivation -------------------------------------------------------------------------

export interface RosterLookup {
	/** AES-256-GCM key for the `byLookup` envelope; never extractable. */
	key: CryptoKey;
	/** base64url tag stored beside the envelope to find candidate rows without decrypting. */
	tag: string;
}

/**
 * One PBKDF2 run gives both the key and the tag. They are disjoint halves of the output, so the
 * stored tag reveals nothing about the key; but guessing a name + DOB against a tag is exactly
 * as costly as guessing against the envelope, and `iterations` is what sets that cost.
 */
export async function deriveLookup(
	lastName: string,
	dob: string,
	salt: string,
	iterations: number
): Promise<RosterLookup> {
	if (!Number.isSafeInteger(iterations) || iterations < 1) {
		throw new RosterError('malformed', 'PBKDF2 iterations must be a positive integer.');
	}
	const saltBytes = fromBase64Url(salt);
	if (saltBytes.length < LOOKUP_SALT_BYTES) {
		throw new RosterError('malformed', `Lookup salt must be at least ${LOOKUP_SALT_BYTES} bytes.`);
	}
	const secret = new TextEncoder().encode(`${normalizeLastName(lastName)}|${normalizeDob(dob)}`);
	const subtle = globalThis.crypto.subtle;
	const baseKey = await subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits']);
	const bits = new Uint8Array(
		await subtle.deriveBits(
			{ name: 'PBKDF2', hash: 'SHA-256', salt: saltBytes, iterations },
			baseKey,
			384
		)
	);
	const key = await subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, [
		'encrypt',
		'decrypt'
	]);
	return { key, tag: toBase64Url(bits.slice(32)) };
}

// --- envelopes ---------------------------------------------------------------------------------

async function importRosterKey(rosterKey: string): Promise<CryptoKey> {
	let raw: Uint8Array<ArrayBuffer>;
	try {
		raw = fromBase64Url(rosterKey);
	} catch {
		throw new RosterError('bad-key', 'Roster key is not base64url.');
	}
	if (raw.length !== ROSTER_KEY_BYTES) {
		throw new RosterError('bad-key', `Roster key must be ${ROSTER_KEY_BYTES} bytes.`);
	}
	return globalThis.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/**
 * The appointment id is the AES-GCM additional data: it is authenticated but not secret. Without
 * it an envelope copied onto another row would still open there — twins share one lookup key,
 * so one twin's record would be shown for the other.
 */
function additionalData(appointmentId: string): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(appointmentId);
}

async function seal(record: RosterRecord, key: CryptoKey): Promise<Envelope> {
	const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const plaintext = new TextEncoder().encode(JSON.stringify(record));
	const ct = await globalThis.crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: additionalData(record.appointmentId) },
		key,
		plaintext
	);
	return { iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ct)) };
}

export async function encryptRecord(
	record: RosterRecord,
	rosterKey: string,
	lookup: RosterLookup,
	appointmentId: string
): Promise<EncryptedRosterEntry> {
	if (!isRosterRecord(record)) throw new RosterError('malformed', 'Not a roster record.');
	if (record.appointmentId !== appointmentId) {
		throw new RosterError('malformed', 'Record belongs to a different appointment.');
	}
	const [byKey, byLookup] = await Promise.all([
		seal(record, await importRosterKey(rosterKey)),
		seal(record, lookup.key)
	]);
	return { appointmentId, byKey, byLookup: { ...byLookup, tag: lookup.tag } };
}

/** Returns the record only once every check has passed; any failure throws a RosterError. */
async function open(
	entry: EncryptedRosterEntry,
	which: 'byKey' | 'byLookup',
	key: CryptoKey
): Promise<RosterRecord> {
	// Entries come back from IndexedDB, so their shape is checked, not trusted.
	const envelope: unknown = isObject(entry) ? entry[which] : undefined;
	if (
		!isObject(envelope) ||
		typeof envelope.iv !== 'string' ||
		typeof envelope.ct !== 'string' ||
		typeof entry.appointmentId !== 'string'
	) {
		throw new RosterError('malformed', 'Roster entry is incomplete.');
	}
	const iv = fromBase64Url(envelope.iv);
	const ct = fromBase64Url(envelope.ct);
	if (iv.length !== IV_BYTES || ct.length < GCM_TAG_BYTES) {
		throw new RosterError('malformed', 'Envelope has the wrong size.');
	}
	let plaintext: ArrayBuffer;
	try {
		plaintext = await globalThis.crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: additionalData(entry.appointmentId) },
			key,
			ct
		);
	} catch {
		throw new RosterError('bad-key', 'The key does not open this entry, or it was changed.');
	}
	let record: unknown;
	try {
		record = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
	} catch {
		throw new RosterError('malformed', 'Decrypted entry is not JSON.');
	}
	if (!isRosterRecord(record)) throw new RosterError('malformed', 'Not a roster record.');
	// Unreachable through AAD alone; guards against an encryptor that sealed the wrong record.
	if (record.appointmentId !== entry.appointmentId) {
		throw new RosterError('tampered', 'Record belongs to a different appointment.');
	}
	return record;
}

export async function decryptWithRosterKey(
	entry: EncryptedRosterEntry,
	rosterKey: string
): Promise<RosterRecord> {
	return open(entry, 'byKey', await importRosterKey(rosterKey));
}

export async function decryptWithLookup(
	entry: EncryptedRosterEntry,
	key: CryptoKey
): Promise<RosterRecord> {
	return open(entry, 'byLookup', key);
}

/**
 * Every row whose tag matches, decrypted: several for twins sharing last name and DOB, and the
 * caller then asks for a first initial. A matching row that fails to open was changed (the tag
 * proves the key is right), so the whole lookup fails rather than quietly hiding a patient.
 */
export async function findByLookup(
	entries: readonly EncryptedRosterEntry[],
	lastName: string,
	dob: string,
	salt: string,
	iterations: number
): Promise<RosterRecord[]> {
	const { key, tag } = await deriveLookup(lastName, dob, salt, iterations);
	const matches = entries.filter((entry) => entry?.byLookup?.tag === tag);
	return Promise.all(
		matches.map(async (entry) => {
			try {
				return await decryptWithLookup(entry, key);
			} catch (error) {
				if (error instanceof RosterError && error.code === 'bad-key') {
					throw new RosterError('tampered', 'A matching roster entry was changed.');
				}
				throw error;
			}
		})
	);
}
