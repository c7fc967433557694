import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets';

export const SESSION_COOKIE = 'fd_session';
const SESSION_MS = 12 * 3_600_000;

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
	if (!(await verifyPassword(password, row.password_hash))) return null;
	const token = randomToken();
	const now = Date.now();
	const expiresAt = now + SESSION_MS;
	await db
		.insertInto('sessions')
		.values({ id_hash: sha256(token), user_id: row.id, created_at: now, expires_at: expiresAt })
		.execute();
	return { token, user: toUser(row), expiresAt };
}

export async function userForSession(
	db: Kysely<Database>,
	token: string | undefined
): Promise<StaffUser | null> {
	if (!token) return null;
	const row = await db
		.selectFrom('sessions as s')
		.innerJoin('staff_users as u', 'u.id', 's.user_id')
		.selectAll('u')
		.where('s.id_hash', '=', sha256(token))
		.where('s.expires_at', '>', Date.now())
		.executeTakeFirst();
	return row ? toUser(row) : null;
}

export async function signOut(db: Kysely<Database>, token: string | undefined): Promise<void> {
	if (token) await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
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
