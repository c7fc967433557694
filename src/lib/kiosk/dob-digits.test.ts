import { describe, expect, it } from 'vitest';
import { dobFromDigits } from './dob-digits';

const NOW = Date.UTC(2026, 2, 14, 15, 0);

describe('dobFromDigits', () => {
	it('turns MM DD YYYY digits into an ISO date', () => {
		expect(dobFromDigits('03141975', NOW)).toBe('1975-03-14');
		expect(dobFromDigits('02292000', NOW)).toBe('2000-02-29');
	});

	it('refuses what is not a real birth date', () => {
		expect(dobFromDigits('13011975', NOW)).toBeNull();
		expect(dobFromDigits('02302001', NOW)).toBeNull();
		expect(dobFromDigits('02291900', NOW)).toBeNull();
		expect(dobFromDigits('01011899', NOW)).toBeNull();
		expect(dobFromDigits('01012027', NOW)).toBeNull();
		expect(dobFromDigits('0314197', NOW)).toBeNull();
	});
});
