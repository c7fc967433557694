import { describe, expect, it } from 'vitest';
import {
	delaysByProvider,
	describeWait,
	estimateAll,
	estimateWaits,
	runningDelayMinutes
} from './estimate';
import { at, entry } from './test-fixtures';
import type { QueueEntryView } from './types';

/** A patient seen earlier today: placed in line at `slot`, called `lateBy` minutes after it. */
function seen(slot: number, lateBy: number, overrides: Partial<QueueEntryView> = {}) {
	return entry({
		slotAt: at(slot),
		arrivedAt: at(slot - 5),
		status: 'completed',
		calledAt: at(slot + lateBy),
		inRoomAt: at(slot + lateBy + 1),
		completedAt: at(slot + lateBy + 15),
		...overrides
	});
}

describe('runningDelayMinutes', () => {
	it('is 0 for an empty queue and for an unknown provider', () => {
		expect(runningDelayMinutes([], 'dr-lee', at(0))).toBe(0);
		expect(runningDelayMinutes([seen(-60, 30)], 'dr-nobody', at(0))).toBe(0);
	});

	it('is 0 when nobody has been called and nobody is waiting past their slot', () => {
		expect(runningDelayMinutes([entry({ slotAt: at(30) })], 'dr-lee', at(0))).toBe(0);
	});

	it('is the median lateness of the 5 most recent calls', () => {
		const older = [seen(-300, 60), seen(-280, 60), seen(-260, 60)];
		const recent = [seen(-200, 2), seen(-180, 4), seen(-160, 30), seen(-140, 6), seen(-120, 8)];
		expect(runningDelayMinutes([...older, ...recent], 'dr-lee', at(0))).toBe(6);
	});

	it('picks the most recent calls by call time, not by array order', () => {
		const recent = [seen(-100, 10), seen(-80, 10), seen(-60, 10)];
		const older = [seen(-400, 50), seen(-380, 50), seen(-360, 50)];
		// Older rows come first in the array; the 5 latest calls are three at 10 and two at 50.
		expect(runningDelayMinutes([...older, ...recent], 'dr-lee', at(0))).toBe(10);
	});

	it('averages the two middle values for an even number of calls', () => {
		expect(runningDelayMinutes([seen(-60, 10), seen(-40, 20)], 'dr-lee', at(0))).toBe(15);
	});

	it('measures a walk-in from arrival', () => {
		const walkIn = entry({
			slotAt: null,
			arrivedAt: at(-30),
			calledAt: at(-18),
			status: 'in-room'
		});
		expect(runningDelayMinutes([walkIn], 'dr-lee', at(0))).toBe(12);
	});

	it('measures a late arrival from arrival, not from the slot it missed', () => {
		const late = seen(-60, 0, { arrivedAt: at(-40), calledAt: at(-35) });
		expect(runningDelayMinutes([late], 'dr-lee', at(0))).toBe(5);
	});

	it('measures an early arrival from the slot', () => {
		const early = seen(-30, 5, { arrivedAt: at(-60) });
		expect(runningDelayMinutes([early], 'dr-lee', at(0))).toBe(5);
	});

	it('is never negative when the provider runs ahead of schedule', () => {
		expect(runningDelayMinutes([seen(-60, -10), seen(-30, -5)], 'dr-lee', at(0))).toBe(0);
	});

	it('ignores other providers', () => {
		const patel = seen(-60, 40, { providerId: 'dr-patel' });
		expect(runningDelayMinutes([patel, seen(-30, 5)], 'dr-lee', at(0))).toBe(5);
	});

	it('is at least how long a scheduled patient has been waiting past their slot', () => {
		// Nobody called yet this morning; the 09:00 patient is still waiting at 09:17:30.
		const waiting = entry({ slotAt: at(0), arrivedAt: at(-10) });
		expect(runningDelayMinutes([waiting], 'dr-lee', at(17.5))).toBe(17);
	});

	it('uses the visible delay when it is larger than the measured one', () => {
		const waiting = entry({ slotAt: at(0), arrivedAt: at(-10) });
		expect(runningDelayMinutes([seen(-60, 5), waiting], 'dr-lee', at(25))).toBe(25);
	});

	it('keeps the measured delay when it is larger than the visible one', () => {
		const waiting = entry({ slotAt: at(0), arrivedAt: at(-10) });
		expect(runningDelayMinutes([seen(-60, 30), waiting], 'dr-lee', at(5))).toBe(30);
	});

	it('does not blame the provider for a late arrival or a walk-in still waiting', () => {
		const lateArrival = entry({ slotAt: at(-60), arrivedAt: at(-1) });
		const walkIn = entry({ slotAt: null, arrivedAt: at(-45) });
		expect(runningDelayMinutes([lateArrival, walkIn], 'dr-lee', at(0))).toBe(1);
	});
});

