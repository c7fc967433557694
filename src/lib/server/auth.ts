import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets';

export const SESSION_COOKIE = 'fd_session';
/** Absolute lifetime of a staff session (NIST SP 800-63B AAL2: at most 12 hours). */
const SESSION_MS = 12 * 3_600_000;
/** A staff session ends after this long without activity (AAL2: at most 30 minutes). */
export const STAFF_IDLE_MS = 15 * 60_000;
/** Activity is written at most this often per session, not on every request. */
const ACTIVITY_WRITE_MS = 15_000;

/** The signed-in session behind a request: its id hash (to end its streams) and its idle end. */
export interface StaffSession {
	idHash: string;
	/** When the session ends unless its user does something first. */
	idleEndsAt: number;
}

export interface StaffUser {
	id: string;
	username: string;
	displayName: string;
	role: 'reception' | 'admin';
	siteId: string;
}

/** A hash computed once, so an unknown username costs as much as a wrong password. */
let decoyHash: Promise<string> | null = null;

export async function signIn(
	db: Kysely<Database>,
	username: string,
	password: string
): Promise<{ token: string; user: StaffUser; expiresAt: number } | null> {
	const row = await db
		.selectFrom('staff_users')
		.selectAll()
		.where('username', '=', username.trim().toLowerCase())
		.executeTakeFirst();
	if (!row) {
		decoyHash ??= hashPassword('decoy');
		await verifyPassword(password, await decoyHash);
		return null;
	}
	// A disabled account is refused like a wrong password, after the same work (no oracle).
	if (!(await verifyPassword(password, row.password_hash)) || row.disabled_at !== null) return null;
	const token = randomToken();
	const now = Date.now();
	const expiresAt = now + SESSION_MS;
	await db
		.insertInto('sessions')
		.values({
			id_hash: sha256(token),
			user_id: row.id,
			created_at: now,
			expires_at: expiresAt,
			last_active_at: now
		})
		.execute();
	return { token, user: toUser(row), expiresAt };
}

/**
 * The staff member a session cookie belongs to, or null. A session idle for `STAFF_IDLE_MS` is
 * ended here. `activity` says whether this request is the user doing something (a form post,
 * a page opened, the page's activity ping) rather than a live page refreshing itself; only
 * activity keeps the session alive.
 */
export async function userForSession(
	db: Kysely<Database>,
	token: string | undefined,
	activity: boolean,
	now = Date.now()
): Promise<{ user: StaffUser; session: StaffSession } | null> {
	if (!token) return null;
	const idHash = sha256(token);
	const row = await db
		.selectFrom('sessions as s')
		.innerJoin('staff_users as u', 'u.id', 's.user_id')
		.selectAll('u')
		.select(['s.created_at', 's.last_active_at'])
		.where('s.id_hash', '=', idHash)
		.where('s.expires_at', '>', now)
		// Disabling deletes the sessions too; this holds while that transaction is in flight.
		.where('u.disabled_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	let lastActive = Math.max(Number(row.created_at), Number(row.last_active_at));
	if (now - lastActive >= STAFF_IDLE_MS) {
		await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
		return null;
	}
	if (activity && now - lastActive >= ACTIVITY_WRITE_MS) {
		await db
			.updateTable('sessions')
			.set({ last_active_at: now })
			.where('id_hash', '=', idHash)
			.execute();
		lastActive = now;
	}
	return { user: toUser(row), session: { idHash, idleEndsAt: lastActive + STAFF_IDLE_MS } };
}

/** Ends the sessions idle or past their lifetime; returns their id hashes (to end their streams). */
export async function endExpiredSessions(
	db: Kysely<Database>,
	now = Date.now()
): Promise<string[]> {
	const idleSince = now - STAFF_IDLE_MS;
	const expired = await db
		.selectFrom('sessions')
		.select('id_hash')
		.where((eb) =>
			eb.or([
				eb('expires_at', '<=', now),
				eb.and([eb('last_active_at', '<', idleSince), eb('created_at', '<', idleSince)])
			])
		)
		.execute();
	const hashes = expired.map((r) => r.id_hash);
	if (hashes.length > 0) await db.deleteFrom('sessions').where('id_hash', 'in', hashes).execute();
	return hashes;
}

/** Ends this session; returns its id hash so its open streams can be ended too. */
export async function signOut(
	db: Kysely<Database>,
	token: string | undefined
): Promise<string | null> {
	if (!token) return null;
	const idHash = sha256(token);
	await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
	return idHash;
}

function toUser(row: {
	id: string;
	username: string;
	display_name: string;
	role: string;
	site_id: string;
}): StaffUser {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role === 'admin' ? 'admin' : 'reception',
		siteId: row.site_id
	};
}
