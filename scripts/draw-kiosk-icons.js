#!/usr/bin/env node
// Draws the kiosk's app icons (issue 10) into static/icons/: the favicon's white cross on the
// Front Desk teal, as PNGs a tablet puts on its home screen. Run it again after changing the
// drawing: `node scripts/draw-kiosk-icons.js`; the PNGs are committed.
//
// - kiosk-192.png, kiosk-512.png ("any"): a rounded square on a transparent ground.
// - kiosk-maskable-192.png, kiosk-maskable-512.png: full bleed, the cross well inside the
//   centre circle (80 % of the width) that Android keeps whatever shape it cuts.
// - kiosk-apple-180.png: full bleed too; iPadOS draws transparent corners black.
//
// No image library: a pixel is covered by the shape as far as 4×4 samples inside it are, and
// node:zlib writes the PNG (8-bit RGBA, filter 0).
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const TEAL = [0x0f, 0x5e, 0x6e];
const WHITE = [0xff, 0xff, 0xff];
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'static', 'icons');

/** Inside a rounded square of corner radius `r` (all in units of the icon's width). */
function inRoundedSquare(x, y, r) {
	const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
	const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
	return dx * dx + dy * dy <= r * r;
}

/** Inside the favicon's cross: two bars with round ends, 14/32 long and 4/32 thick. */
function inCross(x, y) {
	const half = 7 / 32;
	const thick = 2 / 32;
	const bar = (along, across) => {
		const d = Math.max(Math.abs(along) - half, 0);
		return d * d + across * across <= thick * thick;
	};
	return bar(x - 0.5, y - 0.5) || bar(y - 0.5, x - 0.5);
}

function draw(size, { fullBleed }) {
	const samples = 4;
	const rgba = Buffer.alloc(size * size * 4);
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let ground = 0;
			let cross = 0;
			for (let sy = 0; sy < samples; sy++) {
				for (let sx = 0; sx < samples; sx++) {
					const x = (px + (sx + 0.5) / samples) / size;
					const y = (py + (sy + 0.5) / samples) / size;
					if (fullBleed || inRoundedSquare(x, y, 6 / 32)) ground += 1;
					if (inCross(x, y)) cross += 1;
				}
			}
			const n = samples * samples;
			const c = cross / n;
			const at = (py * size + px) * 4;
			for (let i = 0; i < 3; i++) rgba[at + i] = Math.round(TEAL[i] * (1 - c) + WHITE[i] * c);
			rgba[at + 3] = Math.round((ground / n) * 255);
		}
	}
	return png(size, rgba);
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(body));
	return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bits per channel
	header[9] = 6; // RGBA
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		rows[y * (size * 4 + 1)] = 0; // filter: none
		rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

mkdirSync(OUT, { recursive: true });
const icons = [
	['kiosk-192.png', 192, false],
	['kiosk-512.png', 512, false],
	['kiosk-maskable-192.png', 192, true],
	['kiosk-maskable-512.png', 512, true],
	['kiosk-apple-180.png', 180, true]
];
for (const [name, size, fullBleed] of icons) {
	writeFileSync(path.join(OUT, name), draw(size, { fullBleed }));
	console.log(`static/icons/${name} (${size}×${size})`);
}
