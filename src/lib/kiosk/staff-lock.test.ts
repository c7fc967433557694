import { describe, expect, it } from 'vitest';
import {
	afterMiss,
	lockedFor,
	OPEN_LOCK,
	readLock,
	STAFF_LOCK_MS,
	triesLeft,
	type StaffLock
} from './staff-lock';

const t0 = 1_700_000_000_000;

function misses(n: number, at = t0): StaffLock {
	let lock = OPEN_LOCK;
	for (let i = 0; i < n; i++) lock = afterMiss(lock, at + i);
	return lock;
}

describe('staff panel lock-out', () => {
	it('gives five tries, counting down with each wrong PIN', () => {
		expect(triesLeft(OPEN_LOCK, t0)).toBe(5);
		expect(triesLeft(misses(1), t0)).toBe(4);
		expect(triesLeft(misses(4), t0)).toBe(1);
		expect(lockedFor(misses(4), t0 + 4)).toBe(0);
	});

	it('locks for five minutes at the fifth wrong PIN', () => {
		const lock = misses(5);
		expect(lock.lockedUntil).toBe(t0 + 4 + STAFF_LOCK_MS);
		expect(triesLeft(lock, t0 + 5)).toBe(0);
		expect(lockedFor(lock, t0 + 4)).toBe(STAFF_LOCK_MS);
		expect(lockedFor(lock, t0 + 4 + STAFF_LOCK_MS - 1)).toBe(1);
	});

	it('does not extend the lock for a PIN typed while locked', () => {
		const lock = misses(5);
		expect(afterMiss(lock, t0 + 60_000)).toBe(lock);
	});

	it('gives all five tries back once the lock has run out, and a miss then counts as the first', () => {
		const lock = misses(5);
		const later = t0 + 4 + STAFF_LOCK_MS;
		expect(lockedFor(lock, later)).toBe(0);
		expect(triesLeft(lock, later)).toBe(5);
		expect(afterMiss(lock, later)).toEqual({ misses: 1, lockedUntil: null });
	});

	it('reads a damaged stored row as no lock', () => {
		expect(readLock(undefined)).toEqual(OPEN_LOCK);
		expect(readLock('x')).toEqual(OPEN_LOCK);
		expect(readLock({ misses: -3, lockedUntil: 'soon' })).toEqual(OPEN_LOCK);
		expect(readLock({ misses: 3, lockedUntil: t0 })).toEqual({ misses: 3, lockedUntil: t0 });
	});
});
