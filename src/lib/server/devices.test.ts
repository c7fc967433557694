import { describe, expect, it } from 'vitest';
import { normalisePairingCode, pairingLifetimeMs } from './devices';

describe('normalisePairingCode', () => {
	it('keeps the 6 digits of a code read out or pasted with spaces or dashes', () => {
		for (const input of ['123456', '123 456', ' 123-456 ', '12 34 56', '123\u2013456', '123\t456'])
			expect(normalisePairingCode(input), JSON.stringify(input)).toBe('123456');
	});

	it('refuses anything that is not exactly 6 digits', () => {
		for (const input of ['', '12345', '1234567', '12a456', '123.456', '١٢٣٤٥٦'])
			expect(normalisePairingCode(input), JSON.stringify(input)).toBeNull();
	});
});

describe('pairingLifetimeMs', () => {
	it('is 15 minutes unless PAIRING_CODE_MINUTES says otherwise', () => {
		expect(pairingLifetimeMs({})).toBe(15 * 60_000);
		expect(pairingLifetimeMs({ PAIRING_CODE_MINUTES: '60' })).toBe(60 * 60_000);
		expect(pairingLifetimeMs({ PAIRING_CODE_MINUTES: '0.5' })).toBe(30_000);
	});

	it('ignores a setting that is not a positive number', () => {
		for (const value of ['0', '-5', 'soon', ''])
			expect(pairingLifetimeMs({ PAIRING_CODE_MINUTES: value }), value).toBe(15 * 60_000);
	});
});
