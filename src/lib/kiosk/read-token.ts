import { decodeProtectedHeader } from 'jose';
import type { CheckInClaims, Jwks } from '$lib/check-in-token';
import { CheckInTokenError, extractToken, verifyCheckInToken } from '$lib/check-in-token';
import type { RosterRecord } from '$lib/roster/roster-types';
import type { ScanProblem } from './screens';

/** What a scan found: the appointment's record and its token, or why not (and for whom). */
export type TokenRead =
	| { ok: true; record: RosterRecord; token: string }
	| { ok: false; problem: ScanProblem; appointmentId?: string };

/**
 * Reads a scanned code offline (DESIGN §4): the token in it, verified with the cached keys, and
 * the roster entry its key opens, with one fresh roster when the entry is missing and the kiosk
 * is online. A fresh roster also carries the signing keys: a letter signed with a key rotated
 * in since the last one is read after it too. `keys` gives the kiosk's keys as they are now.
 * Loaded with the first scan, not with the kiosk (a small first load).
 */
export async function readToken(
	text: string,
	keys: () => Jwks,
	siteId: string,
	now: number,
	open: (appointmentId: string, rosterKey: string) => Promise<RosterRecord | null>,
	refresh: () => Promise<unknown>
): Promise<TokenRead> {
	const token = extractToken(text);
	if (!token) return { ok: false, problem: 'not-ours' };
	let claims;
	try {
		claims = await verifyWithFreshKeys(token, keys, siteId, now, refresh);
	} catch (error) {
		if (!(error instanceof CheckInTokenError)) throw error;
		if (error.problem === 'expired') return { ok: false, problem: 'expired' };
		if (error.problem === 'other-site') return { ok: false, problem: 'other-site' };
		return { ok: false, problem: 'not-ours' };
	}
	let record = await open(claims.sub, claims.rk);
	if (!record && navigator.onLine) {
		// Booked after our last roster download? One fresh copy, then give up.
		await refresh().catch(() => undefined);
		record = await open(claims.sub, claims.rk);
	}
	if (!record) return { ok: false, problem: 'not-found', appointmentId: claims.sub };
	return { ok: true, record, token };
}

/** Verifies with the cached keys; a key they lack, online, is worth one fresh roster first. */
async function verifyWithFreshKeys(
	token: string,
	keys: () => Jwks,
	siteId: string,
	now: number,
	refresh: () => Promise<unknown>
): Promise<CheckInClaims> {
	try {
		return await verifyCheckInToken(token, keys(), siteId, now);
	} catch (error) {
		if (!(error instanceof CheckInTokenError) || error.problem !== 'not-ours') throw error;
		if (!navigator.onLine || !signedWithUnknownKey(token, keys())) throw error;
		await refresh().catch(() => undefined);
		return verifyCheckInToken(token, keys(), siteId, now);
	}
}

function signedWithUnknownKey(token: string, jwks: Jwks): boolean {
	const { kid } = decodeProtectedHeader(token);
	return typeof kid === 'string' && !jwks.keys.some((key) => key.kid === kid);
}
