// Camera footage for Chromium's fake capture device (`--use-file-for-fake-video-capture`).
//
// Chromium plays a YUV4MPEG2 file in a loop as if it came from a webcam, so a test can hold any
// QR code in front of the kiosk's scanner. We write the frames ourselves from the `qrcode`
// package's module matrix: no image tooling, and the picture is exactly what we asked for.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import QRCode from 'qrcode';

export interface FrameSize {
	/** Frame width in pixels, even (4:2:0 chroma). Default 640. */
	width?: number;
	/** Frame height in pixels, even (4:2:0 chroma). Default 480. */
	height?: number;
}

export interface QrY4mOptions extends FrameSize {
	/**
	 * Side of the QR symbol (its modules, not counting the quiet zone) as a fraction of the frame
	 * height. Default 0.6, a letter held up close; DESIGN §4's hard case is 0.33 (arm's length).
	 */
	fraction?: number;
	/** Frames in the file; Chromium loops them, so a few are enough. Default 3. */
	frames?: number;
	/**
	 * Gaussian blur of the picture, sigma in pixels: a webcam's soft focus. Default 0 (sharp).
	 * A QR code is much harder to read at a third of the frame with even 0.7 of blur.
	 */
	blur?: number;
	/** Sensor noise, standard deviation in luma levels, different in every frame. Default 0. */
	noise?: number;
}

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 480;
const DEFAULT_FRAMES = 3;
const QUIET_ZONE_MODULES = 4;
// Printed ink and paper under room light, not pure 0/255, and a room behind the paper: the
// quiet zone is a white square on grey, so the scanner has to find it like it would for real.
const INK_LUMA = 24;
const PAPER_LUMA = 232;
const ROOM_LUMA = 118;
const NEUTRAL_CHROMA = 128;
// Sub-samples per pixel side: modules rarely land on whole pixels, and a camera blends the
// edges, so each pixel takes the ink coverage of its area instead of a hard nearest module.
const SUPERSAMPLE = 4;

function frameSize(opts: FrameSize): { width: number; height: number } {
	const width = opts.width ?? DEFAULT_WIDTH;
	const height = opts.height ?? DEFAULT_HEIGHT;
	for (const [name, value] of [
		['width', width],
		['height', height]
	] as const) {
		if (!Number.isInteger(value) || value <= 0 || value % 2 !== 0) {
			throw new Error(`y4m ${name} must be a positive even integer, got ${value}`);
		}
	}
	return { width, height };
}

/**
 * Renders the QR code of `text` (error correction M) as an 8-bit luma image: black modules on a
 * white quiet zone of 4 modules, centred on a grey background. Returns `width × height` bytes.
 */
export function renderQrLuma(text: string, opts: QrY4mOptions = {}): Uint8Array {
	const { width, height } = frameSize(opts);
	const fraction = opts.fraction ?? 0.6;
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const count = modules.size;
	const moduleSide = (fraction * height) / count;
	const paperSide = (count + 2 * QUIET_ZONE_MODULES) * moduleSide;
	if (!(fraction > 0) || paperSide > Math.min(width, height)) {
		throw new Error(
			`QR fraction ${fraction} does not fit a ${width}×${height} frame with its quiet zone`
		);
	}
	// Top-left corner of the symbol's first module, in pixels.
	const symbolX = (width - count * moduleSide) / 2;
	const symbolY = (height - count * moduleSide) / 2;
	const paperX = symbolX - QUIET_ZONE_MODULES * moduleSide;
	const paperY = symbolY - QUIET_ZONE_MODULES * moduleSide;

	const luma = new Uint8Array(width * height).fill(ROOM_LUMA);
	const x0 = Math.floor(paperX);
	const y0 = Math.floor(paperY);
	const x1 = Math.ceil(paperX + paperSide);
	const y1 = Math.ceil(paperY + paperSide);
	const samples = SUPERSAMPLE * SUPERSAMPLE;
	for (let y = y0; y < y1; y++) {
		for (let x = x0; x < x1; x++) {
			let paper = 0;
			let ink = 0;
			for (let sy = 0; sy < SUPERSAMPLE; sy++) {
				const py = y + (sy + 0.5) / SUPERSAMPLE;
				for (let sx = 0; sx < SUPERSAMPLE; sx++) {
					const px = x + (sx + 0.5) / SUPERSAMPLE;
					if (px < paperX || py < paperY || px >= paperX + paperSide || py >= paperY + paperSide) {
						continue;
					}
					paper++;
					const col = Math.floor((px - symbolX) / moduleSide);
					const row = Math.floor((py - symbolY) / moduleSide);
					if (row >= 0 && col >= 0 && row < count && col < count && modules.get(row, col)) {
						ink++;
					}
				}
			}
			const room = samples - paper;
			luma[y * width + x] = Math.round(
				(room * ROOM_LUMA + (paper - ink) * PAPER_LUMA + ink * INK_LUMA) / samples
			);
		}
	}
	return luma;
}

