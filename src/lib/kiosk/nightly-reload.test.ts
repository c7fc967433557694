import { describe, expect, it } from 'vitest';
import {
	KioskUpkeep,
	nextNightlyReload,
	nightlyReloadAt,
	UPDATE_CHECK_MS,
	type Clock,
	type Updates
} from './nightly-reload';

const NEW_YORK = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** A clock the test moves by hand; timers fire in order as it passes them. */
class FakeClock implements Clock {
	#now: number;
	#timers = new Map<number, { at: number; run: () => void }>();
	#ids = 0;
	constructor(start: number) {
		this.#now = start;
	}
	now = () => this.#now;
	setTimeout = (run: () => void, ms: number) => {
		const id = ++this.#ids;
		this.#timers.set(id, { at: this.#now + ms, run });
		return id;
	};
	clearTimeout = (timer: unknown) => {
		this.#timers.delete(timer as number);
	};
	/** Moves the clock on, firing each timer at its time. */
	advance(ms: number) {
		const end = this.#now + ms;
		for (;;) {
			const next = [...this.#timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
			if (!next || next[1].at > end) break;
			this.#timers.delete(next[0]);
			this.#now = next[1].at;
			next[1].run();
		}
		this.#now = end;
	}
	/** The tablet slept: time passed and no timer ran. */
	sleep(ms: number) {
		this.#now += ms;
	}
}

class FakeUpdates implements Updates {
	isWaiting = false;
	activated = 0;
	checks = 0;
	#listeners: (() => void)[] = [];
	waiting = () => this.isWaiting;
	onWaiting = (run: () => void) => {
		this.#listeners.push(run);
		return () => (this.#listeners = this.#listeners.filter((l) => l !== run));
	};
	activate = () => void this.activated++;
	check = () => void this.checks++;
	/** A deploy: the new version finishes installing. */
	arrive() {
		this.isWaiting = true;
		for (const run of this.#listeners) run();
	}
}

function kiosk(start: string, reloadHour: number | null = 3, timeZone = NEW_YORK) {
	const clock = new FakeClock(at(start));
	const updates = new FakeUpdates();
	const state = { idle: true, reloads: [] as number[] };
	const upkeep = new KioskUpkeep({
		timeZone,
		reloadHour,
		isIdle: () => state.idle,
		reload: () => state.reloads.push(clock.now()),
		updates,
		clock
	});
	return { clock, updates, state, upkeep };
}

describe('the nightly reload time, on the site clock', () => {
	it('is the hour on the site wall clock, not the tablet’s', () => {
		expect(nightlyReloadAt(NEW_YORK, 3, '2026-06-10')).toBe(at('2026-06-10T07:00:00Z'));
		expect(nightlyReloadAt('Europe/Madrid', 3, '2026-06-10')).toBe(at('2026-06-10T01:00:00Z'));
		expect(nightlyReloadAt('UTC', 0, '2026-06-10')).toBe(at('2026-06-10T00:00:00Z'));
		expect(nightlyReloadAt('UTC', 23, '2026-06-10')).toBe(at('2026-06-10T23:00:00Z'));
	});

	it('on the spring-forward night, an hour that does not exist becomes the next one', () => {
		// 2026-03-08 in New York: 1:59:59 EST is followed by 3:00:00 EDT (07:00 UTC).
		expect(nightlyReloadAt(NEW_YORK, 2, '2026-03-08')).toBe(at('2026-03-08T07:00:00Z'));
		expect(nightlyReloadAt(NEW_YORK, 3, '2026-03-08')).toBe(at('2026-03-08T07:00:00Z'));
		expect(nightlyReloadAt(NEW_YORK, 1, '2026-03-08')).toBe(at('2026-03-08T06:00:00Z'));
	});

	it('on the fall-back night, an hour that happens twice counts the first time', () => {
		// 2026-11-01 in New York: 1 AM EDT (05:00 UTC), then 1 AM again as EST (06:00 UTC).
		expect(nightlyReloadAt(NEW_YORK, 1, '2026-11-01')).toBe(at('2026-11-01T05:00:00Z'));
		expect(nightlyReloadAt(NEW_YORK, 2, '2026-11-01')).toBe(at('2026-11-01T07:00:00Z'));
	});

	it('the next one is tonight while the hour is ahead, else tomorrow night', () => {
		expect(nextNightlyReload(NEW_YORK, 3, at('2026-06-10T06:59:00Z'))).toBe(
			at('2026-06-10T07:00:00Z')
		);
		expect(nextNightlyReload(NEW_YORK, 3, at('2026-06-10T07:00:00Z'))).toBe(
			at('2026-06-11T07:00:00Z')
		);
		// 10 PM in New York is already the next UTC day; "tonight" is still New York's.
		expect(nextNightlyReload(NEW_YORK, 23, at('2026-06-11T02:30:00Z'))).toBe(
			at('2026-06-11T03:00:00Z')
		);
		// After the fall-back night's first 1 AM, the second 1 AM is not another reload.
		expect(nextNightlyReload(NEW_YORK, 1, at('2026-11-01T05:00:30Z'))).toBe(
			at('2026-11-02T06:00:00Z')
		);
	});
});

describe('the kiosk reloads once a night, only on an idle Welcome', () => {
	it('reloads at the hour when it is idle, and not before', () => {
		const { clock, state } = kiosk('2026-06-09T22:00:00Z'); // 6 PM in New York
		clock.advance(at('2026-06-10T06:59:00Z') - clock.now());
		expect(state.reloads).toEqual([]);
		clock.advance(2 * 60_000);
		expect(state.reloads).toEqual([at('2026-06-10T07:00:00Z')]);
		clock.advance(48 * HOUR);
		// The page reloaded: this instance is done, the new page schedules the next night.
		expect(state.reloads).toHaveLength(1);
	});

	it('waits for a patient mid-visit, then reloads at the reset to Welcome', () => {
		const { clock, state, upkeep } = kiosk('2026-06-10T06:30:00Z');
		state.idle = false;
		clock.advance(2 * HOUR);
		expect(state.reloads).toEqual([]);
		expect(upkeep.reloadDue).toBe(true);
		state.idle = true;
		upkeep.idleNow();
		expect(state.reloads).toEqual([at('2026-06-10T08:30:00Z')]);
	});

	it('a page that starts after the hour waits for the next night', () => {
		const { clock, state, upkeep } = kiosk('2026-06-10T07:00:05Z');
		expect(upkeep.reloadAt).toBe(at('2026-06-11T07:00:00Z'));
		clock.advance(23 * HOUR);
		expect(state.reloads).toEqual([]);
		clock.advance(HOUR);
		expect(state.reloads).toEqual([at('2026-06-11T07:00:00Z')]);
	});

	it('reloads after the tablet slept through the hour, once it looks at the clock', () => {
		const { clock, state, upkeep } = kiosk('2026-06-10T05:00:00Z');
		clock.sleep(4 * HOUR);
		expect(state.reloads).toEqual([]);
		upkeep.tick(); // the page became visible again
		expect(state.reloads).toEqual([at('2026-06-10T09:00:00Z')]);
	});

	it('on the spring-forward night, once at 3 AM', () => {
		const { clock, state } = kiosk('2026-03-07T23:00:00Z', 2);
		clock.advance(at('2026-03-08T06:59:00Z') - clock.now());
		expect(state.reloads).toEqual([]);
		clock.advance(2 * 60_000);
		expect(state.reloads).toEqual([at('2026-03-08T07:00:00Z')]);
	});

	it('on the fall-back night, once: the new page does not reload again at the second 1 AM', () => {
		const first = kiosk('2026-10-31T23:00:00Z', 1);
		first.clock.advance(at('2026-11-01T05:01:00Z') - first.clock.now());
		expect(first.state.reloads).toEqual([at('2026-11-01T05:00:00Z')]);
		const reloaded = kiosk('2026-11-01T05:00:02Z', 1);
		reloaded.clock.advance(3 * HOUR);
		expect(reloaded.state.reloads).toEqual([]);
		expect(reloaded.upkeep.reloadAt).toBe(at('2026-11-02T06:00:00Z'));
	});

	it('never, when the site turned it off', () => {
		const { clock, state, upkeep } = kiosk('2026-06-10T05:00:00Z', null);
		expect(upkeep.reloadAt).toBeNull();
		clock.advance(72 * HOUR);
		expect(state.reloads).toEqual([]);
	});
});

describe('a new release takes over only on an idle Welcome', () => {
	it('at once when it arrives while the kiosk sits on Welcome', () => {
		const { updates } = kiosk('2026-06-10T15:00:00Z');
		updates.arrive();
		expect(updates.activated).toBe(1);
	});

	it('after the visit when it arrives mid-visit', () => {
		const { updates, state, upkeep, clock } = kiosk('2026-06-10T15:00:00Z');
		state.idle = false;
		updates.arrive();
		clock.advance(10 * 60_000);
		expect(updates.activated).toBe(0);
		state.idle = true;
		upkeep.idleNow();
		expect(updates.activated).toBe(1);
	});

	it('a version already waiting when the page starts takes over if idle', () => {
		const clock = new FakeClock(at('2026-06-10T15:00:00Z'));
		const updates = new FakeUpdates();
		updates.isWaiting = true;
		new KioskUpkeep({
			timeZone: NEW_YORK,
			reloadHour: 3,
			isIdle: () => true,
			reload: () => undefined,
			updates,
			clock
		});
		expect(updates.activated).toBe(1);
	});

	it('the kiosk asks the server for a new release every half hour', () => {
		const { updates, clock } = kiosk('2026-06-10T15:00:00Z');
		clock.advance(UPDATE_CHECK_MS - 60_000);
		expect(updates.checks).toBe(0);
		clock.advance(60_000);
		expect(updates.checks).toBe(1);
		clock.advance(2 * UPDATE_CHECK_MS);
		expect(updates.checks).toBe(3);
	});

	it('a release waiting at the night’s hour is the night’s reload: one, not two', () => {
		const { updates, state, clock } = kiosk('2026-06-10T06:30:00Z');
		state.idle = false;
		updates.arrive();
		clock.advance(HOUR);
		state.idle = true;
		clock.advance(60_000);
		expect(updates.activated).toBe(1);
		expect(state.reloads).toEqual([]);
	});
});