describe('estimateWaits', () => {
	const now = at(0);

	it('is empty for an empty queue and for an unknown provider', () => {
		expect(estimateWaits([], 'dr-lee', now).size).toBe(0);
		expect(estimateWaits([entry()], 'dr-nobody', now).size).toBe(0);
	});

	it('is 0 for the first patient when the provider is free and on time', () => {
		const first = entry({ slotAt: at(0) });
		expect(estimateWaits([first], 'dr-lee', now).get(first.entryId)).toBe(0);
	});

	it('follows the schedule when the provider is on time', () => {
		const a = entry({ slotAt: at(0) });
		const b = entry({ slotAt: at(15) });
		const c = entry({ slotAt: at(60) });
		const waits = estimateWaits([c, b, a], 'dr-lee', now);
		expect([waits.get(a.entryId), waits.get(b.entryId), waits.get(c.entryId)]).toEqual([0, 15, 60]);
	});

	it('queues double-booked patients one visit after the other', () => {
		const a = entry({ slotAt: at(0), arrivedAt: at(-10), durationMin: 20 });
		const b = entry({ slotAt: at(0), arrivedAt: at(-5) });
		const waits = estimateWaits([a, b], 'dr-lee', now);
		expect(waits.get(a.entryId)).toBe(0);
		expect(waits.get(b.entryId)).toBe(20);
	});

	it('adds the running delay to the slot, and chains visits after it', () => {
		const history = [seen(-120, 20), seen(-100, 20), seen(-80, 20)];
		const a = entry({ slotAt: at(30) });
		const b = entry({ slotAt: at(45) });
		const waits = estimateWaits([...history, a, b], 'dr-lee', now);
		expect(waits.get(a.entryId)).toBe(50); // 09:30 + 20
		expect(waits.get(b.entryId)).toBe(65); // 09:45 + 20 = 10:05 = end of a's visit
	});

	it('uses how far behind the provider visibly is before anyone has been called', () => {
		// 09:30, nobody called yet, the 09:00 patient is still waiting: 30 minutes behind, so
		// the 10:00 patient should expect about 10:30, not 10:00.
		const a = entry({ slotAt: at(0), arrivedAt: at(-10) });
		const b = entry({ slotAt: at(60), arrivedAt: at(-10) });
		const waits = estimateWaits([a, b], 'dr-lee', at(30));
		expect(waits.get(a.entryId)).toBe(0);
		expect(waits.get(b.entryId)).toBe(60);
	});

	it('waits for the patient currently in the room', () => {
		const inRoom = entry({
			slotAt: at(-15),
			status: 'in-room',
			calledAt: at(-15),
			inRoomAt: at(-5),
			durationMin: 15
		});
		const next = entry({ slotAt: at(0) });
		expect(estimateWaits([inRoom, next], 'dr-lee', now).get(next.entryId)).toBe(10);
	});

	it('waits for a patient who has been called but is not in the room yet', () => {
		const called = entry({ slotAt: at(-2), status: 'called', calledAt: at(-2), durationMin: 20 });
		const next = entry({ slotAt: at(0) });
		// Busy until 09:18 → 18 minutes → shown as 20.
		expect(estimateWaits([called, next], 'dr-lee', now).get(next.entryId)).toBe(20);
	});

	it('treats an overrunning visit as ending now, not in the past', () => {
		const overrun = entry({
			slotAt: at(-30),
			status: 'in-room',
			calledAt: at(-30),
			inRoomAt: at(-30)
		});
		const next = entry({ slotAt: at(0) });
		expect(estimateWaits([overrun, next], 'dr-lee', now).get(next.entryId)).toBe(0);
	});

	it('runs a called patient after the one still in the room', () => {
		const inRoom = entry({
			slotAt: at(-10),
			status: 'in-room',
			calledAt: at(-10),
			inRoomAt: at(-5)
		});
		const called = entry({ slotAt: at(-2), status: 'called', calledAt: at(-2), durationMin: 20 });
		const next = entry({ slotAt: at(0) });
		// In room until 09:10, then the called patient until 09:30.
		expect(estimateWaits([inRoom, called, next], 'dr-lee', now).get(next.entryId)).toBe(30);
	});

	it('mixes walk-ins in by arrival and uses the walk-in visit length from options', () => {
		const walkIn = entry({ slotAt: null, arrivedAt: at(-10), durationMin: 15 });
		const scheduled = entry({ slotAt: at(0), arrivedAt: at(-5) });
		const withDefault = estimateWaits([walkIn, scheduled], 'dr-lee', now);
		expect(withDefault.get(walkIn.entryId)).toBe(0);
		expect(withDefault.get(scheduled.entryId)).toBe(15);
		const withOption = estimateWaits([walkIn, scheduled], 'dr-lee', now, { walkInDurationMin: 10 });
		expect(withOption.get(scheduled.entryId)).toBe(10);
	});

	it('does not apply the walk-in visit length to scheduled patients', () => {
		const a = entry({ slotAt: at(0), durationMin: 30 });
		const b = entry({ slotAt: at(0), arrivedAt: at(-1) });
		const waits = estimateWaits([a, b], 'dr-lee', now, { walkInDurationMin: 5 });
		expect(waits.get(b.entryId)).toBe(30);
	});

	it('places a late arrival at arrival plus the running delay', () => {
		const history = [seen(-200, 20)];
		const late = entry({ slotAt: at(-60), arrivedAt: at(0) });
		expect(estimateWaits([...history, late], 'dr-lee', now).get(late.entryId)).toBe(20);
	});

	it('rounds up to the next multiple of 5 minutes', () => {
		const cases: [number, number][] = [
			[0.5, 5],
			[1, 5],
			[5, 5],
			[6, 10],
			[59, 60]
		];
		for (const [slotIn, shown] of cases) {
			const patient = entry({ slotAt: at(slotIn) });
			expect(estimateWaits([patient], 'dr-lee', now).get(patient.entryId)).toBe(shown);
		}
	});

	it('only estimates waiting patients of the requested provider', () => {
		const mine = entry({ slotAt: at(0) });
		const patel = entry({ providerId: 'dr-patel', slotAt: at(0) });
		const done = seen(-60, 0);
		const waits = estimateWaits([mine, patel, done], 'dr-lee', now);
		expect([...waits.keys()]).toEqual([mine.entryId]);
	});

	it('survives a nonsensical visit length without producing NaN', () => {
		const broken = entry({ slotAt: at(0), durationMin: Number.NaN });
		const next = entry({ slotAt: at(10) });
		const waits = estimateWaits([broken, next], 'dr-lee', now);
		expect(waits.get(broken.entryId)).toBe(0);
		expect(waits.get(next.entryId)).toBe(10);
	});
});

