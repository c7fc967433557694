import { describe, expect, it } from 'vitest';
import { ErrorBudget, errorName } from './error-report';

describe('errorName', () => {
	it('keeps the class of what was thrown and never its message', () => {
		expect(errorName(new TypeError('Lopez, 1975-03-14'))).toBe('TypeError');
		expect(errorName(new DOMException('denied', 'NotAllowedError'))).toBe('NotAllowedError');
	});

	it('names anything that is not a plain class name generically', () => {
		const odd = new Error('x');
		odd.name = 'Maria Lopez 555-0100';
		expect(errorName(odd)).toBe('Error');
		expect(errorName({ name: 'Patient: Lopez' })).toBe('NonError');
		expect(errorName('Lopez')).toBe('NonError');
		expect(errorName(undefined)).toBe('NonError');
		expect(errorName(null)).toBe('NonError');
	});
});

describe('ErrorBudget', () => {
	it('lets three reports through a minute and drops the rest', () => {
		const budget = new ErrorBudget(3, 60_000);
		const t0 = 1_000_000;
		expect([0, 1, 2, 3, 4].map((i) => budget.take(t0 + i * 1000))).toEqual([
			true,
			true,
			true,
			false,
			false
		]);
		// A minute after the first report, one slot is free again; the dropped ones took none.
		expect(budget.take(t0 + 59_999)).toBe(false);
		expect(budget.take(t0 + 60_000)).toBe(true);
		expect(budget.take(t0 + 60_001)).toBe(false);
		expect(budget.take(t0 + 62_000)).toBe(true);
	});
});
