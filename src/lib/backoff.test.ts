import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

describe('backoffDelay', () => {
	const options = { baseMs: 500, maxMs: 5000 };

	it('doubles from the base and stops at the cap', () => {
		const top = (attempt: number) => backoffDelay(attempt, { ...options, random: () => 1 });
		expect([1, 2, 3, 4, 5, 6, 20].map(top)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
	});

	it('keeps at least half of each step and jitters the rest', () => {
		expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(1000);
		expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(1500);
		expect(backoffDelay(100, { ...options, random: () => 0 })).toBe(2500);
	});
});

describe('Backoff', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('runs one pending retry at a time, longer each time, and starts over after reset', () => {
		vi.useFakeTimers();
		const backoff = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 1 });
		const task = vi.fn();
		expect(backoff.schedule(task)).toBe(100);
		expect(backoff.schedule(task)).toBe(200);
		expect(backoff.pending).toBe(true);
		vi.advanceTimersByTime(200);
		expect(task).toHaveBeenCalledTimes(1);
		expect(backoff.pending).toBe(false);
		backoff.reset();
		expect(backoff.schedule(task)).toBe(100);
		backoff.cancel();
		vi.advanceTimersByTime(1000);
		expect(task).toHaveBeenCalledTimes(1);
	});
});
