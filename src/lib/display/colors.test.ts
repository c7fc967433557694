import { describe, expect, it } from 'vitest';
import { contrastRatio, INK, PAPER, textOn } from '$lib/display/colors';

describe('textOn', () => {
	it('keeps text readable (WCAG AA) on dark and light branding colours', () => {
		for (const background of ['#0f5e6e', '#1d4ed8', '#000000', '#ffd400', '#f5f5f5', '#e11d48']) {
			const text = textOn(background);
			expect([PAPER, INK]).toContain(text);
			expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('matches the WCAG ratio for black on white', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
	});
});
