import type { KioskDb } from './db';
import type { RosterRecord } from '$lib/roster/roster-types';
import type { RosterStore } from './roster-store';
import type { SyncEngine } from './sync-engine.svelte';
import type { EditScreenName, Screen } from './screens';
import type { VisitEdits } from './edits.svelte';
import type { CardSide } from '$lib/intake/fields';
import type { VisitSteps } from './visit-steps';
import type { FlowState, KioskContext } from './flow-types';

export type { KioskContext } from './flow-types';

export { MAX_DOB_FAILURES } from '$lib/schemas/limits';

/**
 * One patient's walk through the kiosk. Holds the decrypted record only in memory, and
 * `reset()` drops it: the kiosk forgets everything when a patient walks away.
 */
export class KioskFlow {
	#current = $state<Screen>({ name: 'welcome' });
	/** Told of every screen shown, as it is shown (step analytics: `VisitAnalytics`). */
	onScreen: ((screen: Screen) => void) | null = null;
	get #screen(): Screen {
		return this.#current;
	}
	set #screen(screen: Screen) {
		this.#current = screen;
		this.onScreen?.(screen);
	}
	/** Bumped by reset(): async work from an earlier patient's visit must not touch the screen. */
	#visit = 0;
	/** What this patient changed, in memory only (edits.svelte.ts); reset() drops it. */
	#edits = $state<VisitEdits | null>(null);

	/** The steps after Welcome, loaded at the first tap (`#steps()`). */
	#loaded: Promise<VisitSteps> | null = null;
	#ready: VisitSteps | null = null;

	constructor(
		private readonly db: KioskDb,
		private readonly roster: RosterStore,
		private readonly sync: SyncEngine,
		private readonly context: () => KioskContext,
		private readonly now: () => number = () => Date.now()
	) {}

	get screen(): Screen {
		return this.#screen;
	}

	get edits(): VisitEdits | null {
		return this.#edits;
	}

	reset(): void {
		this.#visit += 1;
		this.#edits?.drop();
		this.#edits = null;
		this.#screen = { name: 'welcome' };
	}

	/** Between the confirmation screen and its edit screens: the same patient, another view. */
	show(name: EditScreenName, side: CardSide = 'front'): void {
		const s = this.#screen;
		// Only the confirmation and its edit screens carry `late` (an `Identified` patient).
		if (!('late' in s)) return;
		const { record, method, token, late } = s;
		const who = { record, method, token, late };
		this.#screen = name === 'card' ? { name, side, ...who } : { name, ...who };
	}

	startScan(): void {
		void this.prepare();
		this.#screen = { name: 'scan', problem: null, busy: false };
	}

	startLookup(): void {
		void this.prepare();
		this.#screen = { name: 'lookup', problem: null, busy: false };
	}

	cameraFailed(): void {
		this.#screen = { name: 'scan', problem: 'camera', busy: false };
	}

	/** Handles whatever the camera read. Verifies the token offline with the cached keys. */
	scanned(text: string): Promise<void> {
		return this.#run((steps) => steps.scanned(text));
	}

	confirmDob(dob: string): Promise<void> {
		return this.#run((steps) => steps.confirmDob(dob));
	}

	lookup(lastName: string, dob: string | null): Promise<void> {
		return this.#run((steps) => steps.lookup(lastName, dob));
	}

	chooseCandidate(record: RosterRecord): Promise<void> {
		return this.#run((steps) => steps.chooseCandidate(record));
	}

	/** "Check in anyway" when early: the queue keeps the appointment time as the place in line. */
	checkInEarly(): Promise<void> {
		return this.#run((steps) => steps.checkInEarly());
	}

	/** Early, and would rather talk to someone: the desk is told. */
	tellDeskEarly(): Promise<void> {
		return this.#run((steps) => steps.tellDeskEarly());
	}

	/** Writes the check-in to the outbox; shows the server's answer if it comes quickly. */
	checkIn(): Promise<void> {
		return this.#run((steps) => steps.checkIn());
	}

	askForHelp(): Promise<void> {
		return this.#run((steps) => steps.askForHelp());
	}

	/** Loads the visit's steps now (Welcome's buttons do); never throws, a later step retries. */
	async prepare(): Promise<void> {
		await this.#steps().catch(() => undefined);
	}

	/** Runs a step at once when the steps are loaded (always, after a tap on Welcome). */
	#run(step: (steps: VisitSteps) => Promise<void> | void): Promise<void> {
		const ready = this.#ready;
		return ready ? Promise.resolve(step(ready)) : this.#steps().then(step);
	}

	/**
	 * The visit's steps, loaded with the first tap on Welcome (in step with the visit's screens)
	 * rather than with the kiosk: the first load stays small (DESIGN §9). The service worker
	 * holds the chunk, so an offline kiosk loads it too; a failed load is tried again next time.
	 */
	#steps(): Promise<VisitSteps> {
		this.#loaded ??= import('./visit-steps').then(
			({ VisitSteps }) =>
				(this.#ready = new VisitSteps(
					this.#state,
					this.db,
					this.roster,
					this.sync,
					this.context,
					this.now
				)),
			(error: unknown) => {
				this.#loaded = null;
				throw error;
			}
		);
		return this.#loaded;
	}

	/** The flow as its steps see it: the screen (told to `onScreen`), the visit, the edits. */
	readonly #state: FlowState = (() => {
		const getScreen = () => this.#screen;
		const setScreen = (screen: Screen) => (this.#screen = screen);
		const getVisit = () => this.#visit;
		const getEdits = () => this.#edits;
		const setEdits = (edits: VisitEdits | null) => (this.#edits = edits);
		return {
			get screen() {
				return getScreen();
			},
			set screen(screen: Screen) {
				setScreen(screen);
			},
			get visit() {
				return getVisit();
			},
			get edits() {
				return getEdits();
			},
			set edits(edits: VisitEdits | null) {
				setEdits(edits);
			}
		};
	})();
}
