// The kiosk's decoder (qr-decoder.ts, the module the scan screen uses) against the camera-like
// corpus of tests/support/qr-corpus.ts: both encoders, every variant, 640×480 and 1280×720, the
// code at 0.25–0.9 of the frame height. Sized to run in well under a minute; `npm run bench`
// runs a bigger corpus and times it (speed targets live there, not here).
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus, lumaToRgba, type CorpusFrame } from '../../../tests/support/qr-corpus';
import { zxingNodeOverrides } from '../../../tests/support/zxing-node';
import { configureZxing, decodeQr } from './qr-decoder';

const URLS = 1;

interface Outcome {
	frame: CorpusFrame;
	decoded: string | null;
}

const describeFrame = ({ frame }: Outcome) =>
	`${frame.encoder} ${frame.variant} ${frame.size.width}×${frame.size.height} at ${frame.fraction}`;

describe('the kiosk QR decoder on camera-like frames', () => {
	const outcomes: Outcome[] = [];

	beforeAll(async () => {
		// Node reads the .wasm from the package; the browser gets it as a build asset.
		configureZxing(zxingNodeOverrides());
		for (const frame of corpus({ urls: URLS })) {
			const { width, height } = frame.size;
			const decoded = await decodeQr({ data: lumaToRgba(frame.render()), width, height });
			outcomes.push({ frame, decoded });
		}
	}, 120_000);

	it('reads at least 99 % of all frames, and never reads a wrong text', () => {
		expect(outcomes.length).toBe(URLS * 2 * 8 * 2 * 6);
		const wrong = outcomes.filter((o) => o.decoded !== null && o.decoded !== o.frame.url);
		expect(wrong.map(describeFrame)).toEqual([]);
		const missed = outcomes.filter((o) => o.decoded === null);
		console.log(
			`read ${outcomes.length - missed.length} of ${outcomes.length} frames; missed:`,
			missed.map(describeFrame)
		);
		expect(missed.length, missed.map(describeFrame).join('\n')).toBeLessThanOrEqual(
			Math.floor(outcomes.length * 0.01)
		);
	});

	it('reads every clean frame with the code at 0.35–0.9 of the frame', () => {
		const clean = outcomes.filter(
			(o) => o.frame.variant === 'clean' && o.frame.fraction >= 0.35 && o.frame.fraction <= 0.9
		);
		expect(clean.length).toBe(URLS * 2 * 2 * 5);
		expect(clean.filter((o) => o.decoded !== o.frame.url).map(describeFrame)).toEqual([]);
	});

	it('reads the same text from both encoders', () => {
		const byEncoder = (encoder: string) =>
			outcomes.filter((o) => o.frame.encoder === encoder && o.decoded === o.frame.url).length;
		expect(byEncoder('qrcode')).toBeGreaterThan(0);
		expect(byEncoder('qrcode-generator')).toBeGreaterThan(0);
	});
});
