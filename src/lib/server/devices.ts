import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { pairingCode, randomToken, sha256 } from './secrets';
import { withEvents, type EventWriter } from './events/write';
import type { StaffUser } from './auth';
import { audit } from './audit';
import { check, spend, PAIRING_MISSES_PER_SOURCE } from './throttle';
import type { DeviceKind, EnrollRefusal } from '$lib/devices/types';
import { replaceDevice } from './device-replace';

export const DEVICE_COOKIE: Record<DeviceKind, string> = {
	kiosk: 'fd_kiosk',
	display: 'fd_display'
};
/**
 * How long a pairing code works: 15 minutes, or `PAIRING_CODE_MINUTES` (a clinic that pairs a
 * TV across the building may want longer; tests use a few seconds to see a code expire).
 */
export function pairingLifetimeMs(env: Record<string, string | undefined> = process.env): number {
	const minutes = Number(env.PAIRING_CODE_MINUTES ?? 15);
	return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 15 * 60_000;
}

export interface Device {
	id: string;
	siteId: string;
	kind: DeviceKind;
	name: string;
}

export async function createPairingCode(
	db: Kysely<Database>,
	staff: StaffUser,
	kind: DeviceKind,
	name: string,
	replaces: string | null = null
): Promise<{ code: string; expiresAt: number }> {
	const code = pairingCode();
	const expiresAt = Date.now() + pairingLifetimeMs();
	await db
		.insertInto('pairing_codes')
		.values({
			code_hash: sha256(code),
			site_id: staff.siteId,
			kind,
			name,
			expires_at: expiresAt,
			used_at: null,
			created_by: staff.id,
			replaces
		})
		.execute();
	return { code, expiresAt };
}

export type EnrollResult =
	| { ok: true; token: string; device: Device }
	| { ok: false; reason: EnrollRefusal; retryAfter?: number };

/** Pairing codes are six digits: past this many wrong ones while a code is live, it is void. */
export const MAX_PAIRING_MISSES = 5;

/** What a person types or pastes ("123 456", "123-456") → the 6 digits, or null. */
export function normalisePairingCode(input: string): string | null {
	const digits = input.replace(/[\s\-\u2010-\u2015]+/g, '');
	return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * Trades a one-time pairing code for a long-lived device token (stored only as a hash). A
 * million codes are guessable at hundreds a second, so `source` (the caller's address) is
 * throttled after ten wrong codes, and every wrong code counts against every live code, which is
 * void after five (issue 12): a guesser's odds stay about five in a million per code.
 */
export async function enrollDevice(
	app: EventWriter,
	code: string,
	kind: DeviceKind,
	source: string
): Promise<EnrollResult> {
	const throttleKey = `pair:${source}`;
	const allowed = await check(app.db, throttleKey, PAIRING_MISSES_PER_SOURCE);
	if (!allowed.allowed) {
		return { ok: false, reason: 'throttled', retryAfter: allowed.retryAfter };
	}
	const result = await withEvents(app, async (trx, emit): Promise<EnrollResult> => {
		const row = await trx
			.selectFrom('pairing_codes')
			.selectAll()
			.where('code_hash', '=', sha256(code))
			.executeTakeFirst();
		if (!row) {
			await trx
				.updateTable('pairing_codes')
				.set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
				.where('used_at', 'is', null)
				.where('expires_at', '>', Date.now())
				.execute();
			await audit(trx, { type: 'system', id: 'pairing', ip: source }, 'device.pair-failed', null, {
				kind
			});
			return { ok: false, reason: 'unknown-code' };
		}
		if (row.used_at !== null) return { ok: false, reason: 'used' } as const;
		if (row.failed_attempts >= MAX_PAIRING_MISSES) return { ok: false, reason: 'voided' } as const;
		if (row.expires_at < Date.now()) return { ok: false, reason: 'expired' } as const;
		if (row.kind !== kind) return { ok: false, reason: 'wrong-kind' } as const;
		// The update only wins once: two devices racing with one code cannot both enroll.
		const claimed = await trx
			.updateTable('pairing_codes')
			.set({ used_at: Date.now() })
			.where('code_hash', '=', row.code_hash)
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: 'used' } as const;
		const token = randomToken();
		const device: Device = { id: crypto.randomUUID(), siteId: row.site_id, kind, name: row.name };
		await trx
			.insertInto('devices')
			.values({
				id: device.id,
				site_id: device.siteId,
				kind,
				name: device.name,
				token_hash: sha256(token),
				token_issued_at: Date.now(),
				previous_token_hash: null,
				previous_token_until: null,
				enrolled_at: Date.now(),
				last_seen_at: Date.now(),
				app_version: null,
				pending_count: 0,
				oldest_pending_at: null,
				dead_letters: 0,
				storage_persisted: null,
				revoked_at: null,
				paired_by: row.created_by
			})
			.execute();
		// The pairing is on record: which device, when, and whose code it used.
		await audit(trx, { type: 'device', id: device.id }, 'device.pair', null, {
			kind,
			name: device.name,
			codeCreatedBy: row.created_by,
			codeExpiresAt: row.expires_at
		});
		await emit(device.siteId, 'device.changed', { deviceId: device.id });
		if (row.replaces) await replaceDevice(trx, emit, row.replaces, device);
		return { ok: true, token, device } as const;
	});
	if (!result.ok && result.reason === 'unknown-code') {
		const next = await spend(app.db, throttleKey, PAIRING_MISSES_PER_SOURCE);
		// The wrong code that used up the allowance already says so.
		if (!next.allowed) return { ok: false, reason: 'throttled', retryAfter: next.retryAfter };
	}
	return result;
}

/** A device token is replaced after this long, on the device's next request (with its cookie). */
export const DEVICE_TOKEN_ROTATE_MS = 30 * 86_400_000;
/** The replaced token still works this long: requests in flight, an answer that got lost. */
export const DEVICE_TOKEN_GRACE_MS = 7 * 86_400_000;
/** A device still sending its previous token this long after a rotation missed the new one. */
const REISSUE_AFTER_MS = 60_000;

/** The device a token belongs to, and whether the device should be given a new token now. */
export interface DeviceMatch {
	device: Device;
	rotate: boolean;
}

export async function deviceForToken(
	db: Kysely<Database>,
	token: string | undefined,
	kind: DeviceKind,
	now = Date.now()
): Promise<DeviceMatch | null> {
	if (!token) return null;
	const hash = sha256(token);
	const row = await db
		.selectFrom('devices')
		.select([
			'id',
			'site_id',
			'kind',
			'name',
			'token_hash',
			'token_issued_at',
			'enrolled_at',
			'previous_token_until'
		])
		.where((eb) =>
			eb.or([
				eb('token_hash', '=', hash),
				eb.and([eb('previous_token_hash', '=', hash), eb('previous_token_until', '>', now)])
			])
		)
		.where('kind', '=', kind)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	const issuedAt = Math.max(Number(row.token_issued_at), Number(row.enrolled_at));
	const rotate =
		row.token_hash === hash
			? now - issuedAt >= DEVICE_TOKEN_ROTATE_MS
			: // Still on the previous token a minute after the rotation: the new one never arrived.
				now - issuedAt >= REISSUE_AFTER_MS;
	return { device: { id: row.id, siteId: row.site_id, kind, name: row.name }, rotate };
}

/**
 * A new token for a device, without pairing again. The token it sent stays valid for
 * `DEVICE_TOKEN_GRACE_MS`; a token issued in between and never used is dropped.
 */
export async function rotateDeviceToken(
	db: Kysely<Database>,
	deviceId: string,
	presented: string,
	now = Date.now()
): Promise<string> {
	const token = randomToken();
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('devices')
			.set({
				token_hash: sha256(token),
				token_issued_at: now,
				previous_token_hash: sha256(presented),
				previous_token_until: now + DEVICE_TOKEN_GRACE_MS
			})
			.where('id', '=', deviceId)
			.where('revoked_at', 'is', null)
			.execute();
		await audit(trx, { type: 'device', id: deviceId }, 'device.token-rotated', null, {});
	});
	return token;
}

