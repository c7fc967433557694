import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { audit } from './audit';
import { signIn, type StaffUser } from './auth';
import {
	SIGN_IN_MISSES_PER_SOURCE,
	SIGN_IN_MISSES_PER_USER,
	check,
	spend,
	type Rate
} from './throttle';

export type SignInOutcome =
	| { ok: true; session: { token: string; user: StaffUser; expiresAt: number } }
	| { ok: false; reason: 'bad-credentials' }
	/** Too many wrong passwords for this username or from this address: wait `retryAfter` s. */
	| { ok: false; reason: 'locked'; retryAfter: number };

/**
 * A sign-in with its guard (issue 12): five wrong passwords lock a username for a while, twenty
 * lock an address, whichever username it tries; a lockout holds even for the right password, and
 * a restart does not lift it. Every sign-in, failure and lockout leaves an audit row.
 */
export async function attemptSignIn(
	db: Kysely<Database>,
	username: string,
	password: string,
	source: string
): Promise<SignInOutcome> {
	const name = username.trim().toLowerCase().slice(0, 100);
	const buckets: [string, Rate][] = [
		[`sign-in:user:${name}`, SIGN_IN_MISSES_PER_USER],
		[`sign-in:ip:${source}`, SIGN_IN_MISSES_PER_SOURCE]
	];
	const actor = { type: 'system' as const, id: 'sign-in', ip: source };
	const now = Date.now();
	const before = await Promise.all(buckets.map(([key, rate]) => check(db, key, rate, now)));
	const blocked = before.filter((b) => !b.allowed);
	if (blocked.length) {
		const retryAfter = Math.max(...blocked.map((b) => b.retryAfter));
		await audit(db, actor, 'sign-in.refused-locked', null, { username: name, retryAfter });
		return { ok: false, reason: 'locked', retryAfter };
	}
	const session = await signIn(db, username, password);
	if (session) {
		await audit(db, { type: 'staff', id: session.user.id, ip: source }, 'sign-in', null, {});
		return { ok: true, session };
	}
	await audit(db, actor, 'sign-in.failed', null, { username: name });
	const after = await Promise.all(buckets.map(([key, rate]) => spend(db, key, rate, now)));
	const locked = after.filter((b) => !b.allowed);
	if (locked.length) {
		const retryAfter = Math.max(...locked.map((b) => b.retryAfter));
		await audit(db, actor, 'sign-in.lockout', null, { username: name, retryAfter });
		return { ok: false, reason: 'locked', retryAfter };
	}
	return { ok: false, reason: 'bad-credentials' };
}

/** "3 minutes", for the lockout message: whole minutes, at least one. */
export function lockoutMinutes(retryAfter: number): number {
	return Math.max(1, Math.ceil(retryAfter / 60));
}