describe('estimateAll and delaysByProvider', () => {
	const now = at(0);
	const queue = [
		seen(-60, 20),
		entry({ slotAt: at(0) }),
		entry({ slotAt: at(15) }),
		seen(-60, 0, { providerId: 'dr-patel' }),
		entry({ providerId: 'dr-patel', slotAt: at(5) }),
		seen(-30, 10, { providerId: 'dr-kim' })
	];

	it('gives every waiting entry the same estimate as estimateWaits for its provider', () => {
		const all = estimateAll(queue, now);
		const expected = new Map([
			...estimateWaits(queue, 'dr-lee', now),
			...estimateWaits(queue, 'dr-patel', now)
		]);
		expect(all).toEqual(expected);
		expect(all.size).toBe(3);
	});

	it('reports a delay for every provider with any entry today', () => {
		expect(delaysByProvider(queue, now)).toEqual({ 'dr-lee': 20, 'dr-patel': 0, 'dr-kim': 10 });
	});

	it("takes a delay set by hand as a floor: the provider's delay and every estimate move", () => {
		const manualDelays = { 'dr-patel': 25, 'dr-lee': 5, 'dr-new': 10 };
		expect(delaysByProvider(queue, now, manualDelays)).toEqual({
			'dr-lee': 20,
			'dr-patel': 25,
			'dr-kim': 10,
			'dr-new': 10
		});
		const before = estimateAll(queue, now);
		const after = estimateAll(queue, now, { manualDelays });
		const patel = queue[4].entryId;
		// Slot at +5 min plus 25 min behind: seen in about 30 min, not at once.
		expect(before.get(patel)).toBe(5);
		expect(after.get(patel)).toBe(30);
		// Dr. Lee is measured 20 min behind already: 5 by hand changes nothing.
		expect(after.get(queue[1].entryId)).toBe(before.get(queue[1].entryId));
	});

	it('is empty for an empty queue', () => {
		expect(estimateAll([], now).size).toBe(0);
		expect(delaysByProvider([], now)).toEqual({});
	});
});

describe('describeWait', () => {
	it('says "now" for zero or less', () => {
		expect(describeWait(0)).toEqual({ kind: 'now' });
		expect(describeWait(-5)).toEqual({ kind: 'now' });
	});

	it('says "about low–high" while the top of the range stays within 90 minutes', () => {
		expect(describeWait(5)).toEqual({ kind: 'about', low: 5, high: 10 });
		expect(describeWait(40)).toEqual({ kind: 'about', low: 40, high: 50 });
		expect(describeWait(70)).toEqual({ kind: 'about', low: 70, high: 90 });
	});

	it('says "over low" once the top of the range would pass 90 minutes', () => {
		expect(describeWait(75)).toEqual({ kind: 'over', minutes: 75 });
		expect(describeWait(90)).toEqual({ kind: 'over', minutes: 90 });
	});

	it('says "over 90" beyond 90 minutes', () => {
		expect(describeWait(95)).toEqual({ kind: 'over', minutes: 90 });
		expect(describeWait(Number.POSITIVE_INFINITY)).toEqual({ kind: 'over', minutes: 90 });
	});

	it('says "unknown" when there is no estimate', () => {
		expect(describeWait(null)).toEqual({ kind: 'unknown' });
		expect(describeWait(undefined)).toEqual({ kind: 'unknown' });
		expect(describeWait(Number.NaN)).toEqual({ kind: 'unknown' });
	});
});
