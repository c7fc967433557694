import { compactDecrypt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { INTAKE_ALG, INTAKE_ENC } from '$lib/intake/seal';

/**
 * The key pair kiosks seal patients' edits and card photos to (src/lib/intake/seal.ts). The
 * private half lives only in the database; kiosks get the public half with their bootstrap.
 * A retired key still opens what kiosks sealed before they fetched the new one.
 */
export class IntakeKeys {
	private constructor(
		private readonly active: JWK,
		private readonly privateKeys: Map<string, CryptoKey>
	) {}

	static async load(db: Kysely<Database>): Promise<IntakeKeys> {
		let rows = await db
			.selectFrom('intake_keys')
			.selectAll()
			.orderBy('created_at', 'desc')
			.execute();
		if (!rows.some((row) => row.retired_at === null)) {
			await IntakeKeys.rotate(db);
			rows = await db.selectFrom('intake_keys').selectAll().orderBy('created_at', 'desc').execute();
		}
		const active = rows.find((row) => row.retired_at === null)!;
		const privateKeys = new Map<string, CryptoKey>();
		for (const row of rows) {
			const key = (await importJWK(JSON.parse(row.private_jwk) as JWK, INTAKE_ALG)) as CryptoKey;
			privateKeys.set(row.kid, key);
		}
		return new IntakeKeys(JSON.parse(active.public_jwk) as JWK, privateKeys);
	}

	/** A new active key; the previous one is retired but still opens older ops. */
	static async rotate(db: Kysely<Database>): Promise<string> {
		const { privateKey, publicKey } = await generateKeyPair(INTAKE_ALG, {
			crv: 'P-256',
			extractable: true
		});
		const kid = `i${Date.now().toString(36)}`;
		const common = { kid, alg: INTAKE_ALG, use: 'enc' };
		const now = Date.now();
		await db.transaction().execute(async (trx) => {
			await trx
				.updateTable('intake_keys')
				.set({ retired_at: now })
				.where('retired_at', 'is', null)
				.execute();
			await trx
				.insertInto('intake_keys')
				.values({
					kid,
					private_jwk: JSON.stringify({ ...(await exportJWK(privateKey)), ...common }),
					public_jwk: JSON.stringify({ ...(await exportJWK(publicKey)), ...common }),
					created_at: now,
					retired_at: null
				})
				.execute();
		});
		return kid;
	}

	/** What a kiosk seals to. */
	get publicJwk(): JWK {
		return this.active;
	}

	/** Opens a wrapped visit key; throws for one sealed to a key this server never had. */
	async unwrap(wrapped: string): Promise<Uint8Array<ArrayBuffer>> {
		const { kid, alg, enc } = decodeProtectedHeader(wrapped);
		const key = typeof kid === 'string' ? this.privateKeys.get(kid) : undefined;
		if (!key || alg !== INTAKE_ALG || enc !== INTAKE_ENC) throw new Error('unknown intake key');
		const { plaintext } = await compactDecrypt(wrapped, key, {
			keyManagementAlgorithms: [INTAKE_ALG],
			contentEncryptionAlgorithms: [INTAKE_ENC]
		});
		if (plaintext.length !== 32) throw new Error('a visit key is 32 bytes');
		return new Uint8Array(plaintext);
	}
}
