import { ANALYTICS_SLOT_MS, type VisitStepsPayload } from '$lib/schemas/sync';
import type { Language } from '$lib/i18n';
import type { Method, Screen } from './screens';

/** How a visit ended, as `KioskApp.resetForNextPatient` is told. */
export type VisitEnd = 'done' | 'cancel' | 'idle' | 'error';

/** The scan problems that mean a code was read and did not open a visit (not a camera fault). */
const FAILED_READ = new Set(['not-ours', 'expired', 'other-site', 'not-found']);

/** The start of the hour `at` falls in: all an anonymous op may say about when (sync.ts). */
export function hourSlot(at: number): number {
	return at - (at % ANALYTICS_SLOT_MS);
}

/**
 * How one patient's visit went through the kiosk's screens (issue 10, step analytics): fed every
 * screen the flow shows, with the time, and asked for the record when the kiosk resets. It keeps
 * screen names, durations and counts only: never a name, an appointment, a ticket or a time finer
 * than the hour. A visit starts when the patient leaves Welcome; the time before that is nobody's.
 */
export class StepRecorder {
	#steps: { screen: Screen['name']; ms: number }[] = [];
	#current: { screen: Screen['name']; since: number } | null = null;
	#startedAt: number | null = null;
	#method: Method | null = null;
	#scanned = false;
	#fellBack = false;
	#scanAttempts = 0;
	#help: Screen['name'][] = [];
	#ticket = false;
	#scanBusy = false;

	/** How the patient was found so far (the feedback op says it too); null before that. */
	get method(): Method | null {
		return this.#method;
	}

	/** The flow showed `screen` at `at` (ms). The same screen again only updates what it says. */
	saw(screen: Screen, at: number): void {
		const name = screen.name;
		if (name === 'welcome') {
			// Back at Welcome without `end()` (the kiosk was unpaired): that visit is not counted.
			this.#clear();
			return;
		}
		if (this.#current === null) this.#startedAt = at;
		if (this.#current?.screen !== name) {
			if (name === 'help' && this.#current) this.#help.push(this.#current.screen);
			this.#close(at);
			this.#current = { screen: name, since: at };
		}
		if (name === 'scan') {
			this.#scanned = true;
			// A failed read is the answer to a busy check: one attempt, however long it stays shown.
			if (screen.busy) this.#scanBusy = true;
			else if (this.#scanBusy && screen.problem && FAILED_READ.has(screen.problem)) {
				this.#scanAttempts += 1;
				this.#scanBusy = false;
			}
		} else this.#scanBusy = false;
		if (name === 'lookup' && this.#scanned) this.#fellBack = true;
		if (name === 'dob') this.#method = 'qr';
		if ('method' in screen) this.#method = screen.method;
		if (name === 'ticket') this.#ticket = true;
	}

	/**
	 * The visit is over: its record, or null when the patient never left Welcome. The recorder is
	 * empty afterwards, ready for the next patient.
	 */
	end(why: VisitEnd, at: number, language: Language): VisitStepsPayload | null {
		if (this.#current === null || this.#startedAt === null) return null;
		const endedOn = this.#current.screen;
		this.#close(at);
		const payload: VisitStepsPayload = {
			slot: hourSlot(this.#startedAt),
			language,
			method: this.#method,
			outcome: outcome(why, this.#ticket),
			endedOn,
			steps: this.#steps.slice(0, 100),
			scanAttempts: Math.min(this.#scanAttempts, 1000),
			fellBackToLookup: this.#fellBack,
			help: this.#help.slice(0, 50)
		};
		this.#clear();
		return payload;
	}

	#close(at: number) {
		const current = this.#current;
		if (!current) return;
		// A clock set back mid-visit must not make a negative time; a day is the schema's cap.
		const ms = Math.min(Math.max(0, Math.round(at - current.since)), 24 * 3_600_000);
		const last = this.#steps.at(-1);
		if (last?.screen === current.screen) last.ms += ms;
		else this.#steps.push({ screen: current.screen, ms });
		this.#current = null;
	}

	#clear() {
		this.#steps = [];
		this.#current = null;
		this.#startedAt = null;
		this.#method = null;
		this.#scanned = false;
		this.#fellBack = false;
		this.#scanAttempts = 0;
		this.#help = [];
		this.#ticket = false;
		this.#scanBusy = false;
	}
}

/**
 * A patient who reached the ticket checked in, however the screen then went (its own timer, the
 * Done button, the idle guard). Otherwise: the idle timer abandoned it, the patient reset it
 * (back, start over, or Done on a notice such as "already checked in"), or the kiosk recovered.
 */
function outcome(why: VisitEnd, ticket: boolean): VisitStepsPayload['outcome'] {
	if (why === 'error') return 'error';
	if (ticket) return 'checked-in';
	return why === 'idle' ? 'abandoned' : 'reset';
}
