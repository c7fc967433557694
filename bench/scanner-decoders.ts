// Issue 7: "decode success and median ms/frame over the corpus, zxing-js as html5-qrcode calls it
// and the kiosk's decoder side by side in the same run".
//
// The corpus is tests/support/qr-corpus.ts (the decoder unit test's generator, bigger here):
// `urls` real-length check-in URLs × both encoders × 8 variants × 640×480 and 1280×720 × the
// code at 0.25–0.9 of the frame height. Each frame is rendered once and given to both decoders
// in turn, in Node, one after the other on the same thread:
//   - the kiosk's: src/lib/kiosk/qr-decoder.ts (zxing-cpp in WebAssembly), what the scan screen
//     runs wherever the browser has no native BarcodeDetector;
//   - zxing-js exactly as html5-qrcode 2.3.8 calls it (its bundled third_party/zxing-js.umd.js,
//     MultiFormatReader with QR_CODE only and TRY_HARDER false, HybridBinarizer over its
//     HTMLCanvasElementLuminanceSource), on the whole frame at full size. (html5-qrcode itself
//     would first shrink the frame to the preview's CSS width, which only makes it worse.)
// Times are the decode call alone, rendering excluded. A decode that returns another text than
// the frame's URL counts as a miss.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { configureZxing, decodeQr } from '../src/lib/kiosk/qr-decoder';
import { corpus, lumaToRgba, type Encoder, type Variant } from '../tests/support/qr-corpus';
import { zxingNodeOverrides } from '../tests/support/zxing-node';
import type { ReportRow } from './support/report';
import { ms } from './support/report';
import { percentile } from './support/stats';
import { size } from './support/smoke';

/** Check-in URLs in the corpus (one in `--smoke`). */
export const DECODER_URLS = size(10, 1);

type Decoder = 'zxing-wasm' | 'zxing-js';
const DECODERS: readonly Decoder[] = ['zxing-wasm', 'zxing-js'];

interface ZxingJs {
	MultiFormatReader: new () => {
		decode: (bitmap: unknown, hints: Map<unknown, unknown>) => { getText: () => string };
	};
	HTMLCanvasElementLuminanceSource: new (canvas: unknown) => unknown;
	HybridBinarizer: new (source: unknown) => unknown;
	BinaryBitmap: new (binarizer: unknown) => unknown;
	DecodeHintType: { POSSIBLE_FORMATS: unknown; TRY_HARDER: unknown };
	BarcodeFormat: { QR_CODE: unknown };
}

/** html5-qrcode's ZXingHtml5QrcodeDecoder.decode, with a stand-in for the canvas it reads. */
function zxingJsAsHtml5Qrcode(): (
	rgba: Uint8Array,
	width: number,
	height: number
) => string | null {
	const ZXing = createRequire(import.meta.url)(
		'html5-qrcode/third_party/zxing-js.umd.js'
	) as ZxingJs;
	const hints = new Map<unknown, unknown>([
		[ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.QR_CODE]],
		[ZXing.DecodeHintType.TRY_HARDER, false]
	]);
	return (rgba, width, height) => {
		const canvas = {
			width,
			height,
			getContext: () => ({ getImageData: () => ({ data: rgba, width, height }) })
		};
		try {
			const reader = new ZXing.MultiFormatReader();
			const source = new ZXing.HTMLCanvasElementLuminanceSource(canvas);
			const bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source));
			return reader.decode(bitmap, hints).getText();
		} catch {
			// zxing-js throws NotFoundException (and others) for a frame it cannot read.
			return null;
		}
	};
}

export interface DecoderFigures {
	frames: number;
	read: number;
	readPercent: number;
	medianMs: number;
}

export interface ScannerDecodersResult {
	urls: number;
	frames: number;
	/** decoder → encoder → figures, and decoder → 'all'. */
	byEncoder: Record<Decoder, Record<Encoder | 'all', DecoderFigures>>;
	/** decoder → variant → read %, for the note's detail. */
	byVariant: Record<Decoder, Record<Variant, number>>;
	/** decoder → fraction → read %. */
	byFraction: Record<Decoder, Record<string, number>>;
}

