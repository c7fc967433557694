import type { Language } from '$lib/i18n';
import type { SyncOp } from '$lib/schemas/sync';
import type { Screen } from './screens';
import { StepRecorder, hourSlot, type VisitEnd } from './step-recorder';
import type { SyncEngine } from './sync-engine.svelte';

/**
 * Step analytics and the feedback question, as the kiosk sees them: fed every screen the flow
 * shows and told when a visit ends, it writes one `visit-steps` op per visit to the outbox, and a
 * `feedback` op for an answer. Loaded with the first visit, not with the kiosk (`KioskApp`), so
 * every call says when it happened. Analytics never gets in a patient's way: a failure to record
 * is dropped, not shown.
 */
export class VisitAnalytics {
	readonly #recorder = new StepRecorder();
	#writes: Promise<void> = Promise.resolve();

	constructor(private readonly sync: Pick<SyncEngine, 'enqueue'>) {}

	saw(screen: Screen, at: number): void {
		this.#recorder.saw(screen, at);
	}

	/** The visit is over (`KioskApp.resetForNextPatient`): told before the flow resets. */
	end(why: VisitEnd, language: Language, at: number): void {
		const visit = this.#recorder.end(why, at, language);
		if (visit) this.#write(async () => (await import('./anonymous-ops')).visitStepsOp(visit, at));
	}

	/** The patient's answer to the question after the ticket, for the visit on screen. */
	feedback(score: number, language: Language, at: number): void {
		const method = this.#recorder.method;
		// Only a visit that reached its ticket is asked, and every such visit knows its method.
		if (!method) return;
		this.#write(async () =>
			(await import('./anonymous-ops')).feedbackOp({ score, language, method, slot: hourSlot(at) })
		);
	}

	/** Resolves once everything told so far is in the outbox (tests). */
	settled(): Promise<void> {
		return this.#writes;
	}

	#write(build: () => Promise<{ op: SyncOp; notBefore: number }>) {
		this.#writes = this.#writes
			.then(async () => {
				const { op, notBefore } = await build();
				await this.sync.enqueue(op, { notBefore });
			})
			.catch(() => {
				// Analytics must never disturb a visit; a lost record is a gap in a count, no more.
			});
	}
}
