import { decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckInTokenError, type CheckInClaims, type TokenProblem } from '$lib/check-in-token';
import { openDb, type Db } from './db/index';
import { TokenSigner } from './tokens';

const NOW = Date.UTC(2026, 2, 14, 15, 0);
const CLAIMS: CheckInClaims = {
	sub: 'ab12cd',
	site: 'main',
	exp: Math.floor(Date.UTC(2026, 2, 15, 4, 0) / 1000),
	// 16 bytes of base64url: the size newRosterKey() produces.
	rk: 'q83vEjRWeJCrze8SNFZ4kA'
};

function decodePayload(token: string): unknown {
	const part = token.split('.')[1];
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

async function problemOf(promise: Promise<unknown>): Promise<TokenProblem> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof CheckInTokenError) return error.problem;
		throw error;
	}
	throw new Error('expected the token to be rejected');
}

let database: Db;

beforeEach(async () => {
	database = await openDb({ DATABASE_PATH: ':memory:' });
});

afterEach(async () => {
	await database.close();
});

describe('TokenSigner', () => {
	it('creates a key on first load and signs tokens it can verify', async () => {
		const signer = await TokenSigner.load(database.db);
		const token = await signer.sign(CLAIMS);
		await expect(signer.verify(token, 'main', NOW)).resolves.toEqual(CLAIMS);
		const keys = await database.db.selectFrom('signing_keys').selectAll().execute();
		expect(keys).toHaveLength(1);
	});

	it('verifies inside a transaction on SQLite with keys over a minute old, without waiting for the database', async () => {
		const signer = await TokenSigner.load(database.db);
		const token = await signer.sign(CLAIMS);
		// A kiosk's check-in verifies inside its sync transaction, a minute after the last read:
		// a read of the keys there would wait for SQLite's one connection, which this holds.
		const later = Date.now() + 61_000;
		const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
		try {
			const claims = await database.db.transaction().execute(async (trx) => {
				const verified = await signer.verify(token, 'main', NOW);
				await trx.selectFrom('signing_keys').select('kid').execute();
				return verified;
			});
			expect(claims).toEqual(CLAIMS);
		} finally {
			clock.mockRestore();
		}
	});

	it('reuses the active key on the next load', async () => {
		const first = await TokenSigner.load(database.db);
		const second = await TokenSigner.load(database.db);
		const token = await first.sign(CLAIMS);
		await expect(second.verify(token, 'main', NOW)).resolves.toEqual(CLAIMS);
		expect(second.publicJwks.keys).toHaveLength(1);
	});

	it('puts exactly sub, site, exp and rk in the payload and the kid in the header', async () => {
		const signer = await TokenSigner.load(database.db);
		const token = await signer.sign({ ...CLAIMS, extra: 'leak' } as CheckInClaims);
		expect(Object.keys(decodePayload(token) as object)).toEqual(['sub', 'site', 'exp', 'rk']);
		expect(decodePayload(token)).toEqual(CLAIMS);
		const header = decodeProtectedHeader(token);
		expect(header.alg).toBe('ES256');
		expect(header.kid).toBe(signer.publicJwks.keys[0].kid);
	});

	it('publishes only public key material', async () => {
		const signer = await TokenSigner.load(database.db);
		for (const key of signer.publicJwks.keys) {
			expect(key).not.toHaveProperty('d');
			expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
		}
	});

	it('keeps the whole QR URL within 250 characters', async () => {
		const signer = await TokenSigner.load(database.db);
		const token = await signer.sign({ ...CLAIMS, sub: 'Ab3dE9', site: 'nrth' });
		const url = `http://localhost:3000/c/${token}`;
		expect(url.length).toBeLessThanOrEqual(250);
	});

	it('rejects its own token once expired, or at another site', async () => {
		const signer = await TokenSigner.load(database.db);
		const token = await signer.sign(CLAIMS);
		expect(await problemOf(signer.verify(token, 'main', CLAIMS.exp * 1000))).toBe('expired');
		expect(await problemOf(signer.verify(token, 'north', NOW))).toBe('other-site');
	});

	// The JWKS is read against the real clock: letters for days still to come.
	const DAY = 86_400;
	const future = (days: number): CheckInClaims => ({
		...CLAIMS,
		exp: Math.floor(Date.now() / 1000) + days * DAY
	});

	it('still verifies a token signed before a rotation, and signs new ones with the new kid', async () => {
		const before = await TokenSigner.load(database.db);
		const claims = future(1);
		const oldToken = await before.sign(claims);
		const oldKid = decodeProtectedHeader(oldToken).kid;

		const newKid = await TokenSigner.rotate(database.db);
		expect(newKid).not.toBe(oldKid);

		const after = await TokenSigner.load(database.db);
		expect(after.publicJwks.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
		await expect(after.verify(oldToken, 'main')).resolves.toEqual(claims);

		const newToken = await after.sign(claims);
		expect(decodeProtectedHeader(newToken).kid).toBe(newKid);
		await expect(after.verify(newToken, 'main')).resolves.toEqual(claims);
		// A kiosk still holding the old JWKS cannot know the new key until it refreshes.
		expect(await problemOf(before.verify(newToken, 'main'))).toBe('not-ours');
	});

	it('keeps a rotated-out key until its latest letter expires, without its private half', async () => {
		const signer = await TokenSigner.load(database.db);
		const oldKid = signer.activeKid;
		// Next week's letter first, then today's: the later expiry is the one that counts.
		const nextWeek = future(7);
		await signer.sign(nextWeek);
		await signer.sign(future(1));
		await TokenSigner.rotate(database.db);
		const old = await database.db
			.selectFrom('signing_keys')
			.selectAll()
			.where('kid', '=', oldKid)
			.executeTakeFirstOrThrow();
		expect(Number(old.last_exp)).toBe(nextWeek.exp);
		expect(old.private_jwk).toBe('');
		expect(old.retired_at).not.toBeNull();
		await signer.reload();
		expect(signer.activeKid).not.toBe(oldKid);
		expect(signer.publicJwks.keys.map((k) => k.kid)).toContain(oldKid);
	});

	it('drops a rotated-out key from the JWKS once its last token has expired', async () => {
		const first = await TokenSigner.load(database.db);
		const claims = future(1);
		const oldToken = await first.sign(claims);
		const oldKid = decodeProtectedHeader(oldToken).kid as string;
		await TokenSigner.rotate(database.db);
		// As if that day had passed: the key's last token expired a second ago.
		await database.db
			.updateTable('signing_keys')
			.set({ last_exp: Math.floor(Date.now() / 1000) - 1 })
			.where('kid', '=', oldKid)
			.execute();

		const after = await TokenSigner.load(database.db);
		expect(after.publicJwks.keys.map((k) => k.kid)).not.toContain(oldKid);
		expect(await problemOf(after.verify(oldToken, 'main', claims.exp * 1000 - 1000))).toBe(
			'not-ours'
		);
	});

	it('drops at once a rotated-out key that never signed anything', async () => {
		const first = await TokenSigner.load(database.db);
		const unused = first.activeKid;
		await TokenSigner.rotate(database.db);
		await first.reload();
		expect(first.publicJwks.keys.map((k) => k.kid)).not.toContain(unused);
	});
});
