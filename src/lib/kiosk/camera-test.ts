/** What the staff panel's camera test found. */
export type CameraCheck = 'frame' | 'no-frame' | 'blocked';

interface CameraTestOptions {
	/** How long to wait for the first picture. */
	timeoutMs?: number;
	/** How long the preview stays up once a picture arrived, for staff to see it. */
	showMs?: number;
	/** The panel closed: stop waiting (the camera is released all the same). */
	signal?: AbortSignal;
}

/**
 * Opens the camera into `video`, waits for one frame, and always releases the camera after, so a
 * test from the staff panel never leaves a track running for the scanner to fight over.
 */
export async function testCamera(
	video: HTMLVideoElement,
	{ timeoutMs = 5000, showMs = 1500, signal }: CameraTestOptions = {}
): Promise<CameraCheck> {
	let stream: MediaStream;
	try {
		stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
	} catch {
		return 'blocked';
	}
	try {
		video.muted = true;
		video.srcObject = stream;
		await video.play().catch(() => undefined);
		const arrived = await firstFrame(video, timeoutMs, signal);
		if (arrived) await pause(showMs, signal);
		return arrived ? 'frame' : 'no-frame';
	} finally {
		for (const track of stream.getTracks()) track.stop();
		video.srcObject = null;
	}
}

function firstFrame(video: HTMLVideoElement, timeoutMs: number, signal?: AbortSignal) {
	return new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		const done = (arrived: boolean) => {
			clearTimeout(timer);
			resolve(arrived);
		};
		signal?.addEventListener('abort', () => done(false), { once: true });
		// Safari before 15.4 has no requestVideoFrameCallback.
		if (typeof video.requestVideoFrameCallback === 'function')
			video.requestVideoFrameCallback(() => done(true));
		else video.addEventListener('loadeddata', () => done(video.videoWidth > 0), { once: true });
	});
}

function pause(ms: number, signal?: AbortSignal) {
	return new Promise<void>((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener(
			'abort',
			() => {
				clearTimeout(timer);
				resolve();
			},
			{ once: true }
		);
	});
}
