// Front Desk's production entry: serves the built SvelteKit app (adapter-node handler) over HTTP
// or HTTPS, prints where to go, and shuts down gracefully. `npm start` runs this via
// scripts/start.js, which builds first when needed.
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

async function tlsOptions() {
	const { TLS_CERT, TLS_KEY, HTTPS } = process.env;
	if (TLS_CERT && TLS_KEY) {
		return { cert: fs.readFileSync(TLS_CERT), key: fs.readFileSync(TLS_KEY) };
	}
	if (HTTPS !== '1') return null;
	// First-time LAN setup: a self-signed certificate, kept under data/tls so tablets trust it once.
	const dir = path.resolve(process.env.TLS_DIR ?? 'data/tls');
	const certFile = path.join(dir, 'cert.pem');
	const keyFile = path.join(dir, 'key.pem');
	if (!fs.existsSync(certFile)) {
		const { generate } = await import('selfsigned');
		const names = lanAddresses().map((ip) => ({ type: 7, ip }));
		const pems = await generate([{ name: 'commonName', value: 'front-desk.local' }], {
			keySize: 2048,
			days: 825,
			algorithm: 'sha256',
			extensions: [
				{
					name: 'subjectAltName',
					altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, ...names]
				}
			]
		});
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(certFile, pems.cert);
		fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
	}
	return { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) };
}

function lanAddresses() {
	return Object.values(os.networkInterfaces())
		.flat()
		.filter((i) => i && i.family === 'IPv4' && !i.internal)
		.map((i) => i.address);
}

const tls = await tlsOptions();
const scheme = tls ? 'https' : 'http';
// adapter-node takes the request's protocol from ORIGIN or PROTOCOL_HEADER and otherwise assumes
// https, which breaks form posts (origin check) and marks cookies Secure on a plain-http LAN. When
// neither is configured (no reverse proxy), tell it what this server really speaks, per request;
// the header is always overwritten, so a client cannot spoof it. Set before the handler loads.
// Kiosks send a sealed insurance-card photo in one sync request (about 410 KB; the endpoint caps
// it at 1.5 MiB): adapter-node's own default cap (512K) would cut such a body off first.
process.env.BODY_SIZE_LIMIT ??= '2M';
const ownProtocolHeader = !process.env.PROTOCOL_HEADER && !process.env.ORIGIN;
if (ownProtocolHeader) process.env.PROTOCOL_HEADER = 'x-front-desk-scheme';
// The handler's import runs the app's init hook: config validation, migrations, demo seed.
let handler;
try {
	const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build');
	({ handler } = await import(pathToFileURL(path.join(buildDir, 'handler.js')).href));
} catch (error) {
	console.error(error instanceof Error && error.name === 'ConfigError' ? error.message : error);
	process.exit(1);
}

// Responses are compressed (brotli or gzip, by Accept-Encoding): reception's HTML and a kiosk's
// roster are tens of KB of very repetitive text. Never the event streams: a compressor holds
// bytes back until it has a block's worth, so an SSE event (or heartbeat) would sit in its buffer
// instead of reaching the display. Static files are precompressed by adapter-node (sirv sends the
// .br/.gz file with its own Content-Encoding, which the middleware then leaves alone).
const compress = compression({
	filter: (req, res) =>
		!String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') &&
		compression.filter(req, res)
});
/**
 * Security headers for every answer, static files and the prerendered kiosk included (issue 12).
 * Only the kiosk may use the camera; nothing may frame a page but the desk its own letters (it
 * prints them from a frame); whatever names a patient is never kept by a browser or a proxy.
 */
