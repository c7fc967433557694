// The kiosk decodes several frames a second for hours. Each read asks zxing-cpp for a vector of
// results that lives in the WebAssembly heap until someone calls its `delete()`: zxing-wasm 3.1.4
// never did (the soak's heap grew by a fifth over 500 visits), 3.1.6 does. This test keeps us on
// a version that does: it watches the module's own reader and counts the vectors left alive.
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule } from 'zxing-wasm/reader';
import { corpus, lumaToRgba } from '../../../tests/support/qr-corpus';
import { zxingNodeOverrides } from '../../../tests/support/zxing-node';
import { configureZxing, decodeQr } from './qr-decoder';

interface Deletable {
	delete(): void;
}

type PixmapReader = (...args: unknown[]) => Deletable;

const READS = 200;

describe('the kiosk QR decoder and the WebAssembly heap', () => {
	const alive = new Set<Deletable>();
	let vectors = 0;
	let decoded = 0;

	beforeAll(async () => {
		const overrides = zxingNodeOverrides();
		configureZxing(overrides);
		const module = (await prepareZXingModule({
			overrides,
			fireImmediately: true
		})) as unknown as { readBarcodesFromPixmap: PixmapReader };
		const read = module.readBarcodesFromPixmap.bind(module);
		module.readBarcodesFromPixmap = (...args) => {
			const vector = read(...args);
			const release = vector.delete.bind(vector);
			vectors += 1;
			alive.add(vector);
			vector.delete = () => {
				alive.delete(vector);
				release();
			};
			return vector;
		};
		// Frames with a code and frames without (the usual case while nobody stands there).
		const frames = corpus({ urls: 1 }).slice(0, 8);
		const empty = new Uint8Array(640 * 480 * 4).fill(255);
		for (let i = 0; i < READS; i += 1) {
			const frame = frames[i % frames.length];
			const image =
				i % 2 === 0
					? { data: lumaToRgba(frame.render()), width: frame.size.width, height: frame.size.height }
					: { data: empty, width: 640, height: 480 };
			if ((await decodeQr(image)) !== null) decoded += 1;
		}
	}, 120_000);

	it('asks the module once per frame and gets codes back', () => {
		expect(vectors).toBe(READS);
		expect(decoded).toBeGreaterThan(READS / 4);
	});

	it('deletes every result vector it was given', () => {
		expect(alive.size).toBe(0);
	});
});
