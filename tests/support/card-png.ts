// Test-only: real image bytes for card photos, with no image library. A PNG drawing of an
// insurance card (a coloured band, a few "text" bars), small enough for the 300 KB limit; and
// bytes that only look like an image to the first check, for the size refusal.
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Rgb = [number, number, number];

/** A 480×300 card: `band` is the insurer's colour across the top; `side` changes the layout. */
export function cardPng(
	side: 'front' | 'back',
	band: Rgb = [15, 94, 110]
): Uint8Array<ArrayBuffer> {
	const width = 480;
	const height = 300;
	const rows: Buffer[] = [];
	const bars =
		side === 'front'
			? [
					[30, 120, 260, 18],
					[30, 160, 200, 14],
					[30, 200, 320, 14],
					[30, 240, 150, 14]
				]
			: [
					[30, 40, 420, 10],
					[30, 70, 380, 10],
					[30, 100, 400, 10],
					[30, 220, 300, 24]
				];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);
		for (let x = 0; x < width; x++) {
			let pixel: Rgb = [246, 248, 250];
			if (side === 'front' && y < 80) pixel = band;
			if (bars.some(([bx, by, bw, bh]) => x >= bx && x < bx + bw && y >= by && y < by + bh)) {
				pixel = [40, 48, 56];
			}
			if (x < 3 || y < 3 || x >= width - 3 || y >= height - 3) pixel = [120, 130, 140];
			row.set(pixel, 1 + x * 3);
		}
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // truecolour
	const png = Buffer.concat([
		PNG_SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0))
	]);
	return new Uint8Array(png);
}

/** Starts like a PNG, but is `bytes` long: past the 300 KB limit, it is refused for its size. */
export function oversizedPng(bytes = 310 * 1024): Uint8Array<ArrayBuffer> {
	return new Uint8Array(Buffer.concat([PNG_SIGNATURE, randomBytes(bytes - PNG_SIGNATURE.length)]));
}
