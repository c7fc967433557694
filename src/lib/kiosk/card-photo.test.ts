import { describe, expect, it } from 'vitest';
import { CARD_ASPECT, guideBox, shrinkToFit } from './card-photo';

describe('guideBox', () => {
	it('is card-shaped and centred, inside a wide frame and a tall one', () => {
		for (const [width, height] of [
			[1280, 720],
			[480, 640]
		]) {
			const box = guideBox(width, height);
			expect(box.width / box.height).toBeCloseTo(CARD_ASPECT);
			expect(box.width).toBeLessThanOrEqual(width * 0.8 + 1e-9);
			expect(box.height).toBeLessThanOrEqual(height * 0.8 + 1e-9);
			expect(box.x * 2 + box.width).toBeCloseTo(width);
			expect(box.y * 2 + box.height).toBeCloseTo(height);
		}
	});
});

describe('shrinkToFit', () => {
	/** An encoder whose output grows with the picture's area and the quality. */
	const tries: [number, number][] = [];
	const draw = (scale: number) => ({ scale });
	const encode = (canvas: { scale: number }, quality: number) => {
		tries.push([canvas.scale, quality]);
		return Promise.resolve(
			new Blob([new Uint8Array(Math.round(1_000_000 * canvas.scale ** 2 * quality))])
		);
	};

	it('lowers the quality first, then the size, and keeps the first that fits', async () => {
		tries.length = 0;
		const blob = await shrinkToFit(draw, encode, 300 * 1024);
		expect(blob.size).toBeLessThanOrEqual(300 * 1024);
		// Full size fails at every quality; 80 % fits at 0.45 (1e6 × 0.64 × 0.45 = 288,000 bytes).
		expect(tries.slice(0, 5).map(([scale]) => scale)).toEqual([1, 1, 1, 1, 1]);
		expect(tries.at(-1)).toEqual([0.8, 0.45]);
	});

	it('takes the best quality when the picture is small already', async () => {
		tries.length = 0;
		await shrinkToFit(draw, encode, 900_000);
		expect(tries).toEqual([[1, 0.85]]);
	});

	it('gives up rather than send something over the limit', async () => {
		await expect(shrinkToFit(draw, () => Promise.resolve(null), 10)).rejects.toThrow();
	});
});
