// The kiosk's QR decoder: zxing-cpp compiled to WebAssembly (zxing-wasm), used wherever the browser
// has no native BarcodeDetector. The very same functions decode the camera-like corpus in the
// unit tests (qr-decoder.test.ts) and in `npm run bench`, so what they measure is what the kiosk
// runs. Nothing here knows where the .wasm lives: the browser hands over a build-asset URL
// (zxing-browser.ts), Node hands over the file's bytes. Never the library's default, a CDN.
import {
	prepareZXingModule,
	readBarcodes,
	type ReaderOptions,
	type ZXingModuleOverrides
} from 'zxing-wasm/reader';

/** Pixels as a canvas gives them (RGBA, 4 bytes a pixel); a real ImageData is one. */
export interface RgbaImage {
	data: Uint8ClampedArray | Uint8Array;
	width: number;
	height: number;
}

/**
 * What the kiosk asks of zxing-cpp. Only QR (every other format is time spent on false finds);
 * tryHarder and tryRotate for the letter held at a slant; no inverted codes (ours are printed
 * dark on white); one symbol is all a patient holds up. Downscaling stays on: a 1280×720 frame
 * is first tried smaller, which is faster and reads big codes better, then at full size.
 */
export const QR_READER_OPTIONS: ReaderOptions = {
	formats: ['QRCode'],
	tryHarder: true,
	tryRotate: true,
	tryInvert: false,
	tryDownscale: true,
	maxNumberOfSymbols: 1
};

/**
 * Tells zxing-wasm how to find its .wasm (a URL via `locateFile`, or the bytes via `wasmBinary`).
 * Loads nothing yet: the module is instantiated on the first decode.
 */
export function configureZxing(overrides: ZXingModuleOverrides): void {
	prepareZXingModule({ overrides, fireImmediately: false });
}

/** Instantiates the WebAssembly now (the scan screen calls it as it opens, before any frame). */
export async function warmUpZxing(overrides: ZXingModuleOverrides): Promise<void> {
	await prepareZXingModule({ overrides, fireImmediately: true });
}

/** Decodes the QR code in a whole frame; null when there is none (the usual case). */
export async function decodeQr(image: RgbaImage): Promise<string | null> {
	const results = await readBarcodes(image as ImageData, QR_READER_OPTIONS);
	const found = results.find((result) => result.isValid && result.text);
	return found ? found.text : null;
}
