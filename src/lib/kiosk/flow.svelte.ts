import type { Jwks } from '$lib/check-in-token';
import type { HelpReason, OpResult } from '$lib/schemas/sync';
import type { PublicSiteConfig } from '$lib/schemas/site-config';
import type { KioskDb } from './db';
import type { RosterRecord } from './roster-types';
import type { RosterStore } from './roster-store';
import type { SyncEngine } from './sync-engine.svelte';
import { checkInWindow } from './check-in-window';

export const MAX_DOB_FAILURES = 5;

/** The op-id generator, loaded with the first op rather than with the kiosk. */
const newOpId = () => import('./uuidv7').then((module) => module.uuidv7);
/** How long the kiosk waits for the server's answer before showing a provisional ticket. */
const CONFIRM_WAIT_MS = 2500;

export type ScanProblem = 'not-ours' | 'expired' | 'other-site' | 'not-found' | 'camera';
export type LookupProblem = 'none' | 'dob-invalid' | 'last-name' | 'no-roster';

export interface Ticket {
	ticket: string;
	firstName: string;
	providerName: string;
	slotAt: number;
	/** Null while the kiosk could not reach the server: the ticket is provisional. */
	position: number | null;
	waitMin: number | null;
}

export type Screen =
	| { name: 'welcome' }
	| { name: 'scan'; problem: ScanProblem | null; busy: boolean }
	| { name: 'lookup'; problem: LookupProblem | null; busy: boolean }
	| { name: 'initial'; candidates: RosterRecord[] }
	| { name: 'dob'; record: RosterRecord; token: string; failures: number }
	| {
			name: 'summary';
			record: RosterRecord;
			method: 'qr' | 'lookup';
			token: string | null;
			reported: boolean;
	  }
	| { name: 'window'; record: RosterRecord; verdict: 'too-early' | 'too-late' }
	| { name: 'checking-in' }
	| { name: 'ticket'; ticket: Ticket }
	| { name: 'rejected' }
	| { name: 'locked' }
	| { name: 'help' };

export interface KioskContext {
	site: PublicSiteConfig;
	jwks: Jwks;
}

/**
 * One patient's walk through the kiosk. Holds the decrypted record only in memory, and
 * `reset()` drops it: the kiosk forgets everything when a patient walks away.
 */
export class KioskFlow {
	#screen = $state<Screen>({ name: 'welcome' });
	/** Bumped by reset(): async work from an earlier patient's visit must not touch the screen. */
	#visit = 0;

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

	reset(): void {
		this.#visit += 1;
		this.#screen = { name: 'welcome' };
	}

	/** Shows `screen` unless the patient who started this work has since been reset away. */
	#show(visit: number, screen: Screen): void {
		if (visit === this.#visit) this.#screen = screen;
	}

	startScan(): void {
		this.#screen = { name: 'scan', problem: null, busy: false };
	}

	startLookup(): void {
		this.#screen = { name: 'lookup', problem: null, busy: false };
	}

	cameraFailed(): void {
		this.#screen = { name: 'scan', problem: 'camera', busy: false };
	}

