/**
 * Keeps the kiosk's screen on while it is open (issue 10, `kiosk.wakeLock` in the site config).
 *
 * A screen wake lock ends whenever the page is hidden (the tablet's screen turned off by its
 * button, another app in front), so it is asked for again each time the page is visible. Where
 * the browser refuses (low battery, a policy) or has no Wake Lock API, the kiosk works as before
 * and the tablet's own "never sleep" setting keeps it on (docs/kiosk-setup.md).
 */

/** What the kiosk holds: shown on `<html data-wake-lock>` for the staff and for tests. */
export type WakeLockState = 'held' | 'released' | 'refused' | 'unsupported';

interface Sentinel {
	released: boolean;
	release(): Promise<void>;
	addEventListener(type: 'release', listener: () => void): void;
}

interface WakeLockApi {
	request(type: 'screen'): Promise<Sentinel>;
}

/** Holds the screen awake until the returned function is called; `onState` hears every change. */
export function keepScreenAwake(onState: (state: WakeLockState) => void): () => void {
	const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
	if (!wakeLock) {
		onState('unsupported');
		return () => undefined;
	}
	let sentinel: Sentinel | null = null;
	let stopped = false;
	let asking = false;

	async function ask(): Promise<void> {
		if (stopped || asking || document.visibilityState !== 'visible') return;
		if (sentinel && !sentinel.released) return;
		asking = true;
		try {
			const got = await wakeLock.request('screen');
			if (stopped) {
				await got.release();
				return;
			}
			sentinel = got;
			got.addEventListener('release', () => {
				if (sentinel === got && !stopped) onState('released');
			});
			onState('held');
		} catch {
			// NotAllowedError: the browser said no for now; the next visible moment asks again.
			if (!stopped) onState('refused');
		} finally {
			asking = false;
		}
	}

	function visibilityChanged(): void {
		if (document.visibilityState === 'visible') {
			void ask();
			return;
		}
		// Hidden: browsers release the lock themselves; letting go here too makes every browser
		// come back the same way, through a new request.
		const held = sentinel;
		if (held && !held.released) void held.release().catch(() => undefined);
	}

	document.addEventListener('visibilitychange', visibilityChanged);
	void ask();
	return () => {
		stopped = true;
		document.removeEventListener('visibilitychange', visibilityChanged);
		void sentinel?.release().catch(() => undefined);
		sentinel = null;
	};
}
