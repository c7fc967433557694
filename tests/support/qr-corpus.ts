// A deterministic corpus of camera-like frames of real-length check-in URLs, for the decoder
// unit test (src/lib/kiosk/qr-decoder.test.ts), the browser tests and `npm run bench`.
//
// Each frame is a letter's QR code as a tablet camera sees it: printed ink on paper on a grey
// room, at a size given as the symbol's side over the frame height, optionally turned, tilted
// away from the camera, soft, noisy, unevenly lit and JPEG-compressed. Two independent encoders
// make the module matrices: the `qrcode` package exactly as the letters use it (error correction
// M, src/routes/reception/(desk)/letters/[id]/+page.server.ts) and `qrcode-generator`, so a
// decoder that only reads one encoder's mask choices shows up. Same inputs, same pixels.
import jpeg from 'jpeg-js';
import QRCode from 'qrcode';
import qrcodeGenerator from 'qrcode-generator';

export type Encoder = 'qrcode' | 'qrcode-generator';
export const ENCODERS: readonly Encoder[] = ['qrcode', 'qrcode-generator'];

export type Variant =
	| 'clean'
	| 'blur-noise'
	| 'rotate-10'
	| 'rotate-30'
	| 'perspective'
	| 'uneven-light'
	| 'jpeg-60'
	| 'hand-held';
export const VARIANTS: readonly Variant[] = [
	'clean',
	'blur-noise',
	'rotate-10',
	'rotate-30',
	'perspective',
	'uneven-light',
	'jpeg-60',
	'hand-held'
];

export interface FrameSize {
	width: number;
	height: number;
}
export const SIZES: readonly FrameSize[] = [
	{ width: 640, height: 480 },
	{ width: 1280, height: 720 }
];
/** Symbol side over frame height: arm's length (0.25) to held close (0.9). */
export const FRACTIONS: readonly number[] = [0.25, 0.35, 0.45, 0.6, 0.75, 0.9];

/** A seeded generator (mulberry32): the corpus is the same on every run and machine. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const b64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * `count` check-in URLs shaped like src/lib/server/tokens.ts signs them: an ES256 compact JWS
 * (header {alg, kid}, payload {sub, site, exp, rk}, a 64-byte signature) after `<base>/c/`.
 * The signature bytes are seeded random, not signed: the decoder only sees characters. Base
 * URLs of different lengths put the whole text at 246–249 characters, like the real letters.
 */
export function checkInUrls(count: number, seed = 1): string[] {
	const random = seededRandom(seed);
	const pick = (alphabet: string, length: number) =>
		Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
	const bases = [
		'https://clinic.lan',
		'https://checkin.lan',
		'https://192.168.1.20',
		'https://frontdesk.lan'
	];
	return Array.from({ length: count }, (_, i) => {
		const header = b64url(JSON.stringify({ alg: 'ES256', kid: String(1 + (i % 3)) }));
		const payload = b64url(
			JSON.stringify({
				sub: pick(ID_ALPHABET, 6),
				site: 'main',
				exp: 1767311999 + 86400 * (i % 30),
				rk: pick(BASE64URL, 22)
			})
		);
		const signature = pick(BASE64URL, 86);
		const url = `${bases[i % bases.length]}/c/${header}.${payload}.${signature}`;
		if (url.length < 246 || url.length > 249) {
			throw new Error(`check-in URL of ${url.length} characters, expected 246–249`);
		}
		return url;
	});
}

/** A QR symbol as a square of dark/light modules (no quiet zone). */
export interface QrMatrix {
	size: number;
	isDark: (row: number, col: number) => boolean;
}

export function encodeQr(text: string, encoder: Encoder): QrMatrix {
	if (encoder === 'qrcode') {
		const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
		return { size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) };
	}
	const qr = qrcodeGenerator(0, 'M');
	qr.addData(text, 'Byte');
	qr.make();
	return { size: qr.getModuleCount(), isDark: (row, col) => qr.isDark(row, col) };
}

