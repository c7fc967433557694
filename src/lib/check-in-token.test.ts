import { CompactSign, exportJWK, generateKeyPair, type CryptoKey as JoseKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	CheckInTokenError,
	extractToken,
	verifyCheckInToken,
	type CheckInClaims,
	type Jwks,
	type TokenProblem
} from './check-in-token';

const NOW = Date.UTC(2026, 2, 14, 15, 0);
const END_OF_DAY = Math.floor(Date.UTC(2026, 2, 15, 4, 0) / 1000);
const CLAIMS: CheckInClaims = {
	sub: 'ab12cd',
	site: 'main',
	exp: END_OF_DAY,
	rk: 'AAECAwQFBgcICQoLDA0ODw'
};

let privateKey: JoseKey;
let jwks: Jwks;

async function sign(
	payload: unknown,
	key: JoseKey = privateKey,
	header: { alg: string; kid?: string } = { alg: 'ES256', kid: 'k1' }
): Promise<string> {
	return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
		.setProtectedHeader(header)
		.sign(key);
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

beforeAll(async () => {
	const pair = await generateKeyPair('ES256', { extractable: true });
	privateKey = pair.privateKey;
	jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
});

describe('verifyCheckInToken', () => {
	it('returns the claims of a token signed by a key in the JWKS', async () => {
		const token = await sign(CLAIMS);
		await expect(verifyCheckInToken(token, jwks, 'main', NOW)).resolves.toEqual(CLAIMS);
	});

	it('rejects a token whose end-of-day has passed as expired', async () => {
		const token = await sign(CLAIMS);
		expect(await problemOf(verifyCheckInToken(token, jwks, 'main', END_OF_DAY * 1000))).toBe(
			'expired'
		);
	});

	it('rejects a token for another site', async () => {
		const token = await sign(CLAIMS);
		expect(await problemOf(verifyCheckInToken(token, jwks, 'north', NOW))).toBe('other-site');
	});

	it('rejects a token with one signature character changed', async () => {
		const token = await sign(CLAIMS);
		const [header, payload, signature] = token.split('.');
		const i = 20;
		const flipped = signature[i] === 'A' ? 'B' : 'A';
		const tampered = `${header}.${payload}.${signature.slice(0, i)}${flipped}${signature.slice(i + 1)}`;
		expect(await problemOf(verifyCheckInToken(tampered, jwks, 'main', NOW))).toBe('bad-signature');
	});

	it('rejects a token whose payload was swapped under a valid signature', async () => {
		const token = await sign(CLAIMS);
		const other = await sign({ ...CLAIMS, sub: 'zz99zz' });
		const [header, , signature] = token.split('.');
		const forged = `${header}.${other.split('.')[1]}.${signature}`;
		expect(await problemOf(verifyCheckInToken(forged, jwks, 'main', NOW))).toBe('bad-signature');
	});

	it('treats a token signed by a key not in the JWKS as not ours', async () => {
		const stranger = await generateKeyPair('ES256');
		const token = await sign(CLAIMS, stranger.privateKey, { alg: 'ES256', kid: 'k9' });
		expect(await problemOf(verifyCheckInToken(token, jwks, 'main', NOW))).toBe('not-ours');
	});

	it('treats a token with another algorithm as not ours, even with a known kid', async () => {
		const secret = new Uint8Array(32).fill(7);
		const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(CLAIMS)))
			.setProtectedHeader({ alg: 'HS256', kid: 'k1' })
			.sign(secret);
		expect(await problemOf(verifyCheckInToken(token, jwks, 'main', NOW))).toBe('not-ours');
	});

	it('calls garbage malformed', async () => {
		expect(await problemOf(verifyCheckInToken('hello', jwks, 'main', NOW))).toBe('malformed');
		expect(await problemOf(verifyCheckInToken('a.b.c', jwks, 'main', NOW))).toBe('malformed');
	});

	it('calls a correctly signed token with the wrong claim shapes malformed', async () => {
		const noRosterKey = await sign({ sub: CLAIMS.sub, site: 'main', exp: END_OF_DAY });
		const longId = await sign({ ...CLAIMS, sub: 'x'.repeat(40) });
		const notJson = await new CompactSign(new TextEncoder().encode('not json'))
			.setProtectedHeader({ alg: 'ES256', kid: 'k1' })
			.sign(privateKey);
		for (const token of [noRosterKey, longId, notJson]) {
			expect(await problemOf(verifyCheckInToken(token, jwks, 'main', NOW))).toBe('malformed');
		}
	});
});

describe('extractToken', () => {
	let token: string;
	beforeAll(async () => {
		token = await sign(CLAIMS);
	});

	it('takes the token out of our check-in URL', () => {
		expect(extractToken(`http://localhost:3000/c/${token}`)).toBe(token);
		expect(extractToken(`https://clinic.example.org/c/${token}`)).toBe(token);
	});

	it('accepts a trailing slash and surrounding whitespace', () => {
		expect(extractToken(`http://localhost:3000/c/${token}/`)).toBe(token);
		expect(extractToken(`  http://localhost:3000/c/${token}\n`)).toBe(token);
	});

	it('accepts a bare token', () => {
		expect(extractToken(token)).toBe(token);
	});

	it('returns null for anything else', () => {
		for (const junk of [
			'',
			'hello world',
			'https://example.com/',
			'https://example.com/c/',
			'https://example.com/c/not-a-token',
			`https://example.com/x/${token}?utm=1`,
			'WIFI:S:clinic;T:WPA;P:secret;;',
			'a.b.c'
		]) {
			expect(extractToken(junk), junk).toBeNull();
		}
	});
});
