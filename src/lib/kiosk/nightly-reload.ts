/**
 * The kiosk stays fresh on its own (issue 10, "Stays healthy"): it reloads once a night at the
 * site's quiet hour (`kiosk.nightlyReloadHour`, on the site's clock), and a new release's service
 * worker takes over as soon as it has installed. Both only ever happen on an idle Welcome: a
 * patient mid-visit is never cut off; the kiosk waits for the visit to end (the reset to Welcome)
 * and does it then.
 *
 * Why the update needs more than the reset: a kiosk that sits on Welcome all afternoon has no
 * reset to wait for, so an update arriving while it is idle is applied right away. And a kiosk
 * that never navigates never hears of a deploy (browsers look for a new service worker on
 * navigation), so it asks the server for one every half hour.
 *
 * Loaded once the kiosk is paired (Upkeep.svelte), not in the first load. The scheduling is
 * pure, with the clock passed in, so the tests run a night (and a DST night) in milliseconds.
 */
import { siteDay, siteDayBounds, wallClock } from '$lib/site-time';

const MINUTE = 60_000;
/** How often the kiosk looks at the clock, besides at the hour itself. */
export const TICK_MS = MINUTE;
/** How often it asks the server whether a new release is out. */
export const UPDATE_CHECK_MS = 30 * MINUTE;

/** The day after `day` (YYYY-MM-DD), in calendar terms. */
function nextDay(day: string): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The first instant of the site's `day` at which its wall clock shows `hour` or later, to the
 * minute. Within one day the wall clock's hour never goes down (spring forward skips an hour,
 * fall back repeats one), so a binary search finds it: on a spring-forward night a reload set
 * for the skipped 2 AM happens at 3 AM, on a fall-back night one set for the doubled 1 AM
 * happens at the first 1 AM, once. Null when the day has no such minute.
 */
export function nightlyReloadAt(timeZone: string, hour: number, day: string): number | null {
	const { start, end } = siteDayBounds(timeZone, day);
	const reached = (at: number) =>
		siteDay(timeZone, at) === day && wallClock(timeZone, at).hour >= hour;
	let low = 0;
	let high = Math.round((end - start) / MINUTE);
	if (!reached(start + (high - 1) * MINUTE)) return null;
	while (low < high) {
		const mid = Math.floor((low + high) / 2);
		if (reached(start + mid * MINUTE)) high = mid;
		else low = mid + 1;
	}
	return start + low * MINUTE;
}

/** The next nightly reload after `now`: today's if it is still ahead, else tomorrow's. */
export function nextNightlyReload(timeZone: string, hour: number, now: number): number {
	let day = siteDay(timeZone, now);
	for (let i = 0; i < 3; i++) {
		const at = nightlyReloadAt(timeZone, hour, day);
		if (at !== null && at > now) return at;
		day = nextDay(day);
	}
	throw new Error(`no ${hour}:00 in ${timeZone} for three days`);
}

export interface Clock {
	now(): number;
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(timer: unknown): void;
}

/** A new release of the app, as the service worker registration reports it. */
export interface Updates {
	/** A new version has installed and waits to take over. */
	waiting(): boolean;
	/** Calls `run` each time a new version finishes installing; returns the unsubscribe. */
	onWaiting(run: () => void): () => void;
	/** Lets the waiting version take over; the page reloads into it (controllerchange). */
	activate(): void;
	/** Asks the server whether there is a new version. */
	check(): void;
}

export interface UpkeepOptions {
	timeZone: string;
	/** `kiosk.nightlyReloadHour`: null for never. */
	reloadHour: number | null;
	/** True while the kiosk shows Welcome with no patient mid-visit. */
	isIdle: () => boolean;
	reload: () => void;
	updates: Updates | null;
	clock: Clock;
}

/**
 * Watches the clock and the releases; does what is due the moment the kiosk is idle. The page
 * calls `idleNow()` each time the kiosk comes back to Welcome.
 */
export class KioskUpkeep {
	readonly #options: UpkeepOptions;
	#reloadAt: number | null;
	/** The night's reload time has passed, and the kiosk has not been idle since. */
	#reloadDue = false;
	#nextUpdateCheck: number;
	#timer: unknown = null;
	#done = false;
	readonly #unsubscribe: () => void;

