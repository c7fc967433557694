import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { staffLogin } from './support/clients';
import { discoverRoutes, routeUrl, type RouteEntry } from './support/routes';
import {
	CALLERS,
	dataState,
	makeCallers,
	patientSecrets,
	type CallerName
} from './support/callers';
import { RawConnection, type Answer } from './support/raw';

/**
 * Issue 12: property-based fuzzing of every endpoint and form action under src/routes (read at
 * test time) with arbitrary bodies (JSON, garbage, huge, truncated multipart, urlencoded),
 * content types, Origin and Sec-Fetch-Site headers, Content-Length lies, and credentials (none,
 * real ones, another site's, revoked, forged, truncated, tampered). Whatever comes in:
 *
 * - the server answers, and never with a 5xx (nor logs a stack trace);
 * - a request without a real credential of the site is never served as one that had it;
 * - a refused write leaves the database as it was;
 * - another site's caller never sees a main-site patient or appointment id.
 *
 * The run is bounded (FUZZ_RUNS, default 400) and seeded (FUZZ_SEED): fast-check prints the seed
 * and the shrunk counterexample of a failure, to replay it with FUZZ_SEED and FUZZ_PATH.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const PATH = process.env.FUZZ_PATH;
/** FUZZ_LOG=1 prints each request and its answer (to see what came before a failure). */
const LOG = process.env.FUZZ_LOG === '1';
const BOUNDARY = 'fuzz-boundary';

type Credential =
	| { kind: 'none' }
	| { kind: 'real'; caller: CallerName }
	| { kind: 'forged'; where: 'fd_kiosk' | 'fd_display' | 'fd_session' | 'bearer'; value: string };

type Lie = 'none' | 'smaller' | 'larger' | 'chunked';

interface FuzzRequest {
	target: RouteEntry;
	param: string;
	query: string | null;
	credential: Credential;
	body: Buffer | null;
	contentType: string | null;
	origin: 'self' | 'other-port' | 'attacker' | 'null' | 'empty' | null;
	fetchSite: string | null;
	accept: string | null;
	enhanced: boolean;
	lie: Lie;
}

/** Staff or devices only: without their credential, never a served answer. */
function protectedRoute(route: RouteEntry): boolean {
	const id = route.routeId;
	if (route.kind === 'action') return id.startsWith('/reception/(desk)') || id.startsWith('/admin');
	return (
		(id.startsWith('/api/staff/') && !id.startsWith('/api/staff/session')) ||
		id === '/api/staff/session/activity' ||
		id.startsWith('/admin') ||
		id.startsWith('/api/kiosk/') ||
		id === '/api/events' ||
		id === '/api/queue/snapshot'
	);
}

const signInRedirect = (location: string | undefined) =>
	/^\/reception\/login\?next=/.test(location ?? '');

/** What the answer says happened, read the way the page that sent it would. */
function outcome(route: RouteEntry, answer: Answer): 'served' | 'refused' {
	let parsed: { type?: string; location?: string } | null = null;
	try {
		parsed = JSON.parse(answer.body) as { type?: string; location?: string };
	} catch {
		parsed = null;
	}
	if (answer.status >= 400) return 'refused';
	if (route.kind === 'action' && parsed && typeof parsed === 'object' && parsed.type) {
		if (parsed.type === 'failure') return 'refused';
		if (parsed.type === 'redirect' && signInRedirect(parsed.location)) return 'refused';
		return 'served';
	}
	if (answer.status >= 300 && signInRedirect(answer.headers.location)) return 'refused';
	return 'served';
}