function figures(times: number[], read: number): DecoderFigures {
	const sorted = [...times].sort((a, b) => a - b);
	return {
		frames: times.length,
		read,
		readPercent: Math.round((1000 * read) / Math.max(1, times.length)) / 10,
		medianMs: Math.round(percentile(sorted, 50) * 100) / 100
	};
}

export async function scannerDecoders(urls = DECODER_URLS): Promise<ScannerDecodersResult> {
	configureZxing(zxingNodeOverrides());
	const zxingJs = zxingJsAsHtml5Qrcode();
	const frames = corpus({ urls, seed: 7 });
	type Key = `${Decoder}|${string}`;
	const times = new Map<Key, number[]>();
	const reads = new Map<Key, number>();
	const note = (key: Key, elapsed: number, ok: boolean) => {
		times.set(key, [...(times.get(key) ?? []), elapsed]);
		reads.set(key, (reads.get(key) ?? 0) + (ok ? 1 : 0));
	};
	// Compile the WebAssembly before timing anything.
	await decodeQr({ data: new Uint8Array(16 * 16 * 4), width: 16, height: 16 });
	for (const frame of frames) {
		const { width, height } = frame.size;
		const rgba = lumaToRgba(frame.render());
		for (const decoder of DECODERS) {
			const start = performance.now();
			const text =
				decoder === 'zxing-wasm'
					? await decodeQr({ data: rgba, width, height })
					: zxingJs(rgba, width, height);
			const elapsed = performance.now() - start;
			const ok = text === frame.url;
			for (const group of [
				`enc:${frame.encoder}`,
				'enc:all',
				`var:${frame.variant}`,
				`frac:${frame.fraction}`
			]) {
				note(`${decoder}|${group}`, elapsed, ok);
			}
		}
	}
	const pick = (decoder: Decoder, prefix: string) =>
		Object.fromEntries(
			[...times.keys()]
				.filter((key) => key.startsWith(`${decoder}|${prefix}:`))
				.map((key) => [key.split(':')[1], figures(times.get(key) ?? [], reads.get(key) ?? 0)])
		);
	const percentOnly = (decoder: Decoder, prefix: string) =>
		Object.fromEntries(Object.entries(pick(decoder, prefix)).map(([k, f]) => [k, f.readPercent]));
	return {
		urls,
		frames: frames.length,
		byEncoder: {
			'zxing-wasm': pick('zxing-wasm', 'enc'),
			'zxing-js': pick('zxing-js', 'enc')
		} as ScannerDecodersResult['byEncoder'],
		byVariant: {
			'zxing-wasm': percentOnly('zxing-wasm', 'var'),
			'zxing-js': percentOnly('zxing-js', 'var')
		} as ScannerDecodersResult['byVariant'],
		byFraction: {
			'zxing-wasm': percentOnly('zxing-wasm', 'frac'),
			'zxing-js': percentOnly('zxing-js', 'frac')
		}
	};
}

export function scannerDecodersRows(r: ScannerDecodersResult): ReportRow[] {
	const rows: ReportRow[] = [];
	for (const decoder of DECODERS) {
		for (const encoder of ['all', 'qrcode', 'qrcode-generator'] as const) {
			const f = r.byEncoder[decoder][encoder];
			const kiosk = decoder === 'zxing-wasm';
			rows.push({
				what:
					encoder === 'all'
						? `scanner: ${decoder}${kiosk ? ' (kiosk)' : ' (html5-qrcode)'}, all ${f.frames} frames`
						: `  ${decoder}, ${encoder} codes`,
				target: kiosk && encoder === 'all' ? '≥ 99 % read' : '',
				measured: `${f.readPercent} % read (${f.read}/${f.frames}), median ${ms(f.medianMs)}/frame`,
				met: kiosk && encoder === 'all' ? f.readPercent >= 99 : null
			});
		}
	}
	return rows;
}