/**
 * Writes grey-scale frames (`width × height` luma bytes each, neutral chroma) as a YUV4MPEG2
 * file at 15 fps, creating the parent folder. Frames play in order, then Chromium loops them.
 */
export async function writeY4m(
	file: string,
	lumaFrames: readonly Uint8Array[],
	opts: FrameSize = {}
): Promise<void> {
	const { width, height } = frameSize(opts);
	if (lumaFrames.length === 0) throw new Error('a y4m file needs at least one frame');
	const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, NEUTRAL_CHROMA);
	const frameTag = Buffer.from('FRAME\n', 'ascii');
	const parts: Buffer[] = [
		Buffer.from(`YUV4MPEG2 W${width} H${height} F15:1 Ip A1:1 C420jpeg\n`, 'ascii')
	];
	for (const luma of lumaFrames) {
		if (luma.length !== width * height) {
			throw new Error(`a ${width}×${height} frame needs ${width * height} luma bytes`);
		}
		parts.push(frameTag, Buffer.from(luma.buffer, luma.byteOffset, luma.byteLength), chroma);
	}
	await mkdir(dirname(file), { recursive: true });
	await writeFile(file, Buffer.concat(parts));
}

/** A frame of the grey room with nothing in front of the camera (`width × height` bytes). */
export function renderBlankLuma(opts: FrameSize = {}): Uint8Array {
	const { width, height } = frameSize(opts);
	return new Uint8Array(width * height).fill(ROOM_LUMA);
}

/** Separable Gaussian blur with clamped edges. */
function gaussianBlur(luma: Uint8Array, width: number, height: number, sigma: number): Uint8Array {
	const radius = Math.ceil(sigma * 3);
	const weights = Array.from({ length: 2 * radius + 1 }, (_, i) =>
		Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma))
	);
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	const kernel = weights.map((weight) => weight / total);
	const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
	const rows = new Float32Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let sum = 0;
			for (let i = -radius; i <= radius; i++) {
				sum += kernel[i + radius] * luma[y * width + clamp(x + i, width - 1)];
			}
			rows[y * width + x] = sum;
		}
	}
	const blurred = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let sum = 0;
			for (let i = -radius; i <= radius; i++) {
				sum += kernel[i + radius] * rows[clamp(y + i, height - 1) * width + x];
			}
			blurred[y * width + x] = Math.round(sum);
		}
	}
	return blurred;
}

/** Adds Gaussian noise from a seeded generator, so the same options give the same file. */
function withNoise(luma: Uint8Array, deviation: number, seed: number): Uint8Array {
	let state = seed >>> 0;
	// mulberry32
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	const noisy = new Uint8Array(luma.length);
	for (let i = 0; i < luma.length; i++) {
		const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		noisy[i] = Math.min(255, Math.max(0, Math.round(luma[i] + gaussian * deviation)));
	}
	return noisy;
}

/** Writes a y4m in which the fake camera shows the QR code of `text`. */
export async function writeQrY4m(
	text: string,
	file: string,
	opts: QrY4mOptions = {}
): Promise<void> {
	const { width, height } = frameSize(opts);
	const sharp = renderQrLuma(text, opts);
	const soft = opts.blur ? gaussianBlur(sharp, width, height, opts.blur) : sharp;
	const frames = Array.from({ length: opts.frames ?? DEFAULT_FRAMES }, (_, i) =>
		opts.noise ? withNoise(soft, opts.noise, i + 1) : soft
	);
	await writeY4m(file, frames, opts);
}

/** Writes a y4m of plain grey frames: a working camera with nothing in front of it. */
export async function writeBlankY4m(
	file: string,
	opts: FrameSize & { frames?: number } = {}
): Promise<void> {
	const luma = renderBlankLuma(opts);
	await writeY4m(
		file,
		Array.from({ length: opts.frames ?? DEFAULT_FRAMES }, () => luma),
		opts
	);
}

/**
 * Writes a y4m of an insurance card held up to the camera: a pale card with dark lines of
 * "print" on the grey room, with sensor noise (so a JPEG of it is as big as a real photo's and
 * the kiosk has to squeeze it under its limit).
 */
export async function writeCardY4m(file: string, opts: FrameSize = {}): Promise<void> {
	const size = { width: opts.width ?? 1280, height: opts.height ?? 720 };
	const { width, height } = frameSize(size);
	const luma = renderBlankLuma(size);
	const cardW = Math.round(width * 0.6);
	const cardH = Math.round(cardW / 1.586);
	const x0 = Math.round((width - cardW) / 2);
	const y0 = Math.round((height - cardH) / 2);
	for (let y = y0; y < y0 + cardH; y++) {
		for (let x = x0; x < x0 + cardW; x++) {
			const row = Math.floor(((y - y0) / cardH) * 12);
			const print = row % 2 === 1 && (x - x0) % 40 < 30 && x - x0 > cardW * 0.08;
			luma[y * width + x] = print ? 40 : 225;
		}
	}
	const frames = [1, 2, 3].map((seed) => withNoise(luma, 12, seed));
	await writeY4m(file, frames, size);
}