describe.each(dialects)('fuzzing every endpoint and form action (%s)', (dialect) => {
	const suite = useServer(dialect);
	const cookies = {} as Record<CallerName, string>;
	let targets: RouteEntry[];
	let tokens: string[];
	let seedIds: string[];
	let mainIds: string[];

	async function signInAgain(): Promise<void> {
		cookies.reception = (await staffLogin(suite.server)).cookieHeader;
		cookies.admin = (await staffLogin(suite.server, 'admin')).cookieHeader;
		cookies.otherSiteStaff = (await staffLogin(suite.server, 'reception-east')).cookieHeader;
	}

	beforeAll(async () => {
		const callers = await makeCallers(suite.server);
		Object.assign(cookies, callers.cookies);
		targets = discoverRoutes().filter((r) => r.kind === 'endpoint' || r.kind === 'action');
		// Every real token and session id the callers hold: what forgeries are made from.
		tokens = Object.values(callers.cookies)
			.flatMap((header) => header.split('; '))
			.filter(Boolean)
			.map((pair) => pair.slice(pair.indexOf('=') + 1));
		const secrets = await patientSecrets(suite.db, suite.appointments);
		mainIds = [
			...suite.appointments.map((a) => a.id),
			...secrets.ids.filter((id) => id.startsWith('demo-main-'))
		];
		seedIds = [suite.appointments[0].id, suite.appointments[1].patientId, 'demo-east-01'];
	});

	function arbitraryRequest(): fc.Arbitrary<FuzzRequest> {
		const headerText = fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ''));
		const forgedValue = fc.oneof(
			fc.constantFrom(...tokens).chain((token) =>
				fc.oneof(
					// Truncated.
					fc.nat({ max: token.length - 1 }).map((n) => token.slice(0, n)),
					// One character changed.
					fc
						.tuple(fc.nat({ max: token.length - 1 }), fc.constantFrom('A', 'x', '0', '-', '.'))
						.map(([i, c]) => token.slice(0, i) + (token[i] === c ? 'B' : c) + token.slice(i + 1)),
					// Doubled, or with a tail.
					fc.constant(token + token),
					fc.constant(`${token}.x`)
				)
			),
			fc.base64String({ maxLength: 200 }).map((s) => s.replace(/[+/=]/g, '_')),
			fc
				.tuple(fc.base64String(), fc.base64String(), fc.base64String())
				.map((parts) => parts.map((p) => p.replace(/[+/=]/g, '')).join('.')),
			headerText
		);
		const credential: fc.Arbitrary<Credential> = fc.oneof(
			fc.constant({ kind: 'none' as const }),
			fc.constantFrom(...CALLERS).map((caller) => ({ kind: 'real' as const, caller })),
			fc.record({
				kind: fc.constant('forged' as const),
				where: fc.constantFrom('fd_kiosk', 'fd_display', 'fd_session', 'bearer'),
				value: forgedValue
			})
		);
		const fields = fc.dictionary(
			fc.oneof(fc.constantFrom('id', 'entryId', 'roomId', 'code', 'name', 'username'), fc.string()),
			fc.string({ maxLength: 80 }),
			{ maxKeys: 5 }
		);
		const multipart = fields.map((values) =>
			Buffer.from(
				Object.entries(values)
					.map(
						([name, value]) =>
							`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
					)
					.join('') + `--${BOUNDARY}--\r\n`
			)
		);
		const body: fc.Arbitrary<Buffer | null> = fc.oneof(
			{ arbitrary: fc.constant(null), weight: 2 },
			{ arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')), weight: 3 },
			{
				arbitrary: fc
					.record({ ops: fc.array(fc.jsonValue(), { maxLength: 3 }), status: fc.jsonValue() })
					.map((v) => Buffer.from(JSON.stringify(v))),
				weight: 1
			},
			{ arbitrary: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)), weight: 2 },
			{ arbitrary: fields.map((f) => Buffer.from(new URLSearchParams(f).toString())), weight: 3 },
			{ arbitrary: multipart, weight: 1 },
			{
				arbitrary: fc
					.tuple(multipart, fc.nat())
					.map(([full, n]) => full.subarray(0, n % Math.max(1, full.length))),
				weight: 2
			},
			{
				arbitrary: fc
					.constantFrom(70 * 1024, 2.5 * 1024 * 1024)
					.map((n) => Buffer.alloc(n, '{"a":1}')),
				weight: 1
			}
		);
		const contentType = fc.oneof(
			fc.constant(null),
			fc.constantFrom(
				'application/json',
				'application/json; charset=utf-16',
				'application/x-www-form-urlencoded',
				`multipart/form-data; boundary=${BOUNDARY}`,
				'multipart/form-data',
				'multipart/form-data; boundary=other',
				'text/plain',
				'application/octet-stream'
			),
			headerText
		);
		return fc.record({
			target: fc.constantFrom(...targets),
			param: fc.oneof(
				fc.constantFrom(...seedIds),
				fc.string({ maxLength: 40 }),
				fc.constant('x'.repeat(600))
			),
			query: fc.option(
				fc.constantFrom('audience=reception', 'audience=display', 'audience=', 'audience=%00'),
				{ nil: null }
			),
			credential,
			body,
			contentType,
			origin: fc.constantFrom('self', 'self', 'other-port', 'attacker', 'null', 'empty', null),
			fetchSite: fc.oneof(
				fc.constant(null),
				fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none'),
				headerText
			),
			accept: fc.constantFrom(null, 'application/json', 'text/html', '*/*'),
			enhanced: fc.boolean(),
			lie: fc.constantFrom<Lie>('none', 'none', 'none', 'smaller', 'larger', 'chunked')
		});
	}

	/** Sends one fuzzed request on its own connection, as raw bytes; null if it was closed unanswered. */
	async function send(request: FuzzRequest): Promise<{ answer: Answer | null; asked: string }> {
		const { target } = request;
		const base = new URL(suite.server.baseUrl);
		let path = routeUrl(target.routeId, { id: request.param, token: request.param });
		const query = [request.query, target.action ? `/${target.action}` : null].filter(Boolean);
		if (query.length) path += `?${query.join('&')}`;
		const headers: [string, string][] = [['Host', base.host]];
		const { credential } = request;
		if (credential.kind === 'real' && cookies[credential.caller]) {
			headers.push(['Cookie', cookies[credential.caller]]);
		} else if (credential.kind === 'forged') {
			if (credential.where === 'bearer')
				headers.push(['Authorization', `Bearer ${credential.value}`]);
			else headers.push(['Cookie', `${credential.where}=${credential.value}`]);
		}
		const origins = {
			self: base.origin,
			'other-port': `${base.protocol}//${base.hostname}:${Number(base.port) + 1}`,
			attacker: 'http://attacker.test',
			null: 'null',
			empty: ''
		};
		if (request.origin) headers.push(['Origin', origins[request.origin]]);
		if (request.fetchSite !== null) headers.push(['Sec-Fetch-Site', request.fetchSite]);
		if (request.accept) headers.push(['Accept', request.accept]);
		if (request.enhanced) headers.push(['x-sveltekit-action', 'true']);
		if (request.contentType !== null) headers.push(['Content-Type', request.contentType]);
		const body = request.body ?? Buffer.alloc(0);
		const lie = request.body === null && request.lie === 'chunked' ? 'none' : request.lie;
		if (lie === 'chunked') headers.push(['Transfer-Encoding', 'chunked']);
		else if (lie === 'smaller') headers.push(['Content-Length', String(body.length >> 1)]);
		else if (lie === 'larger') headers.push(['Content-Length', String(body.length + 17)]);
		else if (request.body !== null || target.method !== 'GET') {
			headers.push(['Content-Length', String(body.length)]);
		}
		const head = [`${target.method} ${path} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`)];
		const connection = new RawConnection(suite.server.baseUrl);
		try {
			await connection.write(`${head.join('\r\n')}\r\n\r\n`);
			if (lie === 'chunked') {
				await connection.write(`${body.length.toString(16)}\r\n`);
				await connection.write(body);
				await connection.write('\r\n0\r\n\r\n');
			} else if (body.length) {
				await connection.write(body);
			}
			// A body shorter than it said: nothing more is coming.
			if (lie === 'larger') connection.end();
			return { answer: await connection.answerOrClose(), asked: `${path} ${body}` };
		} catch (error) {
			// Reset while still writing: the server refused without reading, which is allowed
			// only when it had answered (answerOrClose would have said so) or the body lied.
			if (lie === 'larger' || lie === 'smaller') return { answer: null, asked: path };
			throw error;
		} finally {
			connection.close();
		}
	}

	it(`answers ${RUNS} arbitrary requests with no 5xx, no forged access and no refused write`, async () => {
		let served = 0;
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(arbitraryRequest(), async (request) => {
				const write = request.target.method !== 'GET';
				const before = write ? await dataState(suite.db) : null;
				const started = Date.now();
				const { answer, asked } = await send(request);
				if (LOG) {
					const { target, credential, lie, contentType, body } = request;
					console.log(
						`${Date.now() - started} ms ${target.key} ${credential.kind} ${lie} ` +
							`${contentType} ${body?.length ?? '-'} → ${answer?.status ?? 'closed'}`
					);
				}
				const label = `${request.target.key} (${request.credential.kind})`;
				if (answer === null) {
					// Only a body that never arrived whole may go unanswered.
					expect(request.lie, `${label}: closed without an answer`).toBe('larger');
				} else {
					expect(answer.status, `${label}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
				}
				const result = answer ? outcome(request.target, answer) : 'refused';
				if (result === 'served') served++;
				else refused++;
				const credential = request.credential;
				const stranger =
					credential.kind !== 'real' || ['anonymous', 'revokedDevice'].includes(credential.caller);
				if (stranger && protectedRoute(request.target)) {
					expect(result, `${label} served without a real credential`).toBe('refused');
				}
				if (credential.kind === 'real' && credential.caller.startsWith('otherSite') && answer) {
					const leaked = mainIds.find((id) => answer.body.includes(id) && !asked.includes(id));
					expect(
						leaked,
						`${label}: another site's caller was shown a main-site id`
					).toBeUndefined();
				}
				if (before !== null && result === 'refused') {
					expect(await dataState(suite.db), `${label}: refused, yet the database changed`).toBe(
						before
					);
				}
				// A sign-out, or the admin's "everyone else", ends the fuzz's own sessions.
				if (/session|signOut|endEveryone|endUser|endOne/.test(request.target.key)) {
					await signInAgain();
				}
			}),
			{ numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true }
		);
		expect(served, 'some requests were served').toBeGreaterThan(0);
		expect(refused, 'some requests were refused').toBeGreaterThan(0);
		const health = await fetch(`${suite.server.baseUrl}/api/health`);
		expect(health.status).toBe(200);
		expect(suite.server.output(), 'a stack trace in the server log').not.toMatch(
			/\n\s+at .+:\d+:\d+/
		);
	}, 300_000);
});
