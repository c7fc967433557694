import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	checkInOp,
	pairAndEnroll,
	qrToken,
	syncOne,
	syncOps,
	type Appointment
} from './support/clients';
import { intakeKey, jpegOf } from './support/changes';
import { sealChange } from '../support/change-ops';
import { expectNoPatientData } from './support/privacy';
import { discoverRoutes, routeUrl, type RouteEntry } from './support/routes';
import {
	CALLERS,
	dataState,
	makeCallers,
	patientSecrets,
	type CallerName,
	type Callers
} from './support/callers';

/**
 * Issue 12: who may use what. Every endpoint, page, page data (`__data.json`) and form action
 * under src/routes, read from the source when the test runs, has a row here; a new route without
 * one fails the first test. Each row says what each caller gets. Every refusal (and every answer
 * of a page open to anyone) carries no patient data, a refused write changes nothing, and
 * nothing another site's caller gets names a main-site patient or appointment.
 */

/** What a caller should get: a status, or a redirect to sign in. */
type Expect = number | 'login' | { status: number; location: string };
type Cells = Record<CallerName, Expect>;

interface Seed {
	appointments: Appointment[];
	/** Reception cancels it (the one write the matrix lets through on an appointment). */
	cancelId: string;
	letterId: string;
	patientId: string;
	/** The card patient's place in the queue (a printable ticket). */
	entryId: string;
	cardImageId: string;
	qrToken: string;
	kioskId: string;
	spareKioskId: string;
}

interface Probe {
	params?: (seed: Seed) => Record<string, string>;
	query?: string;
	/** JSON for endpoints; form fields for actions and the language switch. */
	json?: unknown;
	form?: (seed: Seed) => Record<string, string>;
	/** An event stream: only its status and type are read. */
	stream?: boolean;
	/** Anyone may see it: no patient data in any answer, not only in refusals. */
	open?: boolean;
	expect: Cells;
}

const devices = (status: Expect) =>
	({
		anonymous: status,
		kiosk: status,
		display: status,
		revokedDevice: status,
		otherSiteDevice: status
	}) as const;

/** Staff only: devices and strangers get `denied`. */
function staff(
	reception: Expect,
	otherSiteStaff: Expect = reception,
	admin: Expect = reception,
	denied: Expect = 401
): Cells {
	return { ...devices(denied), otherSiteStaff, reception, admin };
}
const staffPage = (reception: Expect, otherSiteStaff: Expect = reception, admin = reception) =>
	staff(reception, otherSiteStaff, admin, 'login');
const adminPage = (admin: Expect): Cells => staffPage(403, 403, admin);
const everyone = (status: Expect): Cells => ({
	...devices(status),
	otherSiteStaff: status,
	reception: status,
	admin: status
});
/** A device of one kind (its own site's, or another site's with that site's data). */
function device(kind: 'kiosk' | 'display', ok: Expect): Cells {
	return { ...everyone(401), [kind]: ok, otherSiteDevice: ok };
}

/** A form post that names nothing: staff get the action's own 400, everyone else signs in. */
const emptyDeskAction: Probe = { form: () => ({}), expect: staffPage(400) };

