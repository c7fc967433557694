/**
 * The staff panel's PIN tries (issue 10). A 4–8 digit PIN is checked on the tablet against a hash
 * the tablet holds, so the only brake on guessing is here: five wrong PINs lock the panel for five
 * minutes. The count lives in the kiosk's Dexie `meta` (see StaffPanel.svelte), so reloading the
 * page or restarting the browser does not hand out five more tries.
 */
export interface StaffLock {
	/** Wrong PINs since the last right one (or since the last lock ran out). */
	misses: number;
	/** Epoch ms until which no PIN is checked; null when the panel is not locked. */
	lockedUntil: number | null;
}

export const STAFF_PIN_TRIES = 5;
export const STAFF_LOCK_MS = 5 * 60_000;
export const OPEN_LOCK: StaffLock = { misses: 0, lockedUntil: null };

/** How long the panel stays locked from `now` (0: a PIN may be tried). */
export function lockedFor(lock: StaffLock, now: number): number {
	return lock.lockedUntil === null ? 0 : Math.max(0, lock.lockedUntil - now);
}

/** Tries left before the panel locks; a lock that has run out gives all of them back. */
export function triesLeft(lock: StaffLock, now: number): number {
	if (lock.lockedUntil !== null) return lockedFor(lock, now) > 0 ? 0 : STAFF_PIN_TRIES;
	return Math.max(0, STAFF_PIN_TRIES - lock.misses);
}

/** After a wrong PIN. A miss while locked changes nothing (no PIN is checked then). */
export function afterMiss(lock: StaffLock, now: number): StaffLock {
	if (lockedFor(lock, now) > 0) return lock;
	const misses = (lock.lockedUntil === null ? lock.misses : 0) + 1;
	return misses >= STAFF_PIN_TRIES
		? { misses, lockedUntil: now + STAFF_LOCK_MS }
		: { misses, lockedUntil: null };
}

/** Whatever was stored, as a lock: a damaged row counts as no lock, never as a crash. */
export function readLock(stored: unknown): StaffLock {
	if (typeof stored !== 'object' || stored === null) return OPEN_LOCK;
	const { misses, lockedUntil } = stored as Record<string, unknown>;
	return {
		misses: typeof misses === 'number' && Number.isInteger(misses) && misses >= 0 ? misses : 0,
		lockedUntil: typeof lockedUntil === 'number' ? lockedUntil : null
	};
}