	constructor(options: UpkeepOptions) {
		this.#options = options;
		const now = options.clock.now();
		this.#reloadAt = this.#nextReload(now);
		this.#nextUpdateCheck = now + UPDATE_CHECK_MS;
		this.#unsubscribe = options.updates?.onWaiting(() => this.idleNow()) ?? (() => undefined);
		this.#arm();
		this.idleNow();
	}

	/** When the next nightly reload falls due (for the staff panel and the tests). */
	get reloadAt(): number | null {
		return this.#reloadAt;
	}
	get reloadDue(): boolean {
		return this.#reloadDue;
	}

	#nextReload(now: number): number | null {
		const { reloadHour, timeZone } = this.#options;
		return reloadHour === null ? null : nextNightlyReload(timeZone, reloadHour, now);
	}

	/** Looks at the clock now: after the tablet slept (timers stop) or on each tick. */
	tick(): void {
		if (this.#done) return;
		const now = this.#options.clock.now();
		if (this.#reloadAt !== null && now >= this.#reloadAt) {
			this.#reloadDue = true;
			this.#reloadAt = this.#nextReload(now);
		}
		if (now >= this.#nextUpdateCheck) {
			this.#nextUpdateCheck = now + UPDATE_CHECK_MS;
			this.#options.updates?.check();
		}
		this.idleNow();
		this.#arm();
	}

	/** The kiosk is (maybe) idle on Welcome: a waiting release or a due reload happens now. */
	idleNow(): void {
		const { isIdle, updates, reload } = this.#options;
		if (this.#done || !isIdle()) return;
		if (updates?.waiting()) {
			// The page reloads into the new version when it takes over; that is the night's reload too.
			this.#reloadDue = false;
			updates.activate();
		} else if (this.#reloadDue) {
			this.#reloadDue = false;
			this.stop();
			reload();
		}
	}

	#arm(): void {
		const { clock } = this.#options;
		clock.clearTimeout(this.#timer);
		if (this.#done) return;
		// Every minute (a sleeping tablet's timers run late), and exactly at the hour.
		const untilReload = this.#reloadAt === null ? TICK_MS : this.#reloadAt - clock.now();
		this.#timer = clock.setTimeout(() => this.tick(), Math.max(0, Math.min(TICK_MS, untilReload)));
	}

	stop(): void {
		this.#done = true;
		this.#options.clock.clearTimeout(this.#timer);
		this.#unsubscribe();
	}
}

/** The browser's service worker registration as `Updates`. */
export function serviceWorkerUpdates(registration: ServiceWorkerRegistration): Updates {
	return {
		// Only a page already controlled by a service worker has a release to move to.
		waiting: () => Boolean(registration.waiting && navigator.serviceWorker.controller),
		onWaiting(run) {
			const found = () => {
				const worker = registration.installing;
				worker?.addEventListener('statechange', () => {
					if (worker.state === 'installed') run();
				});
			};
			registration.addEventListener('updatefound', found);
			return () => registration.removeEventListener('updatefound', found);
		},
		activate: () => registration.waiting?.postMessage({ type: 'SKIP_WAITING' }),
		check: () => void registration.update().catch(() => undefined)
	};
}

const browserClock: Clock = {
	now: () => Date.now(),
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout> | undefined)
};

/**
 * Starts the kiosk's upkeep in the browser; returns `idleNow` (call it on every return to
 * Welcome) and `stop`.
 */
export function keepKioskFresh(
	options: Pick<UpkeepOptions, 'timeZone' | 'reloadHour' | 'isIdle'>
): { idleNow: () => void; stop: () => void } {
	let upkeep: KioskUpkeep | null = null;
	let stopped = false;
	const start = (updates: Updates | null) => {
		if (stopped) return;
		upkeep = new KioskUpkeep({
			...options,
			updates,
			reload: () => location.reload(),
			clock: browserClock
		});
	};
	if ('serviceWorker' in navigator) {
		navigator.serviceWorker.getRegistration().then(
			(r) => start(r ? serviceWorkerUpdates(r) : null),
			() => start(null)
		);
	} else start(null);
	// A sleeping tablet's timers stop: look at the clock as soon as the screen is back on.
	const shown = () => {
		if (document.visibilityState === 'visible') upkeep?.tick();
	};
	document.addEventListener('visibilitychange', shown);
	return {
		idleNow: () => upkeep?.idleNow(),
		stop: () => {
			stopped = true;
			document.removeEventListener('visibilitychange', shown);
			upkeep?.stop();
		}
	};
}
