import { describe, expect, it } from 'vitest';
import {
	decryptWithLookup,
	decryptWithRosterKey,
	deriveLookup,
	encryptRecord,
	findByLookup,
	newLookupSalt,
	newRosterKey
} from '$lib/roster/roster-crypto';
import { fromBase64Url, toBase64Url } from '$lib/roster/base64url';
import { normalizeDob, normalizeLastName } from '$lib/roster/normalize';
import { RosterError, type RosterErrorCode } from '$lib/roster/roster-error';
import type { EncryptedRosterEntry, RosterRecord } from '$lib/roster/roster-types';

// Low on purpose: the tests check behaviour, not the cost of guessing.
const ITERATIONS = 1000;

function makeRecord(
	appointmentId: string,
	patient: Partial<RosterRecord['patient']> = {}
): RosterRecord {
	return {
		appointmentId,
		siteId: 'site-north',
		siteDay: '2025-03-14',
		ticket: 'A-017',
		providerId: 'prov-1',
		providerName: 'Dr. Adeyemi',
		slotAt: 1_741_950_000_000,
		durationMin: 20,
		status: 'booked',
		patient: {
			firstName: 'Philippa',
			lastName: "O'Brien-Smith",
			dob: '1984-02-29',
			phone: '+1 415 555 0142',
			email: 'philippa.obrien@example.org',
			address: '1187 Wintergreen Crescent, Apt 4B',
			preferredLanguage: 'en',
			...patient
		},
		coverage: {
			payer: 'Blue Harbor Health',
			memberIdMasked: '•••••4821',
			groupNumber: 'GRP-99120',
			relationship: 'self',
			copayCents: 2500,
			verified: true
		}
	};
}

async function seal(record: RosterRecord, salt: string) {
	const rosterKey = newRosterKey();
	const lookup = await deriveLookup(record.patient.lastName, record.patient.dob, salt, ITERATIONS);
	const entry = await encryptRecord(record, rosterKey, lookup, record.appointmentId);
	return { entry, rosterKey, lookup };
}

async function expectRosterError(promise: Promise<unknown>, code: RosterErrorCode) {
	const error: unknown = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(RosterError);
	expect((error as RosterError).code).toBe(code);
}

/** Flips one bit of a base64url value, keeping it valid base64url of the same length. */
function flipBit(value: string, byteIndex: number): string {
	const bytes = fromBase64Url(value);
	bytes[byteIndex] ^= 0x01;
	return toBase64Url(bytes);
}

/** AES-GCM with the module's envelope format, to feed `open` plaintexts it would never write. */
async function sealRaw(plaintext: string, rosterKey: string, appointmentId: string) {
	const key = await crypto.subtle.importKey('raw', fromBase64Url(rosterKey), 'AES-GCM', false, [
		'encrypt'
	]);
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ct = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(appointmentId) },
		key,
		new TextEncoder().encode(plaintext)
	);
	return { iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ct)) };
}

