/**
 * The clinic picks its branding colour; the TV must stay readable whatever it is (WCAG AA,
 * 4.5:1). Text on a branded surface is white or near-black, whichever contrasts more.
 */

export const INK = '#0b1a1e';
export const PAPER = '#ffffff';

function channel(value: number): number {
	const c = value / 255;
	return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#rrggbb"; an unreadable colour counts as black. */
export function luminance(hex: string): number {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!match) return 0;
	const [r, g, b] = match.slice(1).map((part) => channel(parseInt(part, 16)));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function textOn(background: string): string {
	return contrastRatio(PAPER, background) >= contrastRatio(INK, background) ? PAPER : INK;
}
