// The kiosk's camera and QR scanning loop. getUserMedia at the camera's own resolution, every
// frame drawn whole into a canvas of that size, and handed to a detector: the browser's native
// BarcodeDetector where it has one, else zxing-cpp in WebAssembly (qr-detector.ts). Why not
// html5-qrcode any more: see docs/decisions.md, "QR decoding".

export interface CameraInfo {
	/** The frame the decoder sees, in pixels. */
	width: number;
	height: number;
	/** Video inputs on this device; "switch camera" only makes sense with two or more. */
	cameras: string[];
	deviceId: string | null;
	detector: 'native' | 'zxing-wasm';
}

export interface ScannerOptions {
	facingMode: 'user' | 'environment';
	/** A camera staff picked with "switch camera"; overrides facingMode while it exists. */
	deviceId?: string | null;
	onStarted: (info: CameraInfo) => void;
	onScanned: (text: string) => void;
	onError: (error: unknown) => void;
}

/** Ask for up to full HD: the camera answers with the best it has (`ideal`, never a refusal). */
const IDEAL_WIDTH = 1920;
const IDEAL_HEIGHT = 1080;
/** Slowest decode pace; a frame that takes longer to decode simply waits for the next one. */
const MIN_FRAME_GAP_MS = 40;
/** The same code stays in view for many frames: hand it over again only after a gap. */
const REPEAT_AFTER_MS = 3000;

function constraints(
	options: Pick<ScannerOptions, 'facingMode' | 'deviceId'>
): MediaStreamConstraints {
	const size = { width: { ideal: IDEAL_WIDTH }, height: { ideal: IDEAL_HEIGHT } };
	const video: MediaTrackConstraints = options.deviceId
		? { ...size, deviceId: { exact: options.deviceId } }
		: { ...size, facingMode: { ideal: options.facingMode } };
	return { video, audio: false };
}

export async function openCamera(
	options: Pick<ScannerOptions, 'facingMode' | 'deviceId'>
): Promise<MediaStream> {
	try {
		return await navigator.mediaDevices.getUserMedia(constraints(options));
	} catch (error) {
		// The camera staff picked is gone (unplugged): fall back to the configured side.
		if (!options.deviceId) throw error;
		return navigator.mediaDevices.getUserMedia(constraints({ ...options, deviceId: null }));
	}
}

/**
 * A muted inline `<video>` added to `element` for a camera; `release` stops the camera it was
 * given (`adopt`) and removes the video. The scan screen and the card camera share it.
 */
export function cameraVideo(element: HTMLElement) {
	let stream: MediaStream | null = null;
	const video = document.createElement('video');
	video.muted = true;
	video.playsInline = true;
	video.setAttribute('playsinline', '');
	element.append(video);
	return {
		video,
		adopt(camera: MediaStream) {
			stream = camera;
		},
		release() {
			for (const track of stream?.getTracks() ?? []) track.stop();
			stream = null;
			video.srcObject = null;
			video.remove();
		}
	};
}

/** The next camera frame, or `wake` (the teardown), whichever comes first. */
function nextFrame(video: HTMLVideoElement, wake: (resolve: () => void) => void): Promise<void> {
	return new Promise((resolve) => {
		wake(resolve);
		if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
		else requestAnimationFrame(() => resolve());
	});
}

/**
 * Runs `start` (which opens a camera and returns its teardown) only while the page is shown: the
 * camera is let go when the page is hidden (the tablet's screen turned off, another app in
 * front, the page going away) and opened again when it is shown, for as long as the screen that
 * wants it is still there. Returns the teardown of the whole.
 */
export function whilePageShown(start: () => () => void): () => void {
	let stop: (() => void) | null = null;
	const changed = (event?: Event) => {
		const shown =
			event?.type === 'pagehide'
				? false
				: event?.type === 'pageshow' || document.visibilityState === 'visible';
		if (shown && !stop) stop = start();
		else if (!shown && stop) {
			stop();
			stop = null;
		}
	};
	document.addEventListener('visibilitychange', changed);
	window.addEventListener('pagehide', changed);
	window.addEventListener('pageshow', changed);
	changed();
	return () => {
		document.removeEventListener('visibilitychange', changed);
		window.removeEventListener('pagehide', changed);
		window.removeEventListener('pageshow', changed);
		stop?.();
		stop = null;
	};
}

/**
 * Starts the camera in `element` (a `<video>` is added to it) and scans until the returned
 * teardown is called. The detector and its WebAssembly load here, when the scan screen opens,
 * so neither is part of the kiosk's first load.
 */
export function startScanner(element: HTMLElement, options: ScannerOptions): () => void {
	let stopped = false;
	/** Ends a wait for the next frame: after the teardown no frame comes (the video is gone). */
	let wakeUp: (() => void) | null = null;
	const view = cameraVideo(element);
	const { video, release } = view;

	void (async () => {
		try {
			const [{ createQrDetector }, camera] = await Promise.all([
				import('./qr-detector'),
				openCamera(options)
			]);
			view.adopt(camera);
			if (stopped) return release();
			video.srcObject = camera;
			await video.play();
			const detector = await createQrDetector();
			if (stopped) return release();

			const canvas = document.createElement('canvas');
			const context = canvas.getContext('2d', { willReadFrequently: true });
			if (!context) throw new Error('no 2D canvas for the camera frames');
			const devices = await navigator.mediaDevices.enumerateDevices();
			const settings = camera.getVideoTracks()[0]?.getSettings() ?? {};
			options.onStarted({
				width: video.videoWidth,
				height: video.videoHeight,
				cameras: devices.filter((d) => d.kind === 'videoinput').map((d) => d.deviceId),
				deviceId: settings.deviceId ?? null,
				detector: detector.kind
			});

			let last = '';
			let lastAt = 0;
			while (!stopped) {
				const frameAt = performance.now();
				await nextFrame(video, (resolve) => (wakeUp = resolve));
				if (stopped) break;
				const { videoWidth: width, videoHeight: height } = video;
				if (width === 0 || height === 0) continue;
				// The whole frame at the camera's resolution: a code held far off keeps its pixels.
				if (canvas.width !== width || canvas.height !== height) {
					canvas.width = width;
					canvas.height = height;
				}
				context.drawImage(video, 0, 0, width, height);
				const text = await detector.detect(canvas, context);
				if (stopped) break;
				const now = performance.now();
				if (text && (text !== last || now - lastAt > REPEAT_AFTER_MS)) options.onScanned(text);
				if (text) [last, lastAt] = [text, now];
				const wait = MIN_FRAME_GAP_MS - (performance.now() - frameAt);
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			}
		} catch (error) {
			if (!stopped) options.onError(error);
		}
		release();
	})();

	return () => {
		stopped = true;
		// A camera still opening is released by the loop above once getUserMedia returns.
		release();
		wakeUp?.();
		wakeUp = null;
	};
}
