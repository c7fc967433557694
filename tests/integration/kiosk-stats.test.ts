import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncOp, VisitStepsPayload } from '$lib/schemas/sync';
import type { KioskStats } from '$lib/schemas/kiosk-stats';
import { siteTime } from '$lib/site-time';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import {
	Client,
	pairAndEnroll,
	staffLogin,
	syncOps,
	uuidv7,
	type ApiError,
	type EnrolledDevice
} from './support/clients';

/** A past site day at `main` (America/New_York, EDT from 8 March): 04:00 UTC to 04:00 UTC. */
const DAY = '2026-03-14';
const TZ = 'America/New_York';
/** The hour slot starting at `hour`:00 on the site's wall clock that day. */
const at = (hour: number) => siteTime(TZ, DAY, hour * 60);

function visitOp(slot: number, visit: Omit<VisitStepsPayload, 'slot' | 'language'>): SyncOp {
	return {
		id: uuidv7(slot),
		type: 'visit-steps',
		createdAt: slot,
		payload: { slot, language: 'en', ...visit }
	};
}

function feedbackOp(slot: number, score: number, method: 'qr' | 'lookup' = 'lookup'): SyncOp {
	return {
		id: uuidv7(slot),
		type: 'feedback',
		createdAt: slot,
		payload: { slot, score, language: 'es', method }
	};
}

const none = { scanAttempts: 0, fellBackToLookup: false, help: [] };

/** Five visits and four answers on DAY, as kiosks would send them, plus some that must not count. */
const DAYS_OPS: SyncOp[] = [
	visitOp(at(10), {
		...none,
		method: 'lookup',
		outcome: 'checked-in',
		endedOn: 'ticket',
		steps: [
			{ screen: 'lookup', ms: 20_000 },
			{ screen: 'confirm', ms: 10_000 },
			{ screen: 'checking-in', ms: 1_000 },
			{ screen: 'ticket', ms: 20_000 }
		]
	}),
	visitOp(at(10), {
		...none,
		method: 'qr',
		outcome: 'checked-in',
		endedOn: 'ticket',
		scanAttempts: 1,
		steps: [
			{ screen: 'scan', ms: 8_000 },
			{ screen: 'dob', ms: 12_000 },
			{ screen: 'confirm', ms: 6_000 },
			{ screen: 'checking-in', ms: 1_000 },
			{ screen: 'ticket', ms: 15_000 }
		]
	}),
	visitOp(at(11), {
		method: null,
		outcome: 'abandoned',
		endedOn: 'lookup',
		scanAttempts: 2,
		fellBackToLookup: true,
		help: ['scan'],
		steps: [
			{ screen: 'scan', ms: 30_000 },
			{ screen: 'help', ms: 5_000 },
			{ screen: 'lookup', ms: 60_000 }
		]
	}),
	visitOp(at(12), {
		...none,
		method: 'lookup',
		outcome: 'error',
		endedOn: 'confirm',
		steps: [
			{ screen: 'lookup', ms: 10_000 },
			{ screen: 'confirm', ms: 4_000 }
		]
	}),
	// 23:00 at the site is 03:00 UTC the next day: still the site's DAY.
	visitOp(at(23), {
		...none,
		method: 'qr',
		outcome: 'reset',
		endedOn: 'dob',
		help: ['dob'],
		steps: [
			{ screen: 'scan', ms: 5_000 },
			{ screen: 'dob', ms: 9_000 }
		]
	}),
	feedbackOp(at(10), 5),
	feedbackOp(at(10), 4, 'qr'),
	feedbackOp(at(11), 4),
	feedbackOp(at(23), 2, 'qr')
];

/** 20:00 the evening before (00:00 UTC on DAY): the day before at the site. */
const EVENING_BEFORE: SyncOp[] = [
	visitOp(at(-4), {
		...none,
		method: 'lookup',
		outcome: 'abandoned',
		endedOn: 'confirm',
		steps: [{ screen: 'confirm', ms: 99_000 }]
	}),
	feedbackOp(at(-4), 1)
];