/** How the letter is held and how the camera sees it. */
export interface Shot {
	fraction: number;
	/** Turn in the image plane, degrees. */
	rotation: number;
	/** Tilt away from the camera: relative depth change across the code, per axis. */
	tiltX: number;
	tiltY: number;
	/** Centre offset as a fraction of the frame size. */
	offsetX: number;
	offsetY: number;
	/** Light falling from 1 to (1 - falloff) across the frame. */
	falloff: number;
	/** Gaussian sigma in pixels of a 720-line frame (scaled to the frame's height). */
	blur: number;
	noise: number;
	jpegQuality: number | null;
}

const CLEAN: Shot = {
	fraction: 0.5,
	rotation: 0,
	tiltX: 0,
	tiltY: 0,
	offsetX: 0,
	offsetY: 0,
	falloff: 0,
	blur: 0,
	noise: 0,
	jpegQuality: null
};

/** The shot a variant means; `random` draws the hand-held mix's wobble. */
export function shotFor(variant: Variant, fraction: number, random: () => number): Shot {
	const base = { ...CLEAN, fraction };
	const soft = { blur: 0.6, noise: 3 };
	switch (variant) {
		case 'clean':
			return base;
		case 'blur-noise':
			return { ...base, blur: 0.8, noise: 6 };
		case 'rotate-10':
			return { ...base, ...soft, rotation: 10 };
		case 'rotate-30':
			return { ...base, ...soft, rotation: 30 };
		case 'perspective':
			return { ...base, ...soft, tiltX: 0.1, tiltY: 0.15 };
		case 'uneven-light':
			return { ...base, ...soft, falloff: 0.55 };
		case 'jpeg-60':
			return { ...base, ...soft, jpegQuality: 60 };
		case 'hand-held': {
			const spread = (max: number) => (random() * 2 - 1) * max;
			return {
				...base,
				rotation: spread(15),
				tiltX: spread(0.08),
				tiltY: spread(0.08),
				offsetX: spread(0.04),
				offsetY: spread(0.04),
				falloff: random() * 0.4,
				blur: 0.4 + random() * 0.6,
				noise: 3 + random() * 4,
				jpegQuality: null
			};
		}
	}
}

// Reflectances under room light, as y4m.ts uses: printed ink, paper, and the room behind.
const INK = 24;
const PAPER = 232;
const ROOM = 118;
/** The letter's paper around the symbol, in modules: the quiet zone and some of the page. */
const PAPER_MARGIN = 7;
const SUPERSAMPLE = 2;

/**
 * The largest fraction at which the whole turned and tilted symbol, with two modules of quiet
 * zone, stays inside the frame: a patient cannot hold a code half out of view and expect a read.
 */
export function fittingFraction(shot: Shot, size: FrameSize, modules: number): number {
	const turn = (Math.abs(shot.rotation) * Math.PI) / 180;
	const spread = Math.abs(Math.cos(turn)) + Math.abs(Math.sin(turn));
	const tilt = 1 + Math.max(Math.abs(shot.tiltX), Math.abs(shot.tiltY));
	const offset = 2 * Math.max(Math.abs(shot.offsetX), Math.abs(shot.offsetY));
	const quiet = (modules + 4) / modules;
	const limit = (Math.min(size.height, size.width) / size.height) * (0.98 - offset);
	return Math.min(shot.fraction, limit / (spread * tilt * quiet));
}

