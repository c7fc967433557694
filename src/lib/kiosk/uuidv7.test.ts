import { beforeEach, describe, expect, it, vi } from 'vitest';

// The generator keeps the last timestamp and counter in module state; each test gets a fresh copy.
let uuidv7: (now?: number) => string;

beforeEach(async () => {
	vi.resetModules();
	({ uuidv7 } = await import('./uuidv7'));
});

const NOW = Date.UTC(2026, 2, 14, 15, 0, 0, 123);
const SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function timestampOf(id: string): number {
	return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

function expectStrictlyIncreasing(ids: string[]) {
	const outOfOrder = ids.filter((id, i) => i > 0 && !(id > ids[i - 1]));
	expect(outOfOrder).toEqual([]);
}

describe('uuidv7', () => {
	it('has version 7 and the RFC 9562 variant', () => {
		for (let i = 0; i < 50; i++) {
			const id = uuidv7(NOW + i);
			expect(id).toMatch(SHAPE);
			expect(id[14]).toBe('7');
			expect('89ab').toContain(id[19]);
		}
	});

	it('embeds the millisecond timestamp in the first 48 bits', () => {
		expect(timestampOf(uuidv7(NOW))).toBe(NOW);
		expect(timestampOf(uuidv7(NOW + 60_000))).toBe(NOW + 60_000);
	});

	it('uses the current time when none is given', () => {
		const before = Date.now();
		const ts = timestampOf(uuidv7());
		expect(ts).toBeGreaterThanOrEqual(before);
		expect(ts).toBeLessThanOrEqual(Date.now());
	});

	it('increases strictly within one millisecond', () => {
		const ids = Array.from({ length: 1000 }, () => uuidv7(NOW));
		expectStrictlyIncreasing(ids);
		expect(new Set(ids).size).toBe(1000);
		expect(ids.every((id) => timestampOf(id) === NOW)).toBe(true);
	});

	it('keeps increasing past the 12-bit counter by borrowing the next millisecond', () => {
		const ids = Array.from({ length: 5000 }, () => uuidv7(NOW));
		expectStrictlyIncreasing(ids);
		expect(timestampOf(ids[0])).toBe(NOW);
		expect(timestampOf(ids[4999])).toBe(NOW + 1);
	});

	it('keeps increasing when the clock steps back', () => {
		const later = uuidv7(NOW + 5000);
		const earlier = uuidv7(NOW);
		expect(earlier > later).toBe(true);
		expect(timestampOf(earlier)).toBe(NOW + 5000);
	});

	it('orders ids from later milliseconds after earlier ones', () => {
		const ids = [NOW, NOW + 1, NOW + 2, NOW + 1000].map((t) => uuidv7(t));
		expectStrictlyIncreasing(ids);
	});
});

describe('uuidv7At', () => {
	it('carries exactly the time it is given, even after a later id', async () => {
		const { uuidv7At } = await import('./uuidv7');
		const hour = NOW - (NOW % 3_600_000);
		uuidv7(NOW);
		const ids = [uuidv7At(hour), uuidv7At(hour)];
		for (const id of ids) {
			expect(id).toMatch(SHAPE);
			expect(timestampOf(id)).toBe(hour);
		}
		expect(ids[0]).not.toBe(ids[1]);
	});
});
