import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './accept-language';

describe('preferredLanguage', () => {
	it('takes the first of our languages the browser asks for, by weight', () => {
		expect(preferredLanguage('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
		expect(preferredLanguage('en-US,en;q=0.9,es;q=0.8')).toBe('en');
		expect(preferredLanguage('fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4')).toBe('es');
		expect(preferredLanguage('en;q=0.3, es;q=0.7')).toBe('es');
	});
	it('falls back to English when none of ours is asked for, or the header is missing', () => {
		expect(preferredLanguage('fr-FR,de;q=0.5')).toBe('en');
		expect(preferredLanguage('es;q=0')).toBe('en');
		expect(preferredLanguage('')).toBe('en');
		expect(preferredLanguage(null)).toBe('en');
	});
});