/** Renders one frame as 8-bit luma (`width × height` bytes). */
export function renderFrame(
	matrix: QrMatrix,
	shot: Shot,
	size: FrameSize,
	seed: number
): Uint8Array {
	const { width, height } = size;
	const n = matrix.size;
	const fraction = fittingFraction(shot, size, n);
	const pxPerModule = (fraction * height) / n;
	const turn = (shot.rotation * Math.PI) / 180;
	const cos = Math.cos(turn);
	const sin = Math.sin(turn);
	const cx = width / 2 + shot.offsetX * width;
	const cy = height / 2 + shot.offsetY * height;
	// Perspective: screen point (X, Y) relative to the centre came from plane point (X, Y) / w
	// with w = 1 - a·X - b·Y, a projective map whose depth changes by tilt across the symbol.
	const half = (fraction * height) / 2;
	const a = shot.tiltX / (2 * half);
	const b = shot.tiltY / (2 * half);
	const lo = -PAPER_MARGIN;
	const hi = n + PAPER_MARGIN;

	// Only the paper's bounding box needs sampling; the rest of the frame is the room.
	const corners = [lo, hi].flatMap((u) => [lo, hi].map((v) => toScreen(u, v)));
	const x0 = Math.max(0, Math.floor(Math.min(...corners.map(([x]) => x))) - 1);
	const x1 = Math.min(width, Math.ceil(Math.max(...corners.map(([x]) => x))) + 1);
	const y0 = Math.max(0, Math.floor(Math.min(...corners.map(([, y]) => y))) - 1);
	const y1 = Math.min(height, Math.ceil(Math.max(...corners.map(([, y]) => y))) + 1);
	function toScreen(u: number, v: number): [number, number] {
		const px = (u - n / 2) * pxPerModule;
		const py = (v - n / 2) * pxPerModule;
		const X = cos * px - sin * py;
		const Y = sin * px + cos * py;
		// Forward of the inverse below: w' = 1 + a·X + b·Y on plane coordinates.
		const w = 1 + a * X + b * Y;
		return [X / w + cx, Y / w + cy];
	}
	const dark = new Uint8Array(n * n);
	for (let row = 0; row < n; row++) {
		for (let col = 0; col < n; col++) dark[row * n + col] = matrix.isDark(row, col) ? 1 : 0;
	}

	const luma = new Uint8Array(width * height);
	const step = 1 / SUPERSAMPLE;
	const samples = SUPERSAMPLE * SUPERSAMPLE;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let sum = 0;
			if (y < y0 || y >= y1 || x < x0 || x >= x1) sum = ROOM * samples;
			else {
				for (let sy = 0; sy < SUPERSAMPLE; sy++) {
					const Y = y + (sy + 0.5) * step - cy;
					for (let sx = 0; sx < SUPERSAMPLE; sx++) {
						const X = x + (sx + 0.5) * step - cx;
						const w = 1 - a * X - b * Y;
						const px = X / w;
						const py = Y / w;
						// Undo the turn, then pixels → modules from the symbol's top-left corner.
						const u = (cos * px + sin * py) / pxPerModule + n / 2;
						const v = (-sin * px + cos * py) / pxPerModule + n / 2;
						if (u < lo || v < lo || u >= hi || v >= hi) sum += ROOM;
						else if (u >= 0 && v >= 0 && u < n && v < n && dark[(v | 0) * n + (u | 0)]) sum += INK;
						else sum += PAPER;
					}
				}
			}
			const light = 1 - shot.falloff * ((0.7 * x) / width + (0.3 * y) / height);
			luma[y * width + x] = Math.round((sum / samples) * light);
		}
	}
	// Blur is given for a 720-line camera; a 480-line one of the same make resolves the same
	// angle with fewer pixels, so its blur in pixels is smaller in proportion.
	const sigma = (shot.blur * height) / 720;
	let frame = sigma > 0 ? gaussianBlur(luma, width, height, sigma) : luma;
	if (shot.noise > 0) frame = withNoise(frame, shot.noise, seededRandom(seed));
	if (shot.jpegQuality !== null) {
		frame = jpegRoundTrip(frame, size, shot.jpegQuality, { x0, x1, y0, y1 });
	}
	return frame;
}

/** Separable Gaussian blur with clamped edges: a webcam's soft focus. */
function gaussianBlur(luma: Uint8Array, width: number, height: number, sigma: number): Uint8Array {
	const radius = Math.ceil(sigma * 3);
	const weights = Array.from({ length: 2 * radius + 1 }, (_, i) =>
		Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma))
	);
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	const kernel = weights.map((weight) => weight / total);
	const rows = new Float32Array(width * height);
	for (let y = 0; y < height; y++) {
		const row = y * width;
		for (let x = 0; x < width; x++) {
			let sum = 0;
			for (let i = -radius; i <= radius; i++) {
				const xi = x + i < 0 ? 0 : x + i >= width ? width - 1 : x + i;
				sum += kernel[i + radius] * luma[row + xi];
			}
			rows[row + x] = sum;
		}
	}
	const out = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let sum = 0;
			for (let i = -radius; i <= radius; i++) {
				const yi = y + i < 0 ? 0 : y + i >= height ? height - 1 : y + i;
				sum += kernel[i + radius] * rows[yi * width + x];
			}
			out[y * width + x] = Math.round(sum);
		}
	}
	return out;
}

