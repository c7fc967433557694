import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './dialect';

/**
 * An admin runs the site (issue 11): staff accounts can be disabled (kept, so the audit log and
 * the changes they reviewed still name them), a device can be paired again in its own place, and
 * a signing key remembers the latest expiry of
 * the tokens it signed, so a key rotated out keeps verifying exactly until its last letter
 * expires, then drops out of the kiosks' JWKS.
 */
export function adminSite(dialect: Dialect): Migration {
	const ms = dialect === 'postgres' ? 'bigint' : 'integer';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema.alterTable('staff_users').addColumn('disabled_at', ms).execute();
			// A re-pairing code names the device the new pairing replaces (revoked as it enrolls).
			await db.schema.alterTable('pairing_codes').addColumn('replaces', 'text').execute();
			// Seconds since the epoch, like a token's `exp`; null until the key signs.
			await db.schema.alterTable('signing_keys').addColumn('last_exp', ms).execute();
			// Keys from before this column: the latest any of their letters can expire is the end of
			// the latest appointment day on record (two days past its UTC midnight covers every time
			// zone). A key retired before kept verifying two days, as the code did then.
			const latest = await sql<{ day: string | null }>`
				select max(site_day) as day from appointments`.execute(db);
			const day = latest.rows[0]?.day ?? null;
			const bound = Math.floor(
				(Math.max(day ? Date.parse(`${day}T00:00:00Z`) : 0, Date.now()) + 2 * 86_400_000) / 1000
			);
			await sql`update signing_keys set last_exp = ${bound} where retired_at is null`.execute(db);
			await sql`update signing_keys set last_exp = retired_at / 1000 + ${2 * 86_400}
				where retired_at is not null`.execute(db);
		}
	};
}
