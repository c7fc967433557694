import { afterAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { RawConnection } from './support/raw';

const PIECE = Buffer.alloc(64 * 1024, 'a');

/** `bytes` bytes of body in 64 KiB pieces, each framed as a chunk when `chunked`. */
async function writePieces(connection: RawConnection, bytes: number, chunked: boolean) {
	for (let sent = 0; sent < bytes; sent += PIECE.length) {
		const piece = PIECE.subarray(0, Math.min(PIECE.length, bytes - sent));
		if (chunked) await connection.write(`${piece.length.toString(16)}\r\n`);
		await connection.write(piece);
		if (chunked) await connection.write('\r\n');
	}
}

/**
 * Issue 12: a request refused before its body was read (another site's, an oversize one, one
 * without credentials) still gets its answer over a connection that stays usable, however
 * slowly the body arrives and however large it is.
 */
describe.each(dialects)('answers to requests refused before their body (%s)', (dialect) => {
	const suite = useServer(dialect);
	const connections: RawConnection[] = [];
	afterAll(() => connections.forEach((c) => c.close()));

	const MiB = 1024 * 1024;
	/** Stands for the server's own origin (a page of the site's own posting its form). */
	const SELF = 'self';
	const cases: {
		name: string;
		path: string;
		headers: Record<string, string>;
		total: number;
		chunked?: boolean;
		status: number;
	}[] = [
		{
			name: 'another site’s JSON, under the size limit',
			path: '/api/staff/queue',
			headers: { 'content-type': 'application/json', origin: 'http://attacker.test' },
			total: MiB,
			status: 403
		},
		{
			name: 'another site’s JSON, over the size limit',
			path: '/api/staff/queue',
			headers: { 'content-type': 'application/json', origin: 'http://attacker.test' },
			total: 5 * MiB,
			status: 403
		},
		{
			name: 'another site’s chunked body, over the size limit',
			path: '/api/kiosk/sync',
			headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
			total: 5 * MiB,
			chunked: true,
			status: 403
		},
		{
			name: 'another site’s form post to a desk action',
			path: '/reception?/call',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'http://attacker.test'
			},
			total: MiB,
			status: 403
		},
		{
			name: 'a kiosk sync without a token',
			path: '/api/kiosk/sync',
			headers: { 'content-type': 'application/json' },
			total: MiB,
			status: 401
		},
		{
			name: 'a kiosk sync without a token, over the size limit',
			path: '/api/kiosk/sync',
			headers: { 'content-type': 'application/json' },
			total: 5 * MiB,
			status: 401
		},
		{
			name: 'an enrollment over its 1 KiB cap',
			path: '/api/devices/enroll',
			headers: { 'content-type': 'application/json' },
			total: MiB,
			status: 413
		},
		{
			name: 'a chunked enrollment over its 1 KiB cap',
			path: '/api/devices/enroll',
			headers: { 'content-type': 'application/json' },
			total: MiB,
			chunked: true,
			status: 413
		},
		{
			name: 'a signed-out pairing-code request (JSON cap 64 KiB)',
			path: '/api/staff/pairing-codes',
			headers: { 'content-type': 'application/json' },
			total: MiB,
			status: 401
		},
		{
			name: 'a sign-in form sent as text/plain',
			path: '/reception/login?/signIn',
			headers: { 'content-type': 'text/plain', origin: SELF },
			total: MiB,
			status: 415
		},
		{
			name: 'a sign-in form over the size limit',
			path: '/reception/login?/signIn',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SELF },
			total: 5 * MiB,
			status: 413
		}
	];

	const head = (c: (typeof cases)[number], host: string) =>
		[
			`POST ${c.path} HTTP/1.1`,
			`Host: ${host}`,
			...Object.entries(c.headers).map(
				([name, value]) => `${name}: ${value === SELF ? suite.server.baseUrl : value}`
			),
			c.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${c.total}`,
			'',
			''
		].join('\r\n');

	/** Sends the request, then GET /api/health on the same connection; returns both answers. */
	async function exchange(c: (typeof cases)[number], waitForAnswer: boolean) {
		const connection = new RawConnection(suite.server.baseUrl);
		connections.push(connection);
		await connection.write(head(c, new URL(suite.server.baseUrl).host));
		const chunked = Boolean(c.chunked);
		const firstPiece = waitForAnswer ? PIECE.length : c.total;
		await writePieces(connection, firstPiece, chunked);
		// Waiting: nothing more until the server has answered.
		const first = waitForAnswer ? await connection.answer() : null;
		await writePieces(connection, c.total - firstPiece, chunked);
		if (chunked) await connection.write('0\r\n\r\n');
		const answered = first ?? (await connection.answer());
		await connection.write(`GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n`);
		const next = await connection.answer();
		return { first: answered, next };
	}

	it.each(cases)(
		'$name: answered $status at once, and the connection serves the next request',
		async (c) => {
			const { first, next } = await exchange(c, true);
			expect(first.status, first.body).toBe(c.status);
			expect(next.status).toBe(200);
		}
	);

	it.each(cases)('$name: answered $status after the whole body, connection kept', async (c) => {
		const { first, next } = await exchange(c, false);
		expect(first.status, first.body).toBe(c.status);
		expect(next.status).toBe(200);
	});

	it('a JSON body cut short of its Content-Length is a 400 in the log, not a 500 with a stack', async () => {
		const logged = () =>
			suite.server.output().match(/refused with 400: The body could not be read/g);
		const before = logged()?.length ?? 0;
		for (const path of ['/api/devices/enroll', '/api/staff/session']) {
			const connection = new RawConnection(suite.server.baseUrl);
			connections.push(connection);
			await connection.write(
				`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
					'Content-Length: 900\r\n\r\n{"code":'
			);
			// Nothing more is coming: the body ends short of its 900 bytes, and the read fails.
			connection.end();
			expect((await connection.answerOrClose())?.status).toBe(400);
		}
		await expect.poll(() => logged()?.length ?? 0).toBe(before + 2);
		expect(suite.server.output()).not.toMatch(/Error: aborted|\n\s+at .+:\d+:\d+/);
	});
});
