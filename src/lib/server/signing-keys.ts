import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { audit, type Actor } from './audit';
import { TokenSigner } from './tokens';
import type { SigningKeyView } from '$lib/schemas/signing-keys';

/**
 * Signing-key rotation (issue 11), for /admin/keys and `npm run keys`. The keys sign every
 * site's letters (one server, one key set); the rotation itself is `TokenSigner.rotate`.
 */

export async function signingKeys(
	db: Kysely<Database>,
	now = Date.now()
): Promise<SigningKeyView[]> {
	const rows = await db
		.selectFrom('signing_keys')
		.select(['kid', 'created_at', 'retired_at', 'last_exp'])
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((r) => {
		const verifiesUntil = r.last_exp === null ? null : Number(r.last_exp) * 1000;
		const state =
			r.retired_at === null
				? 'active'
				: verifiesUntil !== null && verifiesUntil > now
					? 'verifying'
					: 'retired';
		return {
			kid: r.kid,
			createdAt: Number(r.created_at),
			rotatedOutAt: r.retired_at === null ? null : Number(r.retired_at),
			verifiesUntil,
			state
		};
	});
}

/**
 * A new key signs every letter from now on; the one it replaces keeps verifying until the last
 * letter it signed expires. `signer` is this process's (re-read at once); other processes
 * re-read within a minute. Kiosks get the new JWKS with their next roster.
 */
export async function rotateSigningKey(
	db: Kysely<Database>,
	actor: Actor,
	signer: TokenSigner | null
): Promise<{ kid: string; previous: SigningKeyView | null }> {
	const before = (await signingKeys(db)).find((k) => k.state === 'active') ?? null;
	const kid = await TokenSigner.rotate(db);
	await signer?.reload();
	const previous = (await signingKeys(db)).find((k) => k.kid === before?.kid) ?? null;
	await audit(db, actor, 'signing-key.rotate', null, {
		kid,
		previous: previous?.kid ?? null,
		previousVerifiesUntil: previous?.verifiesUntil ?? null
	});
	return { kid, previous };
}
