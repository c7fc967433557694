import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { VisitStepsPayload } from '$lib/schemas/sync';
import { makeRecord } from '$lib/roster/roster-test-helpers';
import type { Screen } from './screens';
import { StepRecorder, hourSlot } from './step-recorder';

/** 10:47:12 UTC: the visit's hour starts at 10:00. */
const T0 = Date.UTC(2026, 2, 14, 10, 47, 12);
const HOUR_START = Date.UTC(2026, 2, 14, 10, 0);
const record = makeRecord('ab12cd');
const who = { record, token: null, late: false };

const welcome: Screen = { name: 'welcome' };
const scan = (
	busy = false,
	problem: Extract<Screen, { name: 'scan' }>['problem'] = null
): Screen => ({
	name: 'scan',
	busy,
	problem
});
const lookup = (busy = false): Screen => ({ name: 'lookup', problem: null, busy });
const confirm: Screen = { name: 'confirm', method: 'lookup', ...who };
const ticket: Screen = {
	name: 'ticket',
	ticket: {
		ticket: 'A-001',
		firstName: 'Philippa',
		providerName: 'Dr. Adeyemi',
		slotAt: T0,
		position: 1,
		waitMin: 5,
		late: false
	}
};

/** Feeds `screens` to a recorder, each `at` ms after T0. */
function play(recorder: StepRecorder, screens: [number, Screen][]) {
	for (const [at, screen] of screens) recorder.saw(screen, T0 + at);
}

describe('StepRecorder', () => {
	it('records each screen and its time for a scan that fails twice, then a look-up', () => {
		const recorder = new StepRecorder();
		play(recorder, [
			[0, welcome],
			[5_000, scan()],
			[9_000, scan(true)],
			[9_400, scan(false, 'not-ours')],
			[14_000, scan(true)],
			[14_300, scan(false, 'expired')],
			[20_000, lookup()],
			[31_000, lookup(true)],
			[31_500, confirm],
			[40_000, { name: 'checking-in' }],
			[41_000, ticket]
		]);
		expect(recorder.method).toBe('lookup');
		const visit = recorder.end('done', T0 + 61_000, 'es');
		expect(visit).toEqual({
			slot: HOUR_START,
			language: 'es',
			method: 'lookup',
			outcome: 'checked-in',
			endedOn: 'ticket',
			steps: [
				{ screen: 'scan', ms: 15_000 },
				{ screen: 'lookup', ms: 11_500 },
				{ screen: 'confirm', ms: 8_500 },
				{ screen: 'checking-in', ms: 1_000 },
				{ screen: 'ticket', ms: 20_000 }
			],
			scanAttempts: 2,
			fellBackToLookup: true,
			help: []
		});
		// What it sends passes the schema the server applies.
		expect(v.safeParse(VisitStepsPayload, visit).success).toBe(true);
	});

	it('counts a failed read once however often the screen is drawn again', () => {
		const recorder = new StepRecorder();
		play(recorder, [
			[0, scan()],
			[1_000, scan(true)],
			[1_200, scan(false, 'not-found')],
			[1_300, scan(false, 'not-found')],
			[2_000, scan(false, 'camera')]
		]);
		expect(recorder.end('cancel', T0 + 3_000, 'en')).toMatchObject({
			scanAttempts: 1,
			fellBackToLookup: false,
			method: null,
			outcome: 'reset',
			endedOn: 'scan',
			steps: [{ screen: 'scan', ms: 3_000 }]
		});
	});

	it('names the screen a visit was abandoned on, and each screen help was asked from', () => {
		const recorder = new StepRecorder();
		play(recorder, [
			[0, scan()],
			[2_000, { name: 'help' }],
			[3_000, { name: 'dob', record, token: 't', failures: 0 }],
			[9_000, { name: 'help' }]
		]);
		expect(recorder.end('idle', T0 + 69_000, 'en')).toMatchObject({
			method: 'qr',
			outcome: 'abandoned',
			endedOn: 'help',
			help: ['scan', 'dob'],
			steps: [
				{ screen: 'scan', ms: 2_000 },
				{ screen: 'help', ms: 1_000 },
				{ screen: 'dob', ms: 6_000 },
				{ screen: 'help', ms: 60_000 }
			]
		});
	});

	it('calls a visit that reached its ticket checked in, even when the idle timer ended it', () => {
		const recorder = new StepRecorder();
		play(recorder, [
			[0, confirm],
			[1_000, ticket]
		]);
		expect(recorder.end('idle', T0 + 2_000, 'en')?.outcome).toBe('checked-in');
	});

	it('reports an error as an error, ticket or not', () => {
		const recorder = new StepRecorder();
		play(recorder, [[0, lookup()]]);
		expect(recorder.end('error', T0 + 500, 'en')?.outcome).toBe('error');
	});

	it('has nothing to say about a Welcome screen nobody touched, and starts afresh each visit', () => {
		const recorder = new StepRecorder();
		recorder.saw(welcome, T0);
		expect(recorder.end('idle', T0 + 60_000, 'en')).toBeNull();
		play(recorder, [[0, lookup()]]);
		expect(recorder.end('cancel', T0 + 1_000, 'en')?.steps).toEqual([
			{ screen: 'lookup', ms: 1_000 }
		]);
		expect(recorder.end('cancel', T0 + 2_000, 'en')).toBeNull();
		expect(recorder.method).toBeNull();
	});

	it('drops a visit the kiosk left for Welcome without ending it', () => {
		const recorder = new StepRecorder();
		play(recorder, [
			[0, lookup()],
			[1_000, welcome]
		]);
		expect(recorder.end('done', T0 + 2_000, 'en')).toBeNull();
	});

	it('never records a negative time when the clock goes back', () => {
		const recorder = new StepRecorder();
		play(recorder, [
			[10_000, lookup()],
			[0, confirm]
		]);
		expect(recorder.end('cancel', T0 + 5_000, 'en')?.steps).toEqual([
			{ screen: 'lookup', ms: 0 },
			{ screen: 'confirm', ms: 5_000 }
		]);
	});

	it('slots a time at the start of its hour', () => {
		expect(hourSlot(T0)).toBe(HOUR_START);
		expect(hourSlot(HOUR_START)).toBe(HOUR_START);
	});
});