describe.each(dialects)('GET /api/staff/kiosk-stats (%s)', (dialect) => {
	const suite = useServer(dialect);
	let kiosk: EnrolledDevice;
	let east: Client;

	beforeAll(async () => {
		kiosk = await pairAndEnroll(suite.server, suite.staff, 'kiosk', 'Lobby kiosk');
		// Through the real sync endpoint, as the outbox sends them: in batches, one sent twice.
		const first = await syncOps(kiosk.client, DAYS_OPS.slice(0, 6));
		const rest = await syncOps(kiosk.client, [...DAYS_OPS.slice(5), ...EVENING_BEFORE]);
		expect(first.results.map((r) => r.outcome)).toEqual(Array(6).fill('applied'));
		expect(rest.results.map((r) => r.outcome)).toEqual([
			'duplicate',
			...Array(DAYS_OPS.length - 6 + EVENING_BEFORE.length).fill('applied')
		]);
		// Another site's kiosk on the same day: none of it is main's.
		east = await staffLogin(suite.server, 'reception-east');
		const eastKiosk = await pairAndEnroll(suite.server, east, 'kiosk', 'East kiosk');
		await syncOps(eastKiosk.client, [
			visitOp(at(10), {
				...none,
				method: 'qr',
				outcome: 'checked-in',
				endedOn: 'ticket',
				steps: []
			}),
			feedbackOp(at(10), 1)
		]);
	});

	it("sums up the site's day: visits, endings, time per screen, scanning, help, feedback", async () => {
		const stats = await suite.staff.expectJson<KioskStats>(
			'GET',
			`/api/staff/kiosk-stats?day=${DAY}`,
			200
		);
		expect(stats).toEqual({
			siteId: 'main',
			day: DAY,
			timezone: TZ,
			visits: 5,
			completed: 2,
			abandonedOn: { lookup: 1 },
			resetOn: { dob: 1 },
			errors: 1,
			medianMsOn: {
				lookup: 20_000,
				confirm: 6_000,
				'checking-in': 1_000,
				ticket: 17_500,
				scan: 8_000,
				dob: 10_500,
				help: 5_000
			},
			scanAttemptsMedian: 1,
			fellBackToLookup: 1,
			helpOn: { scan: 1, dob: 1 },
			feedback: { count: 4, meanScore: 3.75, distribution: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 1 } }
		} satisfies KioskStats);
	});

	it('counts the evening before on its own day, and another site only for that site', async () => {
		const before = await suite.staff.expectJson<KioskStats>(
			'GET',
			'/api/staff/kiosk-stats?day=2026-03-13',
			200
		);
		expect(before).toMatchObject({
			visits: 1,
			abandonedOn: { confirm: 1 },
			feedback: { count: 1, meanScore: 1 }
		});
		const eastDay = await east.expectJson<KioskStats>(
			'GET',
			`/api/staff/kiosk-stats?day=${DAY}`,
			200
		);
		expect(eastDay).toMatchObject({
			siteId: 'east',
			visits: 1,
			completed: 1,
			feedback: { count: 1 }
		});
	});

	it('answers an empty day with zeros, and today without a day', async () => {
		const empty = await suite.staff.expectJson<KioskStats>(
			'GET',
			'/api/staff/kiosk-stats?day=2025-01-01',
			200
		);
		expect(empty).toMatchObject({
			visits: 0,
			completed: 0,
			scanAttemptsMedian: null,
			medianMsOn: {},
			feedback: { count: 0, meanScore: null }
		});
		const today = await suite.staff.expectJson<KioskStats>('GET', '/api/staff/kiosk-stats', 200);
		expect(today.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('is for admins too, and for nobody signed out', async () => {
		const admin = await staffLogin(suite.server, 'admin');
		const stats = await admin.expectJson<KioskStats>(
			'GET',
			`/api/staff/kiosk-stats?day=${DAY}`,
			200
		);
		expect(stats.visits).toBe(5);
		const stranger = new Client(suite.server.baseUrl);
		await stranger.expectJson('GET', `/api/staff/kiosk-stats?day=${DAY}`, 401);
		// A kiosk's device cookie is no staff session either.
		await kiosk.client.expectJson('GET', `/api/staff/kiosk-stats?day=${DAY}`, 401);
	});

	it.each([
		['2026-02-30', /not a real date/],
		['14-03-2026', /YYYY-MM-DD/],
		['yesterday', /YYYY-MM-DD/],
		['', /YYYY-MM-DD/]
	])('refuses day=%s with a 400 that says what to send', async (day, message) => {
		const body = await suite.staff.expectJson<ApiError>(
			'GET',
			`/api/staff/kiosk-stats?day=${encodeURIComponent(day)}`,
			400
		);
		expect(body.message).toMatch(message);
	});

	it('keeps the feedback with no device, appointment or time finer than the hour', async () => {
		const rows = await suite.db.selectFrom('kiosk_feedback').selectAll().execute();
		expect(rows.length).toBeGreaterThanOrEqual(5);
		for (const row of rows) {
			expect(Object.keys(row).sort()).toEqual([
				'id',
				'language',
				'method',
				'score',
				'site_id',
				'slot'
			]);
			expect(Number(row.slot) % 3_600_000).toBe(0);
		}
	});
});
