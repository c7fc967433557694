import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { verifyCheckInToken, type CheckInClaims, type Jwks } from '$lib/check-in-token';

/**
 * Signing keys for check-in QR codes. The private key lives only in the database; the public
 * half is served as a JWKS so kiosks verify tokens offline. Keys rotate by `kid`: a retired key
 * still verifies until its tokens have expired (end of their day).
 */
export class TokenSigner {
	private constructor(
		private readonly kid: string,
		private readonly privateKey: CryptoKey,
		private readonly jwks: Jwks
	) {}

	static async load(db: Kysely<Database>): Promise<TokenSigner> {
		let active = await db
			.selectFrom('signing_keys')
			.selectAll()
			.where('retired_at', 'is', null)
			.orderBy('created_at', 'desc')
			.executeTakeFirst();
		if (!active) {
			await TokenSigner.rotate(db);
			active = await db
				.selectFrom('signing_keys')
				.selectAll()
				.where('retired_at', 'is', null)
				.orderBy('created_at', 'desc')
				.executeTakeFirstOrThrow();
		}
		const all = await db
			.selectFrom('signing_keys')
			.select(['public_jwk'])
			.where((eb) =>
				eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', Date.now() - 2 * 86_400_000)])
			)
			.execute();
		const privateKey = (await importJWK(
			JSON.parse(active.private_jwk) as JWK,
			'ES256'
		)) as CryptoKey;
		return new TokenSigner(active.kid, privateKey, {
			keys: all.map((k) => JSON.parse(k.public_jwk) as JWK)
		});
	}

	/** Creates a new active key and retires the previous one. */
	static async rotate(db: Kysely<Database>): Promise<string> {
		const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
		const count = await db
			.selectFrom('signing_keys')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		// A short kid keeps the QR small (DESIGN §4: the whole URL stays under 250 characters).
		const kid = String(Number(count.n) + 1);
		const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
		const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
		const now = Date.now();
		await db.transaction().execute(async (trx) => {
			await trx
				.updateTable('signing_keys')
				.set({ retired_at: now })
				.where('retired_at', 'is', null)
				.execute();
			await trx
				.insertInto('signing_keys')
				.values({
					kid,
					private_jwk: JSON.stringify(privateJwk),
					public_jwk: JSON.stringify(publicJwk),
					created_at: now,
					retired_at: null
				})
				.execute();
		});
		return kid;
	}

	get publicJwks(): Jwks {
		return this.jwks;
	}

	async sign(claims: CheckInClaims): Promise<string> {
		// Compact JSON with fixed key order: the smallest payload that carries the claims.
		const payload = JSON.stringify({
			sub: claims.sub,
			site: claims.site,
			exp: claims.exp,
			rk: claims.rk
		});
		return new CompactSign(new TextEncoder().encode(payload))
			.setProtectedHeader({ alg: 'ES256', kid: this.kid })
			.sign(this.privateKey);
	}

	verify(token: string, siteId: string, now = Date.now()) {
		return verifyCheckInToken(token, this.jwks, siteId, now);
	}
}