export type DeviceChangeResult =
	{ ok: true; name: string } | { ok: false; reason: 'not-found' | 'forbidden' };

/** Reception and admin staff manage the devices of their own site; nobody else. */
function mayManageDevices(staff: StaffUser): boolean {
	return staff.role === 'reception' || staff.role === 'admin';
}

/** Staff rename a paired device ("Kiosk by the door"); audited, and reception sees it live. */
export async function renameDevice(
	app: EventWriter,
	staff: StaffUser,
	deviceId: string,
	name: string,
	ip: string | null = null
): Promise<DeviceChangeResult> {
	if (!mayManageDevices(staff)) return { ok: false, reason: 'forbidden' };
	return withEvents(app, async (trx, emit) => {
		const row = await trx
			.selectFrom('devices')
			.select(['id', 'name'])
			.where('id', '=', deviceId)
			.where('site_id', '=', staff.siteId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'not-found' } as const;
		await trx.updateTable('devices').set({ name }).where('id', '=', deviceId).execute();
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'device.rename', null, {
			deviceId,
			from: row.name,
			to: name
		});
		await emit(staff.siteId, 'device.changed', { deviceId });
		return { ok: true, name } as const;
	});
}

/**
 * Staff remove a device: its token stops working on its next request (every device request
 * checks `revoked_at`), and a kiosk told 401 goes back to its pairing screen. The row stays so
 * the audit log and the ops it sent still name it.
 */
export async function removeDevice(
	app: EventWriter,
	staff: StaffUser,
	deviceId: string,
	ip: string | null = null
): Promise<DeviceChangeResult> {
	if (!mayManageDevices(staff)) return { ok: false, reason: 'forbidden' };
	return withEvents(app, async (trx, emit) => {
		const row = await trx
			.selectFrom('devices')
			.select(['name', 'kind'])
			.where('id', '=', deviceId)
			.where('site_id', '=', staff.siteId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'not-found' } as const;
		// Guarded on revoked_at: two staff removing at once audit it once.
		const removed = await trx
			.updateTable('devices')
			.set({ revoked_at: Date.now() })
			.where('id', '=', deviceId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		if (Number(removed.numUpdatedRows) !== 1) return { ok: false, reason: 'not-found' } as const;
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'device.remove', null, {
			deviceId,
			kind: row.kind,
			name: row.name
		});
		await emit(staff.siteId, 'device.changed', { deviceId });
		return { ok: true, name: row.name } as const;
	});
}
