// zxing-wasm in Node (unit tests, bench): the .wasm's bytes from the installed package, so
// nothing is fetched. The kiosk gets the same file as a build asset instead (qr-detector.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export function zxingNodeOverrides(): { wasmBinary: ArrayBuffer } {
	const file = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
	const bytes = readFileSync(file);
	return { wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}
