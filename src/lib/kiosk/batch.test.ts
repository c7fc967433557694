import { describe, expect, it } from 'vitest';
import type { SyncOp } from '$lib/schemas/sync';
import { withinBudget } from './batch';

const at = 1_700_000_000_000;
const checkIn = (n: number): SyncOp => ({
	id: `0190a000-0000-7000-8000-00000000000${n}`,
	type: 'checkin',
	createdAt: at,
	payload: { appointmentId: `A${n}aa`, method: 'lookup', arrivedAt: at }
});
const photo = (n: number, chars: number): SyncOp => ({
	id: `0190a000-0000-7000-8000-00000000001${n}`,
	type: 'card-photo',
	createdAt: at,
	payload: {
		appointmentId: 'A1aa',
		changeId: '0190a000-0000-7000-8000-000000000001',
		side: 'front',
		sealed: { k: 'k', iv: 'AAAAAAAAAAAAAAAA', ct: 'x'.repeat(chars) },
		at
	}
});

describe('withinBudget', () => {
	it('sends the check-in and small ops together and each big photo on its own', () => {
		const ops = [checkIn(1), checkIn(2), photo(1, 400_000), photo(2, 400_000), checkIn(3)];
		const budget = 512 * 1024;
		expect(withinBudget(ops, budget).map((op) => op.id)).toEqual([ops[0].id, ops[1].id]);
		expect(withinBudget(ops.slice(2), budget).map((op) => op.id)).toEqual([ops[2].id]);
		expect(withinBudget(ops.slice(3), budget).map((op) => op.id)).toEqual([ops[3].id]);
		expect(withinBudget(ops.slice(4), budget).map((op) => op.id)).toEqual([ops[4].id]);
	});

	it('cuts a run of small ops at the budget', () => {
		const ops = [checkIn(1), checkIn(2), checkIn(3)];
		expect(withinBudget(ops, 700)).toHaveLength(2);
	});

	it('never returns an empty batch, even for one op over the budget', () => {
		expect(withinBudget([photo(1, 900_000)], 512 * 1024)).toHaveLength(1);
		expect(withinBudget([], 10)).toEqual([]);
	});
});