	/** Handles whatever the camera read. Verifies the token offline with the cached keys. */
	async scanned(text: string): Promise<void> {
		if (this.#screen.name !== 'scan' || this.#screen.busy) return;
		const visit = this.#visit;
		this.#screen = { name: 'scan', problem: null, busy: true };
		const problem = await this.openToken(text, visit);
		if (problem) this.#show(visit, { name: 'scan', problem, busy: false });
	}

	private async openToken(text: string, visit: number): Promise<ScanProblem | null> {
		// Token checks load on the first scan, not with the kiosk (a small first load).
		const { CheckInTokenError, extractToken, verifyCheckInToken } =
			await import('$lib/check-in-token');
		const token = extractToken(text);
		if (!token) return 'not-ours';
		const { site, jwks } = this.context();
		let claims;
		try {
			claims = await verifyCheckInToken(token, jwks, site.siteId, this.now());
		} catch (error) {
			if (!(error instanceof CheckInTokenError)) throw error;
			if (error.problem === 'expired') return 'expired';
			if (error.problem === 'other-site') return 'other-site';
			return 'not-ours';
		}
		let record = await this.safeOpen(claims.sub, claims.rk);
		if (!record && navigator.onLine) {
			// Booked after our last roster download? One fresh copy, then give up.
			await this.roster.refresh().catch(() => undefined);
			record = await this.safeOpen(claims.sub, claims.rk);
		}
		if (!record) {
			await this.raiseHelp('not-found', claims.sub);
			return 'not-found';
		}
		const attempts = await this.db.dobAttempts.get(record.appointmentId);
		if (attempts?.lockedAt) {
			this.#show(visit, { name: 'locked' });
			return null;
		}
		this.#show(visit, { name: 'dob', record, token, failures: attempts?.failures ?? 0 });
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

	async confirmDob(dob: string): Promise<void> {
		const screen = this.#screen;
		if (screen.name !== 'dob') return;
		const visit = this.#visit;
		if (dob === screen.record.patient.dob) {
			await this.db.dobAttempts.delete(screen.record.appointmentId);
			if (visit === this.#visit) await this.toSummary(screen.record, 'qr', screen.token);
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
		if (locked) {
			await this.raiseHelp('dob-locked', screen.record.appointmentId);
			this.#show(visit, { name: 'locked' });
		} else {
			this.#show(visit, { ...screen, failures });
		}
	}

	async lookup(lastName: string, dob: string | null): Promise<void> {
		if (this.#screen.name !== 'lookup') return;
		const visit = this.#visit;
		if (!lastName.trim())
			return this.#show(visit, { name: 'lookup', problem: 'last-name', busy: false });
		if (!dob) return this.#show(visit, { name: 'lookup', problem: 'dob-invalid', busy: false });
		this.#screen = { name: 'lookup', problem: null, busy: true };
		const { normalizeDob } = await import('./roster-crypto');
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
		const found = (await this.roster.lookup(lastName, dob)).filter((r) => r.status !== 'cancelled');
		if (visit !== this.#visit) return;
		if (found.length === 0) this.#screen = { name: 'lookup', problem: 'none', busy: false };
		else if (found.length === 1) await this.toSummary(found[0], 'lookup', null);
		else this.#screen = { name: 'initial', candidates: found };
	}

	async chooseCandidate(record: RosterRecord): Promise<void> {
		if (this.#screen.name === 'initial') await this.toSummary(record, 'lookup', null);
	}

	/** Shows the details to confirm, or why check-in is not open; a late patient brings staff. */
	private async toSummary(record: RosterRecord, method: 'qr' | 'lookup', token: string | null) {
		const verdict = checkInWindow(record.slotAt, this.now(), this.context().site.checkInWindow);
		if (verdict === 'open') {
			this.#screen = { name: 'summary', record, method, token, reported: false };
			return;
		}
		this.#screen = { name: 'window', record, verdict };
		if (verdict === 'too-late') await this.raiseHelp('too-late', record.appointmentId);
	}

	async reportWrongDetails(): Promise<void> {
		const screen = this.#screen;
		if (screen.name !== 'summary' || screen.reported) return;
		this.#screen = { ...screen, reported: true };
		await this.raiseHelp('details-wrong', screen.record.appointmentId);
	}

	/** Writes the check-in to the outbox; shows the server's answer if it comes quickly. */
	async checkIn(): Promise<void> {
		const screen = this.#screen;
		if (screen.name !== 'summary') return;
		this.#screen = { name: 'checking-in' };
		const { record } = screen;
		const at = this.now();
		const id = (await newOpId())(at);
		const answer = this.sync.waitFor(id, CONFIRM_WAIT_MS);
		await this.sync.enqueue({
			id,
			type: 'checkin',
			createdAt: at,
			payload: {
				appointmentId: record.appointmentId,
				method: screen.method,
				...(screen.token ? { token: screen.token } : {}),
				arrivedAt: at
			}
		});
		const result: OpResult | null = await answer;
		if (this.#screen.name !== 'checking-in') return;
		if (result?.outcome === 'rejected') {
			await this.raiseHelp('cannot-check-in', record.appointmentId);
			this.#screen = { name: 'rejected' };
			return;
		}
		this.#screen = {
			name: 'ticket',
			ticket: {
				ticket: result?.ticket ?? record.ticket,
				firstName: record.patient.firstName,
				providerName: record.providerName,
				slotAt: record.slotAt,
				position: result?.position ?? null,
				waitMin: result?.waitMin ?? null
			}
		};
	}

	async askForHelp(): Promise<void> {
		const screen = this.#screen;
		const appointmentId = 'record' in screen ? screen.record.appointmentId : null;
		this.#screen = { name: 'help' };
		await this.raiseHelp('asked', appointmentId);
	}

	private async raiseHelp(reason: HelpReason, appointmentId: string | null): Promise<void> {
		const at = this.now();
		await this.sync.enqueue({
			id: (await newOpId())(at),
			type: 'help',
			createdAt: at,
			payload: { reason, appointmentId, at }
		});
	}
}
