import type { App } from './app';
import type { StaffUser } from './auth';
import { STAFF_IDLE_MS } from './auth';
import { audit } from './audit';

/** One signed-in session of the site, as the admin's list shows it (never its id). */
export interface SessionView {
	/** A handle for "end this one": a prefix of the id hash, which opens nothing. */
	handle: string;
	userId: string;
	username: string;
	displayName: string;
	role: 'reception' | 'admin';
	startedAt: number;
	lastActiveAt: number;
	expiresAt: number;
	/** The admin's own session (this browser). */
	current: boolean;
}

const HANDLE_LENGTH = 16;

/** The site's live sessions, most recently active first. */
export async function siteSessions(
	app: App,
	admin: StaffUser,
	currentIdHash: string | null
): Promise<SessionView[]> {
	const now = Date.now();
	const rows = await app.db
		.selectFrom('sessions as s')
		.innerJoin('staff_users as u', 'u.id', 's.user_id')
		.select([
			's.id_hash',
			's.created_at',
			's.last_active_at',
			's.expires_at',
			'u.id as user_id',
			'u.username',
			'u.display_name',
			'u.role'
		])
		.where('u.site_id', '=', admin.siteId)
		.where('s.expires_at', '>', now)
		.execute();
	return rows
		.map((r): SessionView => {
			const lastActiveAt = Math.max(Number(r.created_at), Number(r.last_active_at));
			return {
				handle: r.id_hash.slice(0, HANDLE_LENGTH),
				userId: r.user_id,
				username: r.username,
				displayName: r.display_name,
				role: r.role === 'admin' ? 'admin' : 'reception',
				startedAt: Number(r.created_at),
				lastActiveAt,
				expiresAt: Math.min(Number(r.expires_at), lastActiveAt + STAFF_IDLE_MS),
				current: r.id_hash === currentIdHash
			};
		})
		.filter((s) => s.expiresAt > now)
		.sort((a, b) => b.lastActiveAt - a.lastActiveAt);
}

export type EndSessionsScope =
	{ kind: 'one'; handle: string } | { kind: 'user'; userId: string } | { kind: 'everyone' };

/**
 * Signs sessions of the admin's site out, everywhere at once: their next request is signed out
 * and their live streams end now. "Everyone" spares the admin's own session.
 */
export async function endSessions(
	app: App,
	admin: StaffUser,
	scope: EndSessionsScope,
	currentIdHash: string | null,
	ip: string | null
): Promise<number> {
	let query = app.db
		.selectFrom('sessions as s')
		.innerJoin('staff_users as u', 'u.id', 's.user_id')
		.select(['s.id_hash', 'u.id as user_id'])
		.where('u.site_id', '=', admin.siteId);
	if (scope.kind === 'user') query = query.where('u.id', '=', scope.userId);
	const rows = (await query.execute()).filter((r) => {
		if (scope.kind === 'one') return r.id_hash.slice(0, HANDLE_LENGTH) === scope.handle;
		if (scope.kind === 'everyone') return r.id_hash !== currentIdHash;
		return true;
	});
	const hashes = rows.map((r) => r.id_hash);
	if (hashes.length > 0) {
		await app.db.deleteFrom('sessions').where('id_hash', 'in', hashes).execute();
		app.hub.endSessions(hashes);
	}
	await audit(app.db, { type: 'staff', id: admin.id, ip }, 'sessions.end', null, {
		scope: scope.kind,
		...(scope.kind === 'user' ? { userId: scope.userId } : {}),
		users: [...new Set(rows.map((r) => r.user_id))],
		ended: hashes.length
	});
	return hashes.length;
}
