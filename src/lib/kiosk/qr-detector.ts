// Picks the kiosk's QR detector in the browser: a native BarcodeDetector that reads QR codes
// first (Android Chrome, for one), else zxing-cpp in WebAssembly through qr-decoder.ts, the
// module the unit tests decode the corpus with. The .wasm is a build asset of this app (Vite's
// `?url`), served from /_app/immutable/ and precached by the service worker, so a kiosk that
// reboots offline still scans; it is fetched only when the scan screen opens.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { configureZxing, decodeQr, warmUpZxing } from './qr-decoder';

export interface QrDetector {
	kind: 'native' | 'zxing-wasm';
	/** The text of the QR code in the frame drawn on `canvas`, or null. */
	detect: (canvas: HTMLCanvasElement, context: CanvasRenderingContext2D) => Promise<string | null>;
}

interface NativeBarcodeDetector {
	detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface NativeBarcodeDetectorClass {
	new (options: { formats: string[] }): NativeBarcodeDetector;
	getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<QrDetector | null> {
	const Native = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector;
	if (!Native) return null;
	try {
		if (!(await Native.getSupportedFormats()).includes('qr_code')) return null;
		const detector = new Native({ formats: ['qr_code'] });
		return {
			kind: 'native',
			detect: async (canvas) => (await detector.detect(canvas))[0]?.rawValue || null
		};
	} catch {
		// A native detector that cannot start (some Chromium builds ship the API without a
		// backend) is no detector: zxing-wasm takes over.
		return null;
	}
}

const overrides = {
	locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path)
};
configureZxing(overrides);

export async function createQrDetector(): Promise<QrDetector> {
	const native = await nativeDetector();
	if (native) return native;
	// Compiled now, while the camera warms up, not on the first frame with a code in it.
	await warmUpZxing(overrides);
	return {
		kind: 'zxing-wasm',
		detect: (canvas, context) => decodeQr(context.getImageData(0, 0, canvas.width, canvas.height))
	};
}
