import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DeviceName } from './staff';
import { KioskStatus } from './sync';

describe('DeviceName', () => {
	it('keeps a plain name, trimmed', () => {
		expect(v.parse(DeviceName, '  Lobby kiosk  ')).toBe('Lobby kiosk');
		expect(v.parse(DeviceName, 'Sala de espera – TV 2')).toBe('Sala de espera – TV 2');
	});

	it('refuses control, zero-width and bidi-override characters', () => {
		for (const name of ['Lobby\u0000', 'Lob\u200bby', '\u202eksoik ybboL', 'TV\u2066 1']) {
			const result = v.safeParse(DeviceName, name);
			expect(result.success, JSON.stringify(name)).toBe(false);
			expect(result.issues?.[0].message).toBe('the name has invisible or control characters');
		}
	});
});

describe('KioskStatus', () => {
	it('bounds the counts a kiosk reports', () => {
		expect(v.safeParse(KioskStatus, { pending: 12, deadLetters: 0 }).success).toBe(true);
		expect(v.safeParse(KioskStatus, { pending: 1e12 }).success).toBe(false);
		expect(v.safeParse(KioskStatus, { deadLetters: Number.MAX_SAFE_INTEGER }).success).toBe(false);
	});
});