const MATRIX: Record<string, Probe[]> = {
	'GET / page': [{ open: true, expect: everyone(200) }],
	'GET /admin page': [{ expect: adminPage({ status: 303, location: '/admin/audit' }) }],
	'GET /admin __data.json': [{ expect: adminPage({ status: 303, location: '/admin/audit' }) }],
	'GET /admin/audit page': [{ expect: adminPage(200) }],
	'GET /admin/audit __data.json': [{ expect: adminPage(200) }],
	'GET /admin/audit/export.csv': [{ expect: staff(403, 403, 200) }],
	'GET /admin/import page': [{ expect: adminPage(200) }],
	'GET /admin/import __data.json': [{ expect: adminPage(200) }],
	// A form with no file: the admin hears what was wrong; nothing is imported.
	'POST /admin/import ?/check': [{ form: () => ({}), expect: adminPage(400) }],
	'POST /admin/import ?/confirm': [{ form: () => ({}), expect: adminPage(400) }],
	'GET /admin/keys page': [{ expect: adminPage(200) }],
	'GET /admin/keys __data.json': [{ expect: adminPage(200) }],
	// The admin rotates (letters signed before keep working: the /c/ rows below use one).
	'POST /admin/keys ?/rotate': [{ form: () => ({}), expect: adminPage(200) }],
	'GET /admin/sessions page': [{ expect: adminPage(200) }],
	'GET /admin/sessions __data.json': [{ expect: adminPage(200) }],
	'POST /admin/sessions ?/endOne': [{ form: () => ({ handle: 'x' }), expect: adminPage(400) }],
	'POST /admin/sessions ?/endUser': [{ form: () => ({ userId: '' }), expect: adminPage(400) }],
	// Ends every other session: run last (see ORDER).
	'POST /admin/sessions ?/endEveryone': [{ form: () => ({}), expect: adminPage(200) }],

	'GET /admin/site page': [{ expect: adminPage(200) }],
	'GET /admin/site __data.json': [{ expect: adminPage(200) }],
	'GET /admin/users page': [{ expect: adminPage(200) }],
	'GET /admin/users __data.json': [{ expect: adminPage(200) }],
	// Forms that name nobody, or nobody valid: the admin hears what was wrong; nothing changes.
	'POST /admin/users ?/create': [{ form: () => ({ username: 'x' }), expect: adminPage(400) }],
	'POST /admin/users ?/role': [
		{ form: () => ({ userId: 'nobody', role: 'admin' }), expect: adminPage(404) }
	],
	'POST /admin/users ?/disable': [{ form: () => ({ userId: 'nobody' }), expect: adminPage(404) }],
	'POST /admin/users ?/enable': [{ form: () => ({ userId: 'nobody' }), expect: adminPage(404) }],
	'POST /admin/users ?/password': [
		{ form: () => ({ userId: 'nobody', password: 'long-enough-1' }), expect: adminPage(404) }
	],
	'POST /api/devices/enroll': [
		{ open: true, json: { code: '12', kind: 'kiosk' }, expect: everyone(400) }
	],
	'GET /api/events': [
		{ query: 'audience=reception', stream: true, expect: staff(200) },
		{ query: 'audience=display', stream: true, expect: device('display', 200) },
		{ query: 'audience=kiosk', expect: everyone(400) }
	],
	'GET /api/health': [{ open: true, expect: everyone(200) }],
	'GET /api/kiosk/bootstrap': [{ expect: device('kiosk', 200) }],
	'GET /api/kiosk/roster': [{ expect: device('kiosk', 200) }],
	'POST /api/kiosk/sync': [{ json: { ops: [] }, expect: device('kiosk', 200) }],
	'GET /api/queue/snapshot': [
		{ query: 'audience=reception', expect: staff(200) },
		{ query: 'audience=display', expect: device('display', 200) }
	],
	'GET /api/staff/appointments': [{ expect: staff(200) }],
	// Reception cancels it; the admin, after, finds it cancelled already; east does not find it.
	'POST /api/staff/appointments/[id]/cancel': [
		{ params: (s) => ({ id: s.cancelId }), expect: staff(200, 409, 409) }
	],
	'GET /api/staff/card-images/[id]': [
		{ params: (s) => ({ id: s.cardImageId }), expect: staff(200, 403) }
	],
	'GET /api/staff/change-requests': [{ expect: staff(200) }],
	'POST /api/staff/change-requests': [{ json: {}, expect: staff(400) }],
	'POST /api/staff/change-requests/handled': [{ json: {}, expect: staff(400) }],
	'GET /api/staff/desk-lists': [{ expect: staff(200) }],
	'GET /api/staff/devices': [{ expect: staff(200) }],
	// Each staff user reads their own site's figures (another site's receptionist gets east's).
	'GET /api/staff/kiosk-stats': [{ expect: staff(200) }],
	// Counts only, of the caller's own site.
	'GET /api/staff/day-summary': [{ expect: staff(200) }],
	'GET /api/staff/letters/[id]': [{ params: (s) => ({ id: s.letterId }), expect: staff(200, 404) }],
	'POST /api/staff/pairing-codes': [
		{ json: { kind: 'kiosk', name: 'Matrix code' }, expect: staff(201) }
	],
	'GET /api/staff/patients/[id]': [
		{ params: (s) => ({ id: s.patientId }), expect: staff(200, 404) }
	],
	'POST /api/staff/queue': [{ json: {}, expect: staff(400) }],
	'POST /api/staff/session': [{ open: true, json: {}, expect: everyone(400) }],
	'DELETE /api/staff/session': [{ expect: everyone(204) }],
	'POST /api/staff/session/activity': [{ expect: staff(200) }],

	'GET /c/[token] page': [
		{ open: true, params: (s) => ({ token: s.qrToken }), expect: everyone(200) }
	],
	'GET /c/[token] __data.json': [
		{ open: true, params: (s) => ({ token: s.qrToken }), expect: everyone(200) }
	],
	'GET /display page': [{ expect: everyone(200) }],
	'GET /display __data.json': [{ expect: everyone(200) }],
	'POST /display ?/pair': [{ open: true, form: () => ({ code: '12' }), expect: everyone(400) }],
	'GET /kiosk page': [{ open: true, expect: everyone(200) }],
	// Public branding only (the clinic's name and colour): browsers fetch it without cookies.
	'GET /kiosk/manifest.webmanifest': [{ open: true, expect: everyone(200) }],

	'GET /reception/(desk) page': [{ expect: staffPage(200) }],
	'GET /reception/(desk) __data.json': [{ expect: staffPage(200) }],
	'POST /reception/(desk) ?/call': [emptyDeskAction],
	'POST /reception/(desk) ?/inRoom': [emptyDeskAction],
	'POST /reception/(desk) ?/complete': [emptyDeskAction],
	'POST /reception/(desk) ?/backToWaiting': [emptyDeskAction],
	'POST /reception/(desk) ?/resolveHelp': [emptyDeskAction],
	'POST /reception/(desk) ?/resolveDeadLetter': [emptyDeskAction],
	'POST /reception/(desk) ?/undo': [emptyDeskAction],
	'POST /reception/(desk) ?/setDelay': [emptyDeskAction],
	'GET /reception/(desk)/appointments page': [{ expect: staffPage(200) }],
	'GET /reception/(desk)/appointments __data.json': [{ expect: staffPage(200) }],
	'POST /reception/(desk)/appointments ?/checkIn': [emptyDeskAction],
	'POST /reception/(desk)/appointments ?/noShow': [emptyDeskAction],
	'POST /reception/(desk)/appointments ?/undo': [emptyDeskAction],
	// The cancel screen names its appointment: another site's desk does not find it.
	'GET /reception/(desk)/appointments/[id]/cancel page': [
		{ params: (s) => ({ id: s.letterId }), expect: staffPage(200, 404) }
	],
	'GET /reception/(desk)/appointments/[id]/cancel __data.json': [
		{ params: (s) => ({ id: s.letterId }), expect: staffPage(200, 404) }
	],
	'POST /reception/(desk)/appointments/[id]/cancel ?/cancel': [
		{ params: (s) => ({ id: s.letterId }), form: () => ({}), expect: staffPage(400) }
	],
	'POST /reception/(desk)/appointments/[id]/cancel ?/undo': [
		{ params: (s) => ({ id: s.letterId }), form: () => ({}), expect: staffPage(400) }
	],
	'GET /reception/(desk)/tickets/[id] page': [
		{ params: (s) => ({ id: s.entryId }), expect: staffPage(200, 404) }
	],
	'GET /reception/(desk)/tickets/[id] __data.json': [
		{ params: (s) => ({ id: s.entryId }), expect: staffPage(200, 404) }
	],
	'GET /reception/(desk)/walk-in page': [{ expect: staffPage(200) }],
	'GET /reception/(desk)/walk-in __data.json': [{ expect: staffPage(200) }],
	'POST /reception/(desk)/walk-in ?/register': [emptyDeskAction],
	'POST /reception/(desk)/walk-in ?/undo': [emptyDeskAction],
	'GET /reception/(desk)/changes page': [{ expect: staffPage(200) }],
	'GET /reception/(desk)/changes __data.json': [{ expect: staffPage(200) }],
	'POST /reception/(desk)/changes ?/decide': [emptyDeskAction],
	'POST /reception/(desk)/changes ?/handled': [emptyDeskAction],
	'GET /reception/(desk)/devices page': [{ expect: staffPage(200) }],
	'GET /reception/(desk)/devices __data.json': [{ expect: staffPage(200) }],
	'POST /reception/(desk)/devices ?/pair': [emptyDeskAction],
	// Main's kiosk: renamed by its own desk; east's is told there is no such device.
	'POST /reception/(desk)/devices ?/rename': [
		{ form: (s) => ({ id: s.kioskId, name: 'Matrix kiosk' }), expect: staffPage(200, 404) }
	],
	// A code to pair main's kiosk again (never used here); east is told there is no such device.
	'POST /reception/(desk)/devices ?/repair': [
		{ form: (s) => ({ id: s.kioskId }), expect: staffPage(200, 404) }
	],
	// The spare kiosk: reception removes it, the admin after finds it gone, east does not find it.
	'POST /reception/(desk)/devices ?/remove': [
		{ form: (s) => ({ id: s.spareKioskId }), expect: staffPage(200, 404, 404) }
	],
	// The day's letters of the caller's own site (another site's desk sees its own day).
	'GET /reception/(desk)/letters page': [{ expect: staffPage(200) }],
	'GET /reception/(desk)/letters __data.json': [{ expect: staffPage(200) }],
	'GET /reception/(desk)/letters/[id] page': [
		{ params: (s) => ({ id: s.letterId }), expect: staffPage(200, 404) }
	],
	'GET /reception/(desk)/letters/[id] __data.json': [
		{ params: (s) => ({ id: s.letterId }), expect: staffPage(200, 404) }
	],
	'GET /reception/(desk)/patients/[id] page': [
		{ params: (s) => ({ id: s.patientId }), expect: staffPage(200, 404) }
	],
	'GET /reception/(desk)/patients/[id] __data.json': [
		{ params: (s) => ({ id: s.patientId }), expect: staffPage(200, 404) }
	],
	'POST /reception/language': [
		{ form: () => ({ language: 'es' }), expect: everyone({ status: 303, location: '/reception' }) }
	],
	'GET /reception/login page': [
		{
			open: true,
			expect: staff({ status: 303, location: '/reception' }, undefined, undefined, 200)
		}
	],
	'GET /reception/login __data.json': [
		{
			open: true,
			expect: staff({ status: 303, location: '/reception' }, undefined, undefined, 200)
		}
	],
	'POST /reception/login ?/signIn': [{ open: true, form: () => ({}), expect: everyone(400) }],
	'POST /reception/login ?/signOut': [
		{ form: () => ({}), expect: everyone({ status: 303, location: '/reception/login?signed-out' }) }
	]
};