/** Sensor noise: Gaussian (Box–Muller, both outputs used), seeded. */
function withNoise(luma: Uint8Array, deviation: number, random: () => number): Uint8Array {
	const out = new Uint8Array(luma.length);
	const put = (i: number, gaussian: number) => {
		const value = Math.round(luma[i] + gaussian * deviation);
		out[i] = value < 0 ? 0 : value > 255 ? 255 : value;
	};
	for (let i = 0; i < luma.length; i += 2) {
		const radius = Math.sqrt(-2 * Math.log(1 - random()));
		const angle = 2 * Math.PI * random();
		put(i, radius * Math.cos(angle));
		if (i + 1 < luma.length) put(i + 1, radius * Math.sin(angle));
	}
	return out;
}

/**
 * JPEG-compresses the letter's part of the frame (pure JavaScript, jpeg-js): blocking and ringing
 * at the module edges. The crop is aligned to the 8×8 blocks of the whole frame, so each block
 * is what a whole-frame JPEG would have made of it; the flat grey room around it is left as is
 * (it carries nothing to decode, and encoding it would only make the corpus slower).
 */
function jpegRoundTrip(
	luma: Uint8Array,
	{ width, height }: FrameSize,
	quality: number,
	box: { x0: number; x1: number; y0: number; y1: number }
): Uint8Array {
	const x0 = box.x0 & ~7;
	const y0 = box.y0 & ~7;
	const x1 = Math.min(width, (box.x1 + 7) & ~7);
	const y1 = Math.min(height, (box.y1 + 7) & ~7);
	const w = x1 - x0;
	const h = y1 - y0;
	const crop = new Uint8Array(w * h);
	for (let y = 0; y < h; y++)
		crop.set(luma.subarray((y0 + y) * width + x0, (y0 + y) * width + x1), y * w);
	const encoded = jpeg.encode({ data: lumaToRgba(crop), width: w, height: h }, quality);
	const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
	const out = luma.slice();
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) out[(y0 + y) * width + x0 + x] = decoded.data[(y * w + x) * 4];
	}
	return out;
}

/** Grey pixels as RGBA, the layout a canvas gives the decoder. */
export function lumaToRgba(luma: Uint8Array): Uint8Array {
	const rgba = new Uint8Array(luma.length * 4);
	for (let i = 0; i < luma.length; i++) {
		const value = luma[i];
		rgba[i * 4] = value;
		rgba[i * 4 + 1] = value;
		rgba[i * 4 + 2] = value;
		rgba[i * 4 + 3] = 255;
	}
	return rgba;
}

export interface CorpusFrame {
	url: string;
	encoder: Encoder;
	variant: Variant;
	size: FrameSize;
	/** The fraction asked for; rotated and tilted shots may be drawn smaller to stay in frame. */
	fraction: number;
	render: () => Uint8Array;
}

export interface CorpusOptions {
	urls: number;
	seed?: number;
	encoders?: readonly Encoder[];
	variants?: readonly Variant[];
	sizes?: readonly FrameSize[];
	fractions?: readonly number[];
}

/** Every combination of the options, rendered lazily (a 1280×720 frame is 0.9 MB). */
export function corpus(options: CorpusOptions): CorpusFrame[] {
	const seed = options.seed ?? 1;
	const frames: CorpusFrame[] = [];
	const urls = checkInUrls(options.urls, seed);
	for (const [u, url] of urls.entries()) {
		for (const encoder of options.encoders ?? ENCODERS) {
			const matrix = encodeQr(url, encoder);
			for (const [v, variant] of (options.variants ?? VARIANTS).entries()) {
				for (const [s, size] of (options.sizes ?? SIZES).entries()) {
					for (const [f, fraction] of (options.fractions ?? FRACTIONS).entries()) {
						const frameSeed = seed * 1_000_003 + u * 10_007 + v * 1_009 + s * 101 + f;
						frames.push({
							url,
							encoder,
							variant,
							size,
							fraction,
							render: () => {
								const shot = shotFor(variant, fraction, seededRandom(frameSeed));
								return renderFrame(matrix, shot, size, frameSeed);
							}
						});
					}
				}
			}
		}
	}
	return frames;
}