function securityHeaders(url) {
	const letters = url.startsWith('/reception/letters');
	const patientData = /^\/(reception|admin|api\/(staff|queue|events|kiosk))(\/|\?|$)/.test(url);
	const headers = [
		['x-content-type-options', 'nosniff'],
		['referrer-policy', 'same-origin'],
		['x-frame-options', letters ? 'SAMEORIGIN' : 'DENY'],
		[
			'content-security-policy',
			`frame-ancestors ${letters ? "'self'" : "'none'"}; base-uri 'self'; object-src 'none'; form-action 'self'`
		],
		[
			'permissions-policy',
			`camera=${/^\/kiosk(\/|\?|$)/.test(url) ? '(self)' : '()'}, microphone=(), geolocation=(), payment=(), usb=()`
		]
	];
	if (patientData) headers.push(['cache-control', 'no-store']);
	if (tls) headers.push(['strict-transport-security', 'max-age=31536000']);
	return headers;
}

/**
 * A body the app answered without reading is read off the wire (and dropped) once the answer is
 * out. A refusal (another site's post, a missing token, a body too large) is answered at once,
 * not after the whole body has arrived: a client that waits for an early answer before sending
 * the rest (as HTTP lets it) would otherwise never get one. Left unread, the body would stall the
 * keep-alive connection, and a client still writing would end with a reset. Past `DRAIN_LIMIT`
 * bytes the connection is cut instead.
 */
const DRAIN_LIMIT = 64 * 1024 * 1024;
function drainWhenAnswered(req, res) {
	res.once('finish', () => {
		if (req.complete || req.destroyed) return;
		// SvelteKit's body stream pauses the request whenever nobody reads it: take it over.
		req.removeAllListeners('data');
		let left = DRAIN_LIMIT;
		req.on('data', (chunk) => {
			left -= chunk.length;
			if (left < 0) req.destroy();
		});
		req.resume();
	});
}

const serve = (req, res) => {
	if (ownProtocolHeader) req.headers['x-front-desk-scheme'] = scheme;
	drainWhenAnswered(req, res);
	// The same security headers as hooks.server.ts, here too because adapter-node answers the
	// prerendered kiosk shell and static files before the hook runs (header names set by the
	// app's own response replace these).
	for (const [name, value] of securityHeaders(req.url ?? '/')) res.setHeader(name, value);
	compress(req, res, () => handler(req, res));
};
const server = tls ? https.createServer(tls, serve) : http.createServer(serve);
server.keepAliveTimeout = 65_000;

server.listen(port, host, () => {
	const base = process.env.PUBLIC_BASE_URL ?? `${scheme}://localhost:${port}`;
	const lan = lanAddresses().map((ip) => `${scheme}://${ip}:${port}`);
	const user = process.env.FRONT_DESK_DEMO === '0' ? null : 'reception';
	const lines = [
		'',
		`Front Desk is running (${process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite ' + (process.env.DATABASE_PATH ?? 'data/front-desk.sqlite')}).`,
		'',
		`  Reception (desk PC):     ${base}/reception`,
		`  Kiosk (tablet):          ${base}/kiosk`,
		`  Waiting-room display:    ${base}/display`,
		...(lan.length ? ['', `  On your network:         ${lan.join('  ')}`] : []),
		''
	];
	if (user) {
		lines.push(
			`  Demo sign-in: ${user} / ${process.env.FRONT_DESK_DEMO_PASSWORD ?? 'frontdesk-demo'}  (admin: admin / same password)`,
			''
		);
	}
	lines.push(
		'  Enroll a kiosk or display: sign in at /reception, open "Devices", create a pairing code,',
		'  then open /kiosk or /display on the device and type the 6 digits.',
		tls
			? ''
			: '  Tablets on the network need HTTPS for the camera: start with HTTPS=1 (self-signed) or TLS_CERT/TLS_KEY.',
		''
	);
	console.log(lines.join('\n'));
});

let closing = false;
function shutdown(signal) {
	if (closing) return;
	closing = true;
	console.log(`${signal}: finishing open requests, then stopping.`);
	server.close(() => process.exit(0));
	// Event streams never end on their own; give everything else a moment, then go.
	setTimeout(() => process.exit(0), 3000).unref();
	server.closeIdleConnections?.();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
