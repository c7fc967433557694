import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { checkInOp, pairAndEnroll, syncOne, type EnrolledDevice } from './support/clients';

interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** A GET with node:http, which (unlike fetch) neither asks for nor undoes compression itself. */
function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					body: Buffer.concat(chunks)
				})
			);
		});
		request.on('error', reject);
	});
}

describe.each(dialects)('compressed responses (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk');
	});

	/**
	 * The same page asked for plain, gzip and brotli: at most `ratio` of the plain bytes each.
	 * Returns the three texts.
	 */
	async function fetchThreeWays(path: string, cookie: string, ratio: number): Promise<string[]> {
		const url = `${suite.server.baseUrl}${path}`;
		const plain = await rawGet(url, { cookie, 'accept-encoding': 'identity' });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		const gzip = await rawGet(url, { cookie, 'accept-encoding': 'gzip' });
		expect(gzip.status).toBe(200);
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gzip.headers.vary).toMatch(/accept-encoding/i);
		expect(gzip.body.length).toBeLessThan(plain.body.length * ratio);
		const br = await rawGet(url, { cookie, 'accept-encoding': 'br, gzip' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.body.length).toBeLessThan(plain.body.length * ratio);
		console.info(
			`${path}: ${plain.body.length} B plain, ${gzip.body.length} B gzip, ${br.body.length} B br`
		);
		return [
			plain.body.toString('utf8'),
			gunzipSync(gzip.body).toString('utf8'),
			brotliDecompressSync(br.body).toString('utf8')
		];
	}

	it("compresses the kiosk's roster by Accept-Encoding, same JSON after decoding", async () => {
		// The roster is mostly AES-GCM ciphertext in base64 (DESIGN §5), which no compressor can
		// shrink below 6 bits per character: about a quarter off is what there is to win.
		const [plain, gzip, br] = await fetchThreeWays(
			'/api/kiosk/roster',
			kiosk.client.cookieHeader,
			0.8
		);
		// Only issuedAt differs between three requests.
		const same = (text: string) => ({ ...JSON.parse(text), issuedAt: 0 }) as unknown;
		expect(same(gzip)).toEqual(same(plain));
		expect(same(br)).toEqual(same(plain));
	});

	it("compresses reception's signed-in page by Accept-Encoding", async () => {
		const pages = await fetchThreeWays('/reception', suite.staff.cookieHeader, 1 / 3);
		for (const page of pages) expect(page).toContain('</html>');
	});

	it('streams events uncompressed and at once, even to a client that accepts gzip', async () => {
		const url = `${suite.server.baseUrl}/api/events?audience=reception`;
		const request = http.get(url, {
			headers: {
				cookie: suite.staff.cookieHeader,
				accept: 'text/event-stream',
				'accept-encoding': 'gzip, br'
			}
		});
		try {
			const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
				request.once('response', resolve);
				request.once('error', reject);
			});
			expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
			expect(response.headers['content-encoding']).toBeUndefined();
			response.setEncoding('utf8');
			let text = '';
			let wake = () => {};
			response.on('data', (chunk: string) => {
				text += chunk;
				wake();
			});
			const until = (pattern: RegExp) =>
				new Promise<void>((resolve) => {
					wake = () => {
						if (pattern.test(text)) resolve();
					};
					wake();
				});
			await until(/event: snapshot/);
			// A check-in while the stream is open reaches it as its own event: nothing holds the
			// bytes back waiting for more (a compressor would, until its buffer filled, so this
			// wait would run into the test's timeout).
			const appointment = suite.freshAppointment();
			const result = await syncOne(kiosk.client, checkInOp(appointment.id));
			expect(result.outcome).toBe('applied');
			await until(new RegExp(`"entryId":"${result.entryId as string}"`));
		} finally {
			request.destroy();
		}
	});
});
