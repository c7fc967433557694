import { describe, expect, it } from 'vitest';
import { ticketCode } from './ticket';

describe('ticketCode', () => {
	it('pads the number to three digits after the provider letter', () => {
		expect(ticketCode('A', 7)).toBe('A-007');
		expect(ticketCode('B', 17)).toBe('B-017');
		expect(ticketCode('C', 1234)).toBe('C-1234');
	});
});
