import type { Kysely } from 'kysely';
import type { Database } from './db/schema';

/**
 * Token buckets kept in the database, so a restart does not hand an attacker a fresh allowance
 * (issue 12). Only failures spend: a clinic's staff typing their own codes and passwords right
 * never meet a limit. A bucket holds `capacity` tries and regains `perMinute` a minute.
 */
export interface Rate {
	capacity: number;
	perMinute: number;
}

/** Wrong pairing codes from one address: ten, then one every six seconds. */
export const PAIRING_MISSES_PER_SOURCE: Rate = { capacity: 10, perMinute: 10 };
/** Wrong passwords for one username: five, then one every three minutes. */
export const SIGN_IN_MISSES_PER_USER: Rate = { capacity: 5, perMinute: 1 / 3 };
/** Wrong passwords from one address, whatever the username: twenty, then one every 3 s. */
export const SIGN_IN_MISSES_PER_SOURCE: Rate = { capacity: 20, perMinute: 20 };

export interface Allowance {
	allowed: boolean;
	/** Whole seconds until the next try is allowed (0 when allowed now). */
	retryAfter: number;
}

function level(row: { tokens: number; updated_at: number } | undefined, rate: Rate, now: number) {
	if (!row) return rate.capacity;
	const regained = ((now - Number(row.updated_at)) / 60_000) * rate.perMinute;
	return Math.min(rate.capacity, Number(row.tokens) + Math.max(0, regained));
}

function allowance(tokens: number, rate: Rate): Allowance {
	if (tokens >= 1) return { allowed: true, retryAfter: 0 };
	return { allowed: false, retryAfter: Math.ceil(((1 - tokens) / rate.perMinute) * 60) };
}

/** Whether `key` may try now, without spending. */
export async function check(
	db: Kysely<Database>,
	key: string,
	rate: Rate,
	now = Date.now()
): Promise<Allowance> {
	const row = await db
		.selectFrom('throttle_buckets')
		.select(['tokens', 'updated_at'])
		.where('key', '=', key)
		.executeTakeFirst();
	return allowance(level(row, rate, now), rate);
}

/** Spends one try of `key` for a failure; says whether the next try is still allowed. */
export async function spend(
	db: Kysely<Database>,
	key: string,
	rate: Rate,
	now = Date.now()
): Promise<Allowance> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('throttle_buckets')
			.select(['tokens', 'updated_at'])
			.where('key', '=', key)
			.executeTakeFirst();
		const tokens = Math.max(0, level(row, rate, now) - 1);
		await trx
			.insertInto('throttle_buckets')
			.values({ key, tokens, updated_at: now })
			.onConflict((oc) => oc.column('key').doUpdateSet({ tokens, updated_at: now }))
			.execute();
		return allowance(tokens, rate);
	});
}

/** Forgets buckets that have long been full again, so the table stays small. */
export async function pruneBuckets(db: Kysely<Database>, now = Date.now()): Promise<void> {
	await db
		.deleteFrom('throttle_buckets')
		.where('updated_at', '<', now - 86_400_000)
		.execute();
}
