import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SyncOp } from '$lib/schemas/sync';
import { makeRecord } from '$lib/roster/roster-test-helpers';
import { VisitAnalytics } from './visit-analytics';

const HOUR = 3_600_000;
/** 10:58 UTC: a visit that starts here and ends after 11:00 belongs to 10:00 but waits for 12:00. */
const T0 = Date.UTC(2026, 2, 14, 10, 58);
const SLOT = Date.UTC(2026, 2, 14, 10, 0);
const record = makeRecord('ab12cd');

function setUp() {
	let now = T0;
	const written: { op: SyncOp; notBefore?: number }[] = [];
	const sync = {
		enqueue: (op: SyncOp, options: { notBefore?: number } = {}) => {
			written.push({ op: v.parse(SyncOp, op), ...options });
			return Promise.resolve();
		}
	};
	const analytics = new VisitAnalytics(sync);
	return { analytics, written, at: (ms: number) => (now = T0 + ms), now: () => now };
}

const timeInId = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('VisitAnalytics', () => {
	it('writes one held visit-steps op per visit, dated only by its hour', async () => {
		const { analytics, written, at, now } = setUp();
		analytics.saw({ name: 'welcome' }, now());
		at(1_000);
		analytics.saw({ name: 'lookup', problem: null, busy: false }, now());
		at(30_000);
		analytics.saw({ name: 'confirm', record, method: 'lookup', token: null, late: false }, now());
		at(5 * 60_000);
		analytics.end('idle', 'en', now());
		analytics.saw({ name: 'welcome' }, now());
		await analytics.settled();
		expect(written).toHaveLength(1);
		const [{ op, notBefore }] = written;
		expect(op).toMatchObject({
			type: 'visit-steps',
			createdAt: SLOT,
			payload: {
				slot: SLOT,
				outcome: 'abandoned',
				endedOn: 'confirm',
				method: 'lookup',
				steps: [
					{ screen: 'lookup', ms: 29_000 },
					{ screen: 'confirm', ms: 270_000 }
				]
			}
		});
		expect(timeInId(op.id)).toBe(SLOT);
		// Ended at 11:03: held until the end of that hour.
		expect(notBefore).toBe(SLOT + 2 * HOUR);
		// A reset on an untouched Welcome screen writes nothing.
		analytics.end('idle', 'en', now());
		await analytics.settled();
		expect(written).toHaveLength(1);
	});

	it('writes the feedback with the hour, language, method and score only', async () => {
		const { analytics, written, at, now } = setUp();
		analytics.saw({ name: 'dob', record, token: 't', failures: 0 }, now());
		analytics.saw({ name: 'confirm', record, method: 'qr', token: 't', late: false }, now());
		at(20_000);
		analytics.feedback(5, 'es', now());
		await analytics.settled();
		expect(written).toEqual([
			{
				op: {
					id: expect.any(String) as string,
					type: 'feedback',
					createdAt: SLOT,
					payload: { score: 5, language: 'es', method: 'qr', slot: SLOT }
				},
				notBefore: SLOT + HOUR
			}
		]);
		expect(timeInId(written[0].op.id)).toBe(SLOT);
	});
});

describe('VisitAnalytics without a visit that reached its ticket', () => {
	it('writes no feedback when no patient was found', async () => {
		const { analytics, written, now } = setUp();
		analytics.saw({ name: 'lookup', problem: null, busy: false }, now());
		analytics.feedback(3, 'en', now());
		await analytics.settled();
		expect(written).toEqual([]);
	});
});