/** Rows that end sessions go last, in this order (each leaves the next one's callers' answers). */
const LAST = [
	'POST /admin/sessions ?/endEveryone',
	'DELETE /api/staff/session',
	'POST /reception/login ?/signOut'
];

interface Answer {
	status: number;
	location: string | null;
	body: string;
	/** What the request itself said (its address and body): an answer may repeat that. */
	asked: string;
}

/** The answer as the caller's page would read it (enhanced actions and `__data.json` say it inside). */
async function send(
	baseUrl: string,
	route: RouteEntry,
	probe: Probe,
	seed: Seed,
	cookie: string
): Promise<Answer> {
	let url = routeUrl(route.routeId, probe.params?.(seed));
	if (route.kind === 'data') url = `${url.replace(/\/$/, '')}/__data.json`;
	const query = [probe.query, route.action ? `/${route.action}` : undefined].filter(Boolean);
	if (query.length) url += `?${query.join('&')}`;
	const headers: Record<string, string> = {};
	if (cookie) headers.cookie = cookie;
	let body: string | undefined;
	if (route.method !== 'GET') headers.origin = baseUrl;
	if (route.kind === 'action') {
		headers.accept = 'application/json';
		headers['x-sveltekit-action'] = 'true';
	} else if (route.kind === 'page') {
		headers.accept = 'text/html';
	}
	if (probe.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(probe.json);
	} else if (probe.form || route.kind === 'action') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(probe.form?.(seed) ?? {}).toString();
	}
	const controller = new AbortController();
	const response = await fetch(new URL(url, baseUrl), {
		method: route.method,
		headers,
		body,
		redirect: 'manual',
		signal: controller.signal
	});
	const answer: Answer = {
		status: response.status,
		location: response.headers.get('location'),
		body: '',
		asked: `${url} ${body ?? ''}`
	};
	if (probe.stream && response.ok) {
		expect(response.headers.get('content-type')).toContain('text/event-stream');
		controller.abort();
		return answer;
	}
	answer.body = await response.text();
	const json = (response.headers.get('content-type') ?? '').includes('application/json');
	if (!json || response.status !== 200) return answer;
	const parsed = JSON.parse(answer.body) as {
		type?: string;
		status?: number;
		location?: string;
		nodes?: ({ type: string; status?: number } | null)[];
	};
	if (route.kind === 'action' && parsed.type && parsed.type !== 'error') {
		answer.status = parsed.status ?? answer.status;
		answer.location = parsed.location ?? null;
	} else if (route.kind === 'data' && parsed.type === 'redirect') {
		answer.status = 303;
		answer.location = parsed.location ?? null;
	} else if (route.kind === 'data') {
		const failed = parsed.nodes?.find((node) => node?.type === 'error');
		if (failed) answer.status = failed.status ?? 500;
	}
	return answer;
}

