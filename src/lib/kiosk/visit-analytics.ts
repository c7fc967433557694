import type { Language } from '$lib/i18n';
import type { Method, Screen } from './screens';
import type { StepRecorder, VisitEnd } from './step-recorder';
import type { SyncEngine } from './sync-engine.svelte';

type Entry =
	| { kind: 'saw'; screen: Screen; at: number }
	| { kind: 'end'; why: VisitEnd; at: number; language: Language };

/**
 * Step analytics and the feedback question, as the kiosk sees them: fed every screen the flow
 * shows and told when a visit ends, it writes one `visit-steps` op per visit to the outbox. The
 * recorder and the op builders load with the first visit, not with the kiosk (DESIGN §9): what
 * happens before they arrive is queued and replayed in order, with the times it happened.
 * Analytics never gets in a patient's way: a failure to record is dropped, not shown.
 */
export class VisitAnalytics {
	#recorder: StepRecorder | null = null;
	#queue: Entry[] = [];
	#loading: Promise<void> | null = null;

	constructor(
		private readonly sync: Pick<SyncEngine, 'enqueue'>,
		private readonly now: () => number = () => Date.now()
	) {}

	saw(screen: Screen): void {
		this.#push({ kind: 'saw', screen, at: this.now() });
	}

	/** The visit is over (`KioskApp.resetForNextPatient`): call before the flow resets. */
	end(why: VisitEnd, language: Language): void {
		this.#push({ kind: 'end', why, at: this.now(), language });
	}

	/** Resolves once everything told so far is recorded and written to the outbox (tests). */
	async settled(): Promise<void> {
		await this.#loading;
		await this.#writes;
	}

	/** The patient's answer to the question after the ticket, for the visit on screen. */
	feedback(score: number, language: Language): void {
		const method: Method | null = this.#recorder?.method ?? null;
		// Only a visit that reached its ticket is asked, and every such visit knows its method.
		if (!method) return;
		const at = this.now();
		this.#write(async () => {
			const [{ feedbackOp }, { hourSlot }] = await Promise.all([
				import('./anonymous-ops'),
				import('./step-recorder')
			]);
			return feedbackOp({ score, language, method, slot: hourSlot(at) });
		});
	}

	#writes: Promise<void> = Promise.resolve();

	#write(build: () => Promise<{ op: Parameters<SyncEngine['enqueue']>[0]; notBefore: number }>) {
		this.#writes = this.#writes
			.then(async () => {
				const { op, notBefore } = await build();
				await this.sync.enqueue(op, { notBefore });
			})
			.catch(() => {
				// Analytics must never disturb a visit; a lost record is a gap in a count, no more.
			});
	}

	#push(entry: Entry) {
		if (this.#recorder) return this.#apply(this.#recorder, entry);
		// Nobody at the kiosk yet: nothing to load for.
		if (this.#queue.length === 0 && entry.kind === 'saw' && entry.screen.name === 'welcome') return;
		this.#queue.push(entry);
		this.#loading ??= import('./step-recorder')
			.then(({ StepRecorder }) => {
				const recorder = new StepRecorder();
				this.#recorder = recorder;
				for (const queued of this.#queue.splice(0)) this.#apply(recorder, queued);
			})
			.catch(() => {
				// Offline before the chunk was cached: this visit goes unrecorded, the next one tries.
				this.#queue = [];
				this.#loading = null;
			});
	}

	#apply(recorder: StepRecorder, entry: Entry) {
		if (entry.kind === 'saw') return recorder.saw(entry.screen, entry.at);
		const visit = recorder.end(entry.why, entry.at, entry.language);
		if (visit)
			this.#write(async () => (await import('./anonymous-ops')).visitStepsOp(visit, entry.at));
	}
}
