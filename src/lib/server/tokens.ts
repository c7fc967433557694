import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { verifyCheckInToken, type CheckInClaims, type Jwks } from '$lib/check-in-token';

/** Another process (a second app instance, `npm run keys`) may rotate: look again this often. */
const RELOAD_MS = 60_000;

interface Loaded {
	kid: string;
	privateKey: CryptoKey;
	/** The latest `exp` the active key has signed, as stored (seconds). */
	lastExp: number;
	jwks: Jwks;
	at: number;
}

/**
 * Signing keys for check-in QR codes. The private key lives only in the database; the public
 * half is served as a JWKS so kiosks verify tokens offline. Keys rotate by `kid`: a key rotated
 * out signs nothing more (its private half is deleted) and stays in the JWKS until the last
 * token it signed has expired (`last_exp`, raised before each token with a later `exp` is
 * handed out), then it is retired for good.
 */
export class TokenSigner {
	private constructor(
		private readonly db: Kysely<Database>,
		private state: Loaded
	) {}

	static async load(db: Kysely<Database>): Promise<TokenSigner> {
		return new TokenSigner(db, await TokenSigner.read(db));
	}

	private static async read(db: Kysely<Database>): Promise<Loaded> {
		const active = () =>
			db
				.selectFrom('signing_keys')
				.selectAll()
				.where('retired_at', 'is', null)
				.orderBy('created_at', 'desc')
				.executeTakeFirst();
		let row = await active();
		if (!row) {
			await TokenSigner.rotate(db);
			row = await active();
			if (!row) throw new Error('no active signing key after creating one');
		}
		const now = Date.now();
		const privateKey = (await importJWK(JSON.parse(row.private_jwk) as JWK, 'ES256')) as CryptoKey;
		return {
			kid: row.kid,
			privateKey,
			lastExp: Number(row.last_exp ?? 0),
			jwks: { keys: (await verifyingKeys(db, now)).map((k) => JSON.parse(k.public_jwk) as JWK) },
			at: now
		};
	}

	/**
	 * Creates a new active key and rotates the previous one out: from now on it only verifies
	 * (until its `last_exp`), and its private half is deleted. Returns the new kid.
	 */
	static async rotate(db: Kysely<Database>): Promise<string> {
		const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
		const now = Date.now();
		return db.transaction().execute(async (trx) => {
			const count = await trx
				.selectFrom('signing_keys')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			// A short kid keeps the QR small (DESIGN §4: the whole URL stays under 250 characters).
			const kid = String(Number(count.n) + 1);
			const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
			const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
			await trx
				.updateTable('signing_keys')
				.set({ retired_at: now, private_jwk: '' })
				.where('retired_at', 'is', null)
				.execute();
			await trx
				.insertInto('signing_keys')
				.values({
					kid,
					private_jwk: JSON.stringify(privateJwk),
					public_jwk: JSON.stringify(publicJwk),
					created_at: now,
					retired_at: null,
					last_exp: null
				})
				.execute();
			return kid;
		});
	}

	/** Reads the keys again now (after a rotation in this process). */
	async reload(): Promise<void> {
		this.state = await TokenSigner.read(this.db);
	}

	private async fresh(): Promise<Loaded> {
		if (Date.now() - this.state.at >= RELOAD_MS) await this.reload();
		return this.state;
	}

	/** The JWKS as last read (at most a minute old); `currentJwks` for what kiosks are sent. */
	get publicJwks(): Jwks {
		return this.state.jwks;
	}

	get activeKid(): string {
		return this.state.kid;
	}

	async currentJwks(): Promise<Jwks> {
		return (await this.fresh()).jwks;
	}

	async sign(claims: CheckInClaims): Promise<string> {
		const state = await this.fresh();
		if (claims.exp > state.lastExp) {
			// Before the token leaves: the key must keep verifying until this one expires, also
			// if it is rotated out a second from now (by this process or another one).
			await this.db
				.updateTable('signing_keys')
				.set({ last_exp: claims.exp })
				.where('kid', '=', state.kid)
				.where((eb) => eb.or([eb('last_exp', 'is', null), eb('last_exp', '<', claims.exp)]))
				.execute();
			state.lastExp = claims.exp;
		}
		// Compact JSON with fixed key order: the smallest payload that carries the claims.
		const payload = JSON.stringify({
			sub: claims.sub,
			site: claims.site,
			exp: claims.exp,
			rk: claims.rk
		});
		return new CompactSign(new TextEncoder().encode(payload))
			.setProtectedHeader({ alg: 'ES256', kid: state.kid })
			.sign(state.privateKey);
	}

	/**
	 * Verifies with the keys as last read, and never waits for the database: a kiosk's check-in
	 * verifies inside its sync transaction (kiosk-ops.ts), and on SQLite's one connection a read
	 * from here would wait for the transaction that waits for it. A copy over a minute old is
	 * read again in the background, for the next token (a rotation in this process reloads at
	 * once; one by `npm run keys` in another is seen within a minute or so).
	 */
	async verify(token: string, siteId: string, now = Date.now()): Promise<CheckInClaims> {
		this.reloadInBackground();
		return verifyCheckInToken(token, this.state.jwks, siteId, now);
	}

	#reloading: Promise<void> | null = null;

	private reloadInBackground(): void {
		if (this.#reloading || Date.now() - this.state.at < RELOAD_MS) return;
		this.#reloading = this.reload()
			.catch(() => undefined)
			.finally(() => (this.#reloading = null));
	}
}

/** The active key and every rotated-out key with a token that has not expired yet. */
function verifyingKeys(db: Kysely<Database>, now: number) {
	return db
		.selectFrom('signing_keys')
		.select(['kid', 'public_jwk'])
		.where((eb) =>
			eb.or([eb('retired_at', 'is', null), eb('last_exp', '>', Math.floor(now / 1000))])
		)
		.orderBy('created_at', 'asc')
		.execute();
}