function matches(answer: Answer, expected: Expect): boolean {
	if (expected === 'login') {
		return answer.status === 303 && /^\/reception\/login(\?|$)/.test(answer.location ?? '');
	}
	if (typeof expected === 'number') return answer.status === expected;
	return answer.status === expected.status && answer.location === expected.location;
}

const refusal = (expected: Expect) =>
	expected === 'login' || (typeof expected === 'number' && expected >= 400);

describe.each(dialects)('the access matrix (%s)', (dialect) => {
	const suite = useServer(dialect);
	let callers: Callers;
	let seed: Seed;
	let secrets: Awaited<ReturnType<typeof patientSecrets>>;

	beforeAll(async () => {
		callers = await makeCallers(suite.server);
		const [cancel, letter, patient, card] = suite.appointments.filter((a) => a.status === 'booked');
		// A card photo on file (a checked-in patient's new insurance card, from a kiosk).
		const kioskClient = (await pairAndEnroll(suite.server, callers.staff, 'kiosk', 'Photo kiosk'))
			.client;
		const checkedIn = await syncOne(kioskClient, checkInOp(card.id));
		expect(checkedIn.outcome).toBe('applied');
		const sealed = await sealChange(
			card.id,
			await intakeKey(kioskClient),
			{ contact: { phone: '(415) 555-2671' }, insurance: { kind: 'same' } },
			[{ side: 'front', bytes: jpegOf(4000) }]
		);
		const { results } = await syncOps(kioskClient, sealed.all);
		expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
		const image = await suite.db
			.selectFrom('card_images')
			.select('id')
			.where('change_id', '=', sealed.changeId)
			.executeTakeFirstOrThrow();
		seed = {
			appointments: suite.appointments,
			cancelId: cancel.id,
			letterId: letter.id,
			patientId: patient.patientId,
			entryId: checkedIn.entryId as string,
			cardImageId: image.id,
			qrToken: await qrToken(callers.staff, letter.id),
			kioskId: callers.kioskId,
			spareKioskId: callers.spareKioskId
		};
		secrets = await patientSecrets(suite.db, suite.appointments);
	});

	it('has a row for every route, endpoint, page data and form action in src/routes', () => {
		const found = discoverRoutes().map((r) => r.key);
		expect(found.length).toBeGreaterThan(40);
		const missing = found.filter((key) => !(key in MATRIX));
		const stale = Object.keys(MATRIX).filter((key) => !found.includes(key));
		expect(missing, 'routes with no row in the access matrix').toEqual([]);
		expect(stale, 'rows for routes that no longer exist').toEqual([]);
	});

	it('gives each caller what the matrix says, and nothing of patients in a refusal', async () => {
		const routes = discoverRoutes().filter((r) => r.key in MATRIX);
		const ordered = [
			...routes.filter((r) => !LAST.includes(r.key)),
			...LAST.map((key) => routes.find((r) => r.key === key)).filter((r) => r !== undefined)
		];
		const mainIds = [
			...seed.appointments.map((a) => a.id),
			...secrets.ids.filter((id) => id.startsWith('demo-main-'))
		];
		const problems: string[] = [];
		let checked = 0;
		for (const route of ordered) {
			for (const probe of MATRIX[route.key]) {
				for (const caller of CALLERS) {
					const expected = probe.expect[caller];
					const refused = refusal(expected);
					const write = route.method !== 'GET';
					const before = refused && write ? await dataState(suite.db) : null;
					const answer = await send(
						suite.server.baseUrl,
						route,
						probe,
						seed,
						callers.cookies[caller]
					);
					checked++;
					const label = `${route.key}${probe.query ? ` (${probe.query})` : ''} as ${caller}`;
					if (!matches(answer, expected)) {
						problems.push(
							`${label}: expected ${JSON.stringify(expected)}, got ${answer.status}` +
								`${answer.location ? ` → ${answer.location}` : ''} ${answer.body.slice(0, 160)}`
						);
					}
					if (answer.status >= 500) problems.push(`${label}: answered ${answer.status}`);
					if (refused || probe.open) {
						try {
							expectNoPatientData(answer.body, secrets.appointments, secrets.birthDates);
						} catch (error) {
							problems.push(
								`${label}: patient data in the answer (${(error as Error).message.split('\n')[0]})`
							);
						}
					}
					if (caller === 'otherSiteStaff' || caller === 'otherSiteDevice') {
						const leaked = mainIds.find(
							(id) => answer.body.includes(id) && !answer.asked.includes(id)
						);
						if (leaked) problems.push(`${label}: names main-site record ${leaked}`);
					}
					if (before !== null && (await dataState(suite.db)) !== before) {
						problems.push(`${label}: refused, yet the database changed`);
					}
				}
			}
		}
		expect(problems).toEqual([]);
		expect(checked).toBeGreaterThan(500);
		expect(suite.server.output()).not.toMatch(/\n\s+at .+\(.*\.js:\d+:\d+\)/);
	}, 120_000);
});
