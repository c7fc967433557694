// Photos of an insurance card: the live camera for CardCamera.svelte, the crop to the card-shaped
// guide and the JPEG squeezed under the server's limit (MAX_CARD_PHOTO_BYTES). The camera is
// opened the way the scanner opens it (scanner.ts), and released by the teardown.
import { MAX_CARD_PHOTO_BYTES } from '$lib/intake/fields';
import { cameraVideo, openCamera } from './scanner';

/** An ID-1 card (ISO/IEC 7810), as nearly every insurance card is: 85.60 × 53.98 mm. */
export const CARD_ASPECT = 85.6 / 53.98;
/** How much of the picture the guide takes, at most, across and down. */
const GUIDE_FILL = 0.8;
/** Wide enough for a card's small print; a phone photo of one rarely needs more. */
const MAX_WIDTH = 1400;
const QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45];
const SHRINK = 0.8;

/** The card-shaped guide within a frame of `width × height`, in that frame's pixels. */
export function guideBox(width: number, height: number) {
	const w = Math.min(width * GUIDE_FILL, height * GUIDE_FILL * CARD_ASPECT);
	const h = w / CARD_ASPECT;
	return { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h };
}

/**
 * Encodes `draw(scale)`'s picture at falling quality, then at smaller sizes, until it is at most
 * `maxBytes`: the first that fits is the sharpest that fits.
 */
export async function shrinkToFit<C>(
	draw: (scale: number) => C,
	encode: (canvas: C, quality: number) => Promise<Blob | null>,
	maxBytes: number = MAX_CARD_PHOTO_BYTES
): Promise<Blob> {
	for (let scale = 1; scale > 0.1; scale *= SHRINK) {
		const canvas = draw(scale);
		for (const quality of QUALITIES) {
			const blob = await encode(canvas, quality);
			if (blob && blob.size <= maxBytes) return blob;
		}
	}
	throw new Error('the card photo does not get small enough');
}

/** The card inside the guide, from the camera's true (never mirrored) frame, as a JPEG. */
export function captureCard(video: HTMLVideoElement): Promise<Blob> {
	const box = guideBox(video.videoWidth, video.videoHeight);
	const base = Math.min(1, MAX_WIDTH / box.width);
	const canvas = document.createElement('canvas');
	return shrinkToFit(
		(scale) => {
			canvas.width = Math.round(box.width * base * scale);
			canvas.height = Math.round(box.height * base * scale);
			const context = canvas.getContext('2d');
			if (!context) throw new Error('no 2D canvas for the card photo');
			context.drawImage(
				video,
				box.x,
				box.y,
				box.width,
				box.height,
				0,
				0,
				canvas.width,
				canvas.height
			);
			return canvas;
		},
		(c, quality) => new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', quality))
	);
}

export interface CardCameraOptions {
	facingMode: 'user' | 'environment';
	/** The camera staff picked on the scan screen, if any. */
	deviceId: string | null;
	onStarted: (video: HTMLVideoElement) => void;
	onError: (error: unknown) => void;
}

/** Starts the camera in `element` (a `<video>` is added); the teardown releases it. */
export function startCardCamera(element: HTMLElement, options: CardCameraOptions): () => void {
	let stopped = false;
	const view = cameraVideo(element);
	const { video, release } = view;
	void (async () => {
		try {
			const stream = await openCamera(options);
			view.adopt(stream);
			if (stopped) return release();
			video.srcObject = stream;
			await video.play();
			if (!stopped) options.onStarted(video);
		} catch (error) {
			if (!stopped) options.onError(error);
			release();
		}
	})();
	return () => {
		stopped = true;
		release();
	};
}
