import type { KioskScreenName } from '$lib/schemas/sync';
import type { KioskApp } from './kiosk-app.svelte';
import type { ErrorBudget } from './error-report';

/** How long "Something went wrong — starting over" stays up before Welcome comes back. */
export const RECOVERY_MS = 4000;

/**
 * The kiosk's answer to a fault nobody planned for (issue 10): a calm full-screen message, a
 * `kiosk-error` op naming the screen and the error's class (no message, no patient data), and
 * after a few seconds Welcome for the next patient. The page shows the message instead of its
 * screens while `showing`, which also tears down and rebuilds the `<svelte:boundary>` that
 * caught a rendering fault. Faults during the message are ignored: one recovery at a time.
 */
export class KioskRecovery {
	#showing = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** Made with the first report: what reports need loads only when a fault happens (DESIGN §9). */
	#budget: ErrorBudget | null = null;

	constructor(
		private readonly kiosk: KioskApp,
		private readonly delayMs = RECOVERY_MS
	) {}

	get showing() {
		return this.#showing;
	}

	/** A screen threw (a `<svelte:boundary>`, or the window's listeners below). */
	fault(thrown: unknown): void {
		if (this.#showing) return;
		this.#showing = true;
		// Every flow screen is a reportable one (KIOSK_SCREENS lists them all, and `feedback`).
		const screen: KioskScreenName = this.kiosk.flow.screen.name;
		const at = Date.now();
		void this.#report(screen, thrown, at);
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.kiosk.resetForNextPatient('error');
			this.#showing = false;
		}, this.delayMs);
	}

	/**
	 * Faults outside rendering: a throwing event handler or timer, a rejected promise nobody
	 * caught. An `error` event without an error object is no fault of a screen (Chromium's
	 * "ResizeObserver loop" notice, a cross-origin script's opaque "Script error."): ignored.
	 */
	watch(): () => void {
		const onError = (event: ErrorEvent) => {
			if (event.error === undefined || event.error === null) return;
			this.fault(event.error);
		};
		const onRejection = (event: PromiseRejectionEvent) => this.fault(event.reason);
		window.addEventListener('error', onError);
		window.addEventListener('unhandledrejection', onRejection);
		return () => {
			window.removeEventListener('error', onError);
			window.removeEventListener('unhandledrejection', onRejection);
			if (this.#timer) clearTimeout(this.#timer);
			this.#timer = undefined;
			this.#showing = false;
		};
	}

	/** Through the outbox like every op; a report that cannot be written is given up quietly. */
	async #report(screen: KioskScreenName, thrown: unknown, at: number): Promise<void> {
		try {
			const [{ ErrorBudget, errorName }, { uuidv7 }] = await Promise.all([
				import('./error-report'),
				import('./uuidv7')
			]);
			this.#budget ??= new ErrorBudget(3, 60_000);
			if (!this.#budget.take(at)) return;
			const name = errorName(thrown);
			await this.kiosk.sync.enqueue({
				id: uuidv7(at),
				type: 'kiosk-error',
				createdAt: at,
				payload: { screen, name, at }
			});
		} catch {
			// The kiosk is already starting over; a second failure must not become a third fault.
		}
	}
}
