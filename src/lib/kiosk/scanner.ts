export interface ScannerOptions {
	facingMode: 'user' | 'environment';
	onStarted: () => void;
	onScanned: (text: string) => void;
	onError: (error: unknown) => void;
}

let counter = 0;

/**
 * Starts html5-qrcode on `element` and returns the teardown that stops the camera. The library
 * is imported here, on demand, so it is not part of the kiosk's first load. It scans the whole
 * frame (no fixed box): a code held close or far still fits (DESIGN §4).
 */
export function startScanner(element: HTMLElement, options: ScannerOptions): () => void {
	let stopped = false;
	let stop: (() => Promise<void>) | null = null;
	element.id ||= `qr-reader-${++counter}`;

	void (async () => {
		try {
			const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
			if (stopped) return;
			const scanner = new Html5Qrcode(element.id, {
				verbose: false,
				formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
				useBarCodeDetectorIfSupported: true
			});
			let last = '';
			await scanner.start(
				{ facingMode: options.facingMode },
				{ fps: 15, disableFlip: true },
				(text) => {
					// The same code stays in view for many frames; hand it over once.
					if (text === last) return;
					last = text;
					options.onScanned(text);
					setTimeout(() => (last = ''), 3000);
				},
				() => {
					// No code in this frame: normal while the patient lines it up.
				}
			);
			stop = async () => {
				if (scanner.isScanning) await scanner.stop();
				scanner.clear();
			};
			if (stopped) await stop();
			else options.onStarted();
		} catch (error) {
			if (!stopped) options.onError(error);
		}
	})();

	return () => {
		stopped = true;
		void stop?.().catch(() => {
			// The camera is already gone (tab closing); nothing left to release.
		});
	};
}
