import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';

/**
 * Check-in tokens (DESIGN §4): compact JWS, ES256, payload { sub, site, exp, rk }.
 * Shared by the server and the kiosk, which verifies offline against the cached JWKS.
 */
export interface CheckInClaims {
	/** Appointment id. */
	sub: string;
	site: string;
	/** Seconds since the epoch: the end of the appointment's site day. */
	exp: number;
	/** base64url 128-bit roster key for this appointment's encrypted roster entry. */
	rk: string;
}

export interface Jwks {
	keys: JWK[];
}

export type TokenProblem = 'not-ours' | 'bad-signature' | 'expired' | 'other-site' | 'malformed';

export class CheckInTokenError extends Error {
	constructor(readonly problem: TokenProblem) {
		super(`check-in token rejected: ${problem}`);
		this.name = 'CheckInTokenError';
	}
}

const JWS_SHAPE = /^[A-Za-z0-9_-]{10,200}\.[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{40,200}$/;

/** Pulls the token out of what a scanner read: our URL `<base>/c/<token>` or a bare token. */
export function extractToken(scanned: string): string | null {
	const text = scanned.trim();
	const match = /\/c\/([A-Za-z0-9_.-]+)\/?$/.exec(text);
	const candidate = match ? match[1] : text;
	return JWS_SHAPE.test(candidate) ? candidate : null;
}

function isClaims(value: unknown): value is CheckInClaims {
	if (typeof value !== 'object' || value === null) return false;
	const c = value as Record<string, unknown>;
	return (
		typeof c.sub === 'string' &&
		/^[A-Za-z0-9]{4,16}$/.test(c.sub) &&
		typeof c.site === 'string' &&
		typeof c.exp === 'number' &&
		typeof c.rk === 'string' &&
		/^[A-Za-z0-9_-]{22}$/.test(c.rk)
	);
}

const keyCache = new WeakMap<JWK, Promise<CryptoKey | Uint8Array>>();

export async function verifyCheckInToken(
	token: string,
	jwks: Jwks,
	siteId: string,
	now = Date.now()
): Promise<CheckInClaims> {
	let kid: string | undefined;
	try {
		const header = decodeProtectedHeader(token);
		if (header.alg !== 'ES256') throw new CheckInTokenError('not-ours');
		kid = header.kid;
	} catch (e) {
		if (e instanceof CheckInTokenError) throw e;
		throw new CheckInTokenError('malformed');
	}
	const jwk = jwks.keys.find((k) => k.kid === kid);
	if (!jwk) throw new CheckInTokenError('not-ours');
	let key = keyCache.get(jwk);
	if (!key) {
		key = importJWK(jwk, 'ES256');
		keyCache.set(jwk, key);
	}
	let payload: Uint8Array;
	try {
		({ payload } = await compactVerify(token, await key, { algorithms: ['ES256'] }));
	} catch {
		throw new CheckInTokenError('bad-signature');
	}
	let claims: unknown;
	try {
		claims = JSON.parse(new TextDecoder().decode(payload));
	} catch {
		throw new CheckInTokenError('malformed');
	}
	if (!isClaims(claims)) throw new CheckInTokenError('malformed');
	if (claims.site !== siteId) throw new CheckInTokenError('other-site');
	if (claims.exp * 1000 <= now) throw new CheckInTokenError('expired');
	return claims;
}