describe('base64url', () => {
	it('round-trips every length and matches the RFC 4648 alphabet', () => {
		for (let length = 0; length < 40; length++) {
			const bytes = crypto.getRandomValues(new Uint8Array(length));
			const text = toBase64Url(bytes);
			expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
			expect(fromBase64Url(text)).toEqual(bytes);
		}
		expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
		expect(toBase64Url(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy');
		expect(toBase64Url(new TextEncoder().encode('fo'))).toBe('Zm8');
	});

	it('rejects standard-base64 characters, padding, bad lengths and stray bits', () => {
		for (const bad of ['+_8', '/_8', 'Zm8=', 'Zm 8', 'Zm8\n', 'é', 'Zm9vY', '-_9']) {
			expect(() => fromBase64Url(bad), bad).toThrow(RosterError);
		}
	});
});

describe('keys and salts', () => {
	it('makes 128-bit roster keys of 22 characters, different every time', () => {
		const a = newRosterKey();
		const b = newRosterKey();
		expect(a).toHaveLength(22);
		expect(fromBase64Url(a)).toHaveLength(16);
		expect(a).not.toBe(b);
		expect(fromBase64Url(newLookupSalt())).toHaveLength(16);
	});
});

describe('lookup normalisation', () => {
	it('treats spelling variants of one last name as the same name', () => {
		for (const variant of ["O'Brien-Smith", 'obrien smith', 'O’BRIEN SMITH', ' O.Brien–Smith ']) {
			expect(normalizeLastName(variant), variant).toBe('obriensmith');
		}
		expect(normalizeLastName('Núñez')).toBe('nunez');
		expect(normalizeLastName('Strauß')).toBe('strauss');
		expect(normalizeLastName('Søren')).toBe('soren');
		expect(normalizeLastName('OBrien')).not.toBe(normalizeLastName('OBryan'));
	});

	it('rejects a name with no letters left', () => {
		expect(() => normalizeLastName(" -'. ")).toThrow(RosterError);
	});

	it('accepts only real dates written YYYY-MM-DD', () => {
		expect(normalizeDob('1984-02-29')).toBe('1984-02-29');
		for (const bad of ['02/29/1984', '1984-2-29', '1985-02-29', '1984-13-01', ' 1984-02-29']) {
			expect(() => normalizeDob(bad), bad).toThrow(RosterError);
		}
	});

	it('derives the same key and tag for name variants, and a different tag for another DOB', async () => {
		const salt = newLookupSalt();
		const a = await deriveLookup("O'Brien-Smith", '1984-02-29', salt, ITERATIONS);
		const b = await deriveLookup('O’BRIEN SMITH', '1984-02-29', salt, ITERATIONS);
		const otherDob = await deriveLookup("O'Brien-Smith", '1984-02-28', salt, ITERATIONS);
		const otherSalt = await deriveLookup(
			"O'Brien-Smith",
			'1984-02-29',
			newLookupSalt(),
			ITERATIONS
		);
		expect(a.tag).toHaveLength(22);
		expect(b.tag).toBe(a.tag);
		expect(otherDob.tag).not.toBe(a.tag);
		expect(otherSalt.tag).not.toBe(a.tag);

		// b's key opens what a's key sealed: the keys are equal, not just the tags.
		const record = makeRecord('apt-1');
		const entry = await encryptRecord(record, newRosterKey(), a, 'apt-1');
		expect(await decryptWithLookup(entry, b.key)).toEqual(record);
		await expectRosterError(decryptWithLookup(entry, otherDob.key), 'bad-key');
	});

	it('keeps the lookup key inside Web Crypto', async () => {
		const { key } = await deriveLookup('Lee', '1990-01-01', newLookupSalt(), ITERATIONS);
		expect(key.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
	});
});

describe('encrypt and decrypt', () => {
	it('round-trips a record through both envelopes', async () => {
		const salt = newLookupSalt();
		const record = makeRecord('apt-1');
		const { entry, rosterKey } = await seal(record, salt);

		expect(entry.appointmentId).toBe('apt-1');
		expect(fromBase64Url(entry.byKey.iv)).toHaveLength(12);
		expect(fromBase64Url(entry.byLookup.iv)).toHaveLength(12);
		expect(await decryptWithRosterKey(entry, rosterKey)).toEqual(record);

		const typed = await deriveLookup('obrien smith', '1984-02-29', salt, ITERATIONS);
		expect(entry.byLookup.tag).toBe(typed.tag);
		expect(await decryptWithLookup(entry, typed.key)).toEqual(record);
	});

	it('uses a fresh IV each time, so the same record never gives the same ciphertext', async () => {
		const salt = newLookupSalt();
		const record = makeRecord('apt-1');
		const lookup = await deriveLookup('Lee', '1990-01-01', salt, ITERATIONS);
		const rosterKey = newRosterKey();
		const first = await encryptRecord(record, rosterKey, lookup, 'apt-1');
		const second = await encryptRecord(record, rosterKey, lookup, 'apt-1');
		expect(second.byKey.iv).not.toBe(first.byKey.iv);
		expect(second.byKey.ct).not.toBe(first.byKey.ct);
		expect(second.byLookup.ct).not.toBe(first.byLookup.ct);
	});

	it('refuses to seal a record under another appointment id', async () => {
		const lookup = await deriveLookup('Lee', '1990-01-01', newLookupSalt(), ITERATIONS);
		await expectRosterError(
			encryptRecord(makeRecord('apt-1'), newRosterKey(), lookup, 'apt-2'),
			'malformed'
		);
	});

	it('stores none of the patient details in readable form', async () => {
		const record = makeRecord('apt-1');
		const { entry } = await seal(record, newLookupSalt());
		const stored = JSON.stringify(entry).toLowerCase();
		const { patient } = record;
		for (const plain of [
			patient.firstName,
			patient.lastName,
			normalizeLastName(patient.lastName),
			patient.dob,
			patient.phone,
			patient.phone.replace(/\D/g, ''),
			patient.email,
			patient.address,
			'wintergreen',
			record.coverage?.payer ?? 'coverage missing from fixture'
		]) {
			expect(stored, plain).not.toContain(plain.toLowerCase());
		}
	});
});

describe('failing closed', () => {
	it('rejects a wrong roster key, and a key that is not 16 bytes of base64url', async () => {
		const { entry } = await seal(makeRecord('apt-1'), newLookupSalt());
		await expectRosterError(decryptWithRosterKey(entry, newRosterKey()), 'bad-key');
		await expectRosterError(decryptWithRosterKey(entry, newLookupSalt().slice(0, 20)), 'bad-key');
		await expectRosterError(decryptWithRosterKey(entry, 'not+base64url/at=all!!'), 'bad-key');
	});

	it('rejects a changed ciphertext, GCM tag or IV in either envelope', async () => {
		const { entry, rosterKey, lookup } = await seal(makeRecord('apt-1'), newLookupSalt());
		const ctBytes = fromBase64Url(entry.byKey.ct).length;
		const changedKeyEnvelopes = [
			{ ...entry.byKey, ct: flipBit(entry.byKey.ct, 0) },
			{ ...entry.byKey, ct: flipBit(entry.byKey.ct, ctBytes - 1) },
			{ ...entry.byKey, iv: flipBit(entry.byKey.iv, 5) },
			{ ...entry.byKey, ct: toBase64Url(fromBase64Url(entry.byKey.ct).slice(0, ctBytes - 1)) }
		];
		for (const byKey of changedKeyEnvelopes) {
			await expectRosterError(decryptWithRosterKey({ ...entry, byKey }, rosterKey), 'bad-key');
		}
		const byLookupCt = { ...entry.byLookup, ct: flipBit(entry.byLookup.ct, 3) };
		const byLookupIv = { ...entry.byLookup, iv: flipBit(entry.byLookup.iv, 0) };
		for (const byLookup of [byLookupCt, byLookupIv]) {
			await expectRosterError(decryptWithLookup({ ...entry, byLookup }, lookup.key), 'bad-key');
		}
		// The untouched entry still opens: the failures above come from the changes alone.
		expect((await decryptWithRosterKey(entry, rosterKey)).appointmentId).toBe('apt-1');
	});

	it('rejects a ciphertext moved to another row, even under the right key', async () => {
		const salt = newLookupSalt();
		// Twins: same last name and DOB, so the same lookup key opens both rows' byLookup.
		const a = await seal(makeRecord('apt-a', { firstName: 'Ada' }), salt);
		const b = await seal(makeRecord('apt-b', { firstName: 'Bea' }), salt);
		expect(a.lookup.tag).toBe(b.lookup.tag);

		const rowBWithA: EncryptedRosterEntry = { ...b.entry, byLookup: a.entry.byLookup };
		await expectRosterError(decryptWithLookup(rowBWithA, a.lookup.key), 'bad-key');

		const rowBWithAKey: EncryptedRosterEntry = { ...b.entry, byKey: a.entry.byKey };
		await expectRosterError(decryptWithRosterKey(rowBWithAKey, a.rosterKey), 'bad-key');
	});

	it('rejects malformed base64url and envelopes of the wrong size as malformed', async () => {
		const { entry, rosterKey } = await seal(makeRecord('apt-1'), newLookupSalt());
		const broken: EncryptedRosterEntry[] = [
			{ ...entry, byKey: { ...entry.byKey, iv: entry.byKey.iv.replace(/^./, '+') } },
			{ ...entry, byKey: { ...entry.byKey, ct: `${entry.byKey.ct}=` } },
			{ ...entry, byKey: { ...entry.byKey, ct: `${entry.byKey.ct.slice(0, -1)}*` } },
			{ ...entry, byKey: { ...entry.byKey, iv: toBase64Url(new Uint8Array(11)) } },
			{ ...entry, byKey: { ...entry.byKey, ct: toBase64Url(new Uint8Array(15)) } },
			{ appointmentId: 'apt-1', byLookup: entry.byLookup } as unknown as EncryptedRosterEntry
		];
		for (const bad of broken) {
			await expectRosterError(decryptWithRosterKey(bad, rosterKey), 'malformed');
		}
	});

	it('rejects authentic plaintext that is not a whole roster record', async () => {
		const rosterKey = newRosterKey();
		const record = makeRecord('apt-1');
		const { patient, ...withoutPatient } = record;
		const plaintexts = [
			'not json',
			'null',
			JSON.stringify({ appointmentId: 'apt-1' }),
			JSON.stringify(withoutPatient),
			JSON.stringify({ ...record, status: 'teleported' }),
			JSON.stringify({ ...record, slotAt: '9am' }),
			JSON.stringify({ ...record, patient: { ...patient, dob: 19840229 } }),
			JSON.stringify({ ...record, coverage: { payer: 'Blue Harbor Health' } })
		];
		for (const plaintext of plaintexts) {
			const entry = { appointmentId: 'apt-1', byKey: await sealRaw(plaintext, rosterKey, 'apt-1') };
			await expectRosterError(
				decryptWithRosterKey(entry as unknown as EncryptedRosterEntry, rosterKey),
				'malformed'
			);
		}
		// Control: the same path accepts the whole record, and coverage may be null.
		const whole = { ...record, coverage: null };
		const good = {
			appointmentId: 'apt-1',
			byKey: await sealRaw(JSON.stringify(whole), rosterKey, 'apt-1')
		};
		expect(await decryptWithRosterKey(good as unknown as EncryptedRosterEntry, rosterKey)).toEqual(
			whole
		);
	});

	it('rejects an authentic record that names another appointment than its row', async () => {
		const rosterKey = newRosterKey();
		const plaintext = JSON.stringify(makeRecord('apt-2'));
		const entry = { appointmentId: 'apt-1', byKey: await sealRaw(plaintext, rosterKey, 'apt-1') };
		await expectRosterError(
			decryptWithRosterKey(entry as unknown as EncryptedRosterEntry, rosterKey),
			'tampered'
		);
	});
});

describe('findByLookup', () => {
	it('returns every matching row (twins) and none of the others', async () => {
		const salt = newLookupSalt();
		const rows = await Promise.all([
			seal(makeRecord('apt-a', { firstName: 'Ada' }), salt),
			seal(makeRecord('apt-x', { firstName: 'Xavier', dob: '1984-03-01' }), salt),
			seal(makeRecord('apt-b', { firstName: 'Bea' }), salt),
			seal(makeRecord('apt-y', { firstName: 'Yusuf', lastName: 'Obrien' }), salt)
		]);
		const entries = rows.map((row) => row.entry);

		const found = await findByLookup(entries, 'obrien smith', '1984-02-29', salt, ITERATIONS);
		expect(found.map((r) => r.patient.firstName).sort()).toEqual(['Ada', 'Bea']);
		expect(found.map((r) => r.appointmentId).sort()).toEqual(['apt-a', 'apt-b']);

		const single = await findByLookup(entries, 'OBRIEN', '1984-02-29', salt, ITERATIONS);
		expect(single.map((r) => r.appointmentId)).toEqual(['apt-y']);

		expect(await findByLookup(entries, 'obrien smith', '1984-02-28', salt, ITERATIONS)).toEqual([]);
		// Same name and DOB under another day's salt finds nothing.
		expect(
			await findByLookup(entries, 'obrien smith', '1984-02-29', newLookupSalt(), ITERATIONS)
		).toEqual([]);
	});

	it('fails the whole lookup when a matching row was changed', async () => {
		const salt = newLookupSalt();
		const a = await seal(makeRecord('apt-a', { firstName: 'Ada' }), salt);
		const b = await seal(makeRecord('apt-b', { firstName: 'Bea' }), salt);
		const swapped: EncryptedRosterEntry = { ...b.entry, byLookup: a.entry.byLookup };
		await expectRosterError(
			findByLookup([a.entry, swapped], "O'Brien-Smith", '1984-02-29', salt, ITERATIONS),
			'tampered'
		);
	});
});
