import type { OpResult } from '$lib/schemas/sync';
import type { KioskDb } from './db';
import type { RosterRecord } from '$lib/roster/roster-types';
import type { RosterStore } from './roster-store';
import type { SyncEngine } from './sync-engine.svelte';
import { MAX_DOB_FAILURES } from '$lib/schemas/limits';
import type { Method, ScanProblem, Screen } from './screens';
import { VisitOps } from './visit-ops';
import type { FlowState, KioskContext } from './flow-types';

/**
 * The patient's steps through a visit, from the code read or the name looked up to the ticket:
 * what `KioskFlow` does once somebody tapped Welcome. Loaded with the visit's screens, not with
 * the kiosk (DESIGN §9); the flow hands over only its screen, its visit count and the edits.
 */
export class VisitSteps {
	readonly #ops: VisitOps;

	constructor(
		private readonly flow: FlowState,
		private readonly db: KioskDb,
		private readonly roster: RosterStore,
		sync: SyncEngine,
		private readonly context: () => KioskContext,
		private readonly now: () => number
	) {
		this.#ops = new VisitOps(sync, now);
	}

	/** Shows `screen` unless the patient who started this work has since been reset away. */
	#show(visit: number, screen: Screen): void {
		if (visit === this.flow.visit) this.flow.screen = screen;
	}

	/** Handles whatever the camera read. Verifies the token offline with the cached keys. */
	async scanned(text: string): Promise<void> {
		if (this.flow.screen.name !== 'scan' || this.flow.screen.busy) return;
		const visit = this.flow.visit;
		this.flow.screen = { name: 'scan', problem: null, busy: true };
		const problem = await this.openToken(text, visit);
		if (problem) this.#show(visit, { name: 'scan', problem, busy: false });
	}

	private async openToken(text: string, visit: number): Promise<ScanProblem | null> {
		const { readToken } = await import('./read-token');
		const { site } = this.context();
		const read = await readToken(
			text,
			() => this.context().jwks,
			site.siteId,
			this.now(),
			(id, key) => this.safeOpen(id, key),
			() => this.roster.refresh()
		);
		if (!read.ok) {
			if (read.problem === 'not-found')
				await this.#ops.raiseHelp('not-found', read.appointmentId ?? null);
			return read.problem;
		}
		const failures = await this.failuresFor(read.record);
		if (failures >= MAX_DOB_FAILURES) {
			this.#show(visit, { name: 'locked' });
			return null;
		}
		this.#show(visit, { name: 'dob', record: read.record, token: read.token, failures });
		return null;
	}

	private async safeOpen(appointmentId: string, rosterKey: string): Promise<RosterRecord | null> {
		try {
			return await this.roster.openWithKey(appointmentId, rosterKey);
		} catch {
			// A row that does not open with the token's key is as good as absent.
			return null;
		}
	}

	/** Wrong birth dates so far on this kiosk or, as of the last roster, on any kiosk. */
	private async failuresFor(record: RosterRecord): Promise<number> {
		const local = await this.db.dobAttempts.get(record.appointmentId);
		return Math.max(local?.failures ?? 0, record.dobFailures ?? 0);
	}

	async confirmDob(dob: string): Promise<void> {
		const screen = this.flow.screen;
		if (screen.name !== 'dob') return;
		const visit = this.flow.visit;
		if (dob === screen.record.patient.dob) {
			// The count is kept: the server's count only ever goes up, and the lock is its to lift.
			if (visit === this.flow.visit) await this.toNextStep(screen.record, 'qr', screen.token);
			return;
		}
		const failures = screen.failures + 1;
		const locked = failures >= MAX_DOB_FAILURES;
		await this.db.dobAttempts.put({
			appointmentId: screen.record.appointmentId,
			failures,
			lockedAt: locked ? this.now() : null,
			siteDay: screen.record.siteDay
		});
		// The server counts across kiosks and tells the desk at the fifth (DESIGN §4).
		const { answer } = await this.#ops.dobFailed(screen.record.appointmentId);
		if (locked) return this.#show(visit, { name: 'locked' });
		this.#show(visit, { ...screen, failures });
		// Other kiosks' wrong dates count too: the server's answer may lock this one sooner.
		void answer.then((result) => {
			const current = this.flow.screen;
			if (visit !== this.flow.visit || current.name !== 'dob') return;
			const total = result?.dobFailures ?? 0;
			if (total >= MAX_DOB_FAILURES) this.flow.screen = { name: 'locked' };
			else if (total > current.failures) this.flow.screen = { ...current, failures: total };
		});
	}

	async lookup(lastName: string, dob: string | null): Promise<void> {
		if (this.flow.screen.name !== 'lookup') return;
		const visit = this.flow.visit;
		if (!lastName.trim())
			return this.#show(visit, { name: 'lookup', problem: 'last-name', busy: false });
		if (!dob) return this.#show(visit, { name: 'lookup', problem: 'dob-invalid', busy: false });
		this.flow.screen = { name: 'lookup', problem: null, busy: true };
		const { normalizeDob } = await import('$lib/roster/normalize');
		try {
			normalizeDob(dob);
		} catch {
			return this.#show(visit, { name: 'lookup', problem: 'dob-invalid', busy: false });
		}
		if (!(await this.roster.info())) {
			await this.roster.refresh().catch(() => undefined);
			if (!(await this.roster.info())) {
				this.#show(visit, { name: 'lookup', problem: 'no-roster', busy: false });
				return;
			}
		}
		const found = await this.roster.lookup(lastName, dob);
		if (visit !== this.flow.visit) return;
		if (found.length === 0) this.flow.screen = { name: 'lookup', problem: 'none', busy: false };
		else if (found.length === 1) await this.toNextStep(found[0], 'lookup', null);
		else this.flow.screen = { name: 'initial', candidates: found };
	}

	async chooseCandidate(record: RosterRecord): Promise<void> {
		if (this.flow.screen.name === 'initial') await this.toNextStep(record, 'lookup', null);
	}

	/** Once the patient is known: locked, over, already in line, early, or the details to confirm. */
	private async toNextStep(record: RosterRecord, method: Method, token: string | null) {
		const visit = this.flow.visit;
		const failures = await this.failuresFor(record);
		// What comes next, and the edit state, load with the visit, not with the kiosk (DESIGN §9).
		const [{ nextStep }, { VisitEdits }] = await Promise.all([
			import('./next-step'),
			import('./edits.svelte')
		]);
		const step = nextStep(record, failures, this.now(), this.context().site.checkInWindow);
		if (visit !== this.flow.visit) return;
		if (step.kind !== 'locked') {
			this.flow.edits = new VisitEdits(record);
			this.context().preferLanguage?.(record.patient.preferredLanguage);
		}
		if (step.kind === 'locked') this.flow.screen = { name: 'locked' };
		else if (step.kind === 'closed') this.flow.screen = { name: 'closed', record, why: step.why };
		else if (step.kind === 'already') this.flow.screen = { name: 'already', where: step.where };
		else if (step.kind === 'too-early')
			this.flow.screen = { name: 'too-early', record, method, token };
		else this.flow.screen = { name: 'confirm', record, method, token, late: step.late };
	}

	/** "Check in anyway" when early: the queue keeps the appointment time as the place in line. */
	checkInEarly(): void {
		const screen = this.flow.screen;
		if (screen.name !== 'too-early') return;
		const { record, method, token } = screen;
		this.flow.screen = { name: 'confirm', record, method, token, late: false };
	}

	/** Early, and would rather talk to someone: the desk is told. */
	async tellDeskEarly(): Promise<void> {
		const screen = this.flow.screen;
		if (screen.name !== 'too-early') return;
		this.flow.screen = { name: 'help' };
		await this.#ops.raiseHelp('too-early', screen.record.appointmentId);
	}

	/** Writes the check-in to the outbox; shows the server's answer if it comes quickly. */
	async checkIn(): Promise<void> {
		const screen = this.flow.screen;
		if (screen.name !== 'confirm') return;
		this.flow.screen = { name: 'checking-in' };
		const { record } = screen;
		const changes = this.flow.edits?.takeChanges() ?? null;
		const written = await this.#ops.checkIn(record.appointmentId, screen.method, screen.token);
		// After the check-in op, never before it, and nobody waits: the ticket is not held up.
		if (changes) void changes.send(this.#ops, record.appointmentId, this.context().intakeKey);
		const result: OpResult | null = await written.answer;
		// The server has it: a fresh roster lets this kiosk say "already checked in" next time.
		if (result && result.outcome !== 'rejected') void this.roster.refresh().catch(() => undefined);
		if (this.flow.screen.name !== 'checking-in') return;
		if (result?.outcome === 'rejected' && result.reason === 'dob-locked') {
			// Locked on another kiosk since our roster came: the server already told the desk.
			this.flow.screen = { name: 'locked' };
			return;
		}
		if (result?.outcome === 'rejected') {
			await this.#ops.raiseHelp('cannot-check-in', record.appointmentId);
			this.flow.screen = { name: 'rejected' };
			return;
		}
		if (result?.outcome === 'duplicate' && result.reason === 'already-checked-in') {
			// Checked in earlier (another kiosk, the desk): their ticket and, if called, the room.
			this.flow.screen = {
				name: 'already',
				where: {
					ticket: result.ticket ?? record.ticket,
					status: result.queueStatus ?? 'waiting',
					roomName: result.roomName ?? null
				}
			};
			return;
		}
		this.flow.screen = {
			name: 'ticket',
			ticket: {
				ticket: result?.ticket ?? record.ticket,
				firstName: record.patient.firstName,
				providerName: record.providerName,
				slotAt: record.slotAt,
				position: result?.position ?? null,
				waitMin: result?.waitMin ?? null,
				late: screen.late,
				changesSent: changes !== null
			}
		};
	}

	async askForHelp(): Promise<void> {
		const screen = this.flow.screen;
		const appointmentId = 'record' in screen ? screen.record.appointmentId : null;
		this.flow.screen = { name: 'help' };
		await this.#ops.raiseHelp('asked', appointmentId);
	}
}
