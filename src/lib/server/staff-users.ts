import { sql, type Kysely, type Transaction } from 'kysely';
import type { App } from './app';
import type { StaffUser } from './auth';
import type { Database } from './db/schema';
import { audit } from './audit';
import { hashPassword, shortId } from './secrets';
import type {
	NewStaffUser,
	StaffRoleName,
	StaffUserRefusal,
	StaffUserView
} from '$lib/schemas/staff-users';

export type StaffUserResult<T = object> =
	({ ok: true } & T) | { ok: false; reason: StaffUserRefusal };

interface Who {
	admin: StaffUser;
	ip: string | null;
}

export async function siteStaff(app: App, admin: StaffUser): Promise<StaffUserView[]> {
	const now = Date.now();
	const rows = await app.db
		.selectFrom('staff_users as u')
		.leftJoin('sessions as s', (join) =>
			join.onRef('s.user_id', '=', 'u.id').on('s.expires_at', '>', now)
		)
		.select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.disabled_at'])
		.select((eb) => eb.fn.count<number>('s.id_hash').as('sessions'))
		.where('u.site_id', '=', admin.siteId)
		.groupBy(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.disabled_at'])
		.orderBy('u.username')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		username: r.username,
		displayName: r.display_name,
		role: r.role === 'admin' ? 'admin' : 'reception',
		disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
		sessions: Number(r.sessions),
		self: r.id === admin.id
	}));
}

export async function createStaffUser(
	app: App,
	{ admin, ip }: Who,
	input: NewStaffUser
): Promise<StaffUserResult<{ id: string }>> {
	const passwordHash = await hashPassword(input.password);
	const id = `u-${shortId(10)}`;
	const taken = () =>
		app.db
			.selectFrom('staff_users')
			.select('id')
			.where('username', '=', input.username)
			.executeTakeFirst();
	if (await taken()) return { ok: false, reason: 'username-taken' };
	try {
		await app.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('staff_users')
				.values({
					id,
					username: input.username,
					display_name: input.displayName,
					password_hash: passwordHash,
					role: input.role,
					site_id: admin.siteId,
					disabled_at: null
				})
				.execute();
			await audit(trx, { type: 'staff', id: admin.id, ip }, 'staff-user.create', null, {
				userId: id,
				username: input.username,
				role: input.role
			});
		});
	} catch (error) {
		// Two admins adding the same username at once: the unique index decides.
		if (await taken()) return { ok: false, reason: 'username-taken' };
		throw error;
	}
	return { ok: true, id };
}

/**
 * One change to an account of the admin's site, serialised with every other such change (on
 * PostgreSQL an advisory lock; SQLite runs one write at a time), so two admins demoting each
 * other at once cannot leave the site with none.
 */
async function change<T extends object>(
	app: App,
	{ admin }: Who,
	userId: string,
	work: (
		trx: Transaction<Database>,
		target: { role: string; disabled_at: number | null; username: string },
		otherAdmins: number
	) => Promise<StaffUserResult<T>>
): Promise<StaffUserResult<T>> {
	return app.db.transaction().execute(async (trx) => {
		if (app.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7032)`.execute(trx);
		const target = await trx
			.selectFrom('staff_users')
			.select(['role', 'disabled_at', 'username'])
			.where('id', '=', userId)
			.where('site_id', '=', admin.siteId)
			.executeTakeFirst();
		if (!target) return { ok: false, reason: 'not-found' } as const;
		const others = await trx
			.selectFrom('staff_users')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('site_id', '=', admin.siteId)
			.where('role', '=', 'admin')
			.where('disabled_at', 'is', null)
			.where('id', '!=', userId)
			.executeTakeFirstOrThrow();
		return work(trx, target, Number(others.n));
	});
}

/** Ends every session of the user (but `keep`): their next request is signed out, streams end now. */
async function endUserSessions(
	db: Kysely<Database>,
	userId: string,
	keep: string | null = null
): Promise<string[]> {
	const rows = await db
		.selectFrom('sessions')
		.select('id_hash')
		.where('user_id', '=', userId)
		.execute();
	const hashes = rows.map((r) => r.id_hash).filter((h) => h !== keep);
	if (hashes.length > 0) await db.deleteFrom('sessions').where('id_hash', 'in', hashes).execute();
	return hashes;
}

export async function setStaffRole(
	app: App,
	who: Who,
	userId: string,
	role: StaffRoleName
): Promise<StaffUserResult> {
	return change(app, who, userId, async (trx, target, otherAdmins) => {
		if (target.role === role) return { ok: true };
		if (userId === who.admin.id) return { ok: false, reason: 'self' };
		if (role !== 'admin' && target.disabled_at === null && otherAdmins === 0) {
			return { ok: false, reason: 'last-admin' };
		}
		await trx.updateTable('staff_users').set({ role }).where('id', '=', userId).execute();
		await audit(trx, { type: 'staff', id: who.admin.id, ip: who.ip }, 'staff-user.role', null, {
			userId,
			username: target.username,
			from: target.role,
			to: role
		});
		return { ok: true };
	});
}

/** Disables (or enables again) an account; disabling signs it out everywhere at once. */
export async function setStaffDisabled(
	app: App,
	who: Who,
	userId: string,
	disabled: boolean
): Promise<StaffUserResult<{ sessionsEnded: number }>> {
	let ended: string[] = [];
	const result = await change(app, who, userId, async (trx, target, otherAdmins) => {
		if ((target.disabled_at !== null) === disabled) return { ok: true, sessionsEnded: 0 };
		if (disabled && userId === who.admin.id) return { ok: false, reason: 'self' };
		if (disabled && target.role === 'admin' && otherAdmins === 0) {
			return { ok: false, reason: 'last-admin' };
		}
		await trx
			.updateTable('staff_users')
			.set({ disabled_at: disabled ? Date.now() : null })
			.where('id', '=', userId)
			.execute();
		if (disabled) ended = await endUserSessions(trx, userId);
		const action = disabled ? 'staff-user.disable' : 'staff-user.enable';
		await audit(trx, { type: 'staff', id: who.admin.id, ip: who.ip }, action, null, {
			userId,
			username: target.username,
			...(disabled ? { sessionsEnded: ended.length } : {})
		});
		return { ok: true, sessionsEnded: ended.length };
	});
	// After the commit: their open live streams end now, not at their next heartbeat.
	if (result.ok && ended.length > 0) app.hub.endSessions(ended);
	return result;
}

/**
 * A new password set by an admin (a forgotten one): every other session of the account ends,
 * so whoever knew the old password is signed out too.
 */
export async function resetStaffPassword(
	app: App,
	who: Who,
	userId: string,
	password: string,
	currentSession: string | null
): Promise<StaffUserResult<{ sessionsEnded: number }>> {
	const passwordHash = await hashPassword(password);
	let ended: string[] = [];
	const result = await change(app, who, userId, async (trx, target) => {
		await trx
			.updateTable('staff_users')
			.set({ password_hash: passwordHash })
			.where('id', '=', userId)
			.execute();
		ended = await endUserSessions(trx, userId, currentSession);
		await audit(
			trx,
			{ type: 'staff', id: who.admin.id, ip: who.ip },
			'staff-user.password-reset',
			null,
			{ userId, username: target.username, sessionsEnded: ended.length }
		);
		return { ok: true, sessionsEnded: ended.length };
	});
	if (result.ok && ended.length > 0) app.hub.endSessions(ended);
	return result;
}
