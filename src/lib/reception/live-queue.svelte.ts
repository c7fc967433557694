import { applyEvent, type StaleList } from '$lib/queue/reducer';
import type { QueueSnapshot } from '$lib/queue/types';
import type { QueueEvent } from '$lib/queue/events';
import { ReceptionStream } from '$lib/reception/reception-stream.svelte';
import type { QueueCommand } from '$lib/schemas/staff';

/** `reason`: the server's refusal code (a `StaffRefusal`, or the HTTP status); null: no answer. */
export type CommandOutcome = { ok: true } | { ok: false; reason: string | null };

interface LiveQueueOptions {
	/** A help request or a device changed: reload that list. */
	onStale: (list: StaleList) => void;
	/** The session ended (401): send the user to the sign-in page. */
	onSignedOut: () => void;
}

/**
 * The desk's live queue: the server-rendered snapshot, kept current by the event stream.
 * Snapshots are immutable, so `$state.raw` and whole-object replacement are enough.
 */
export class LiveQueue {
	#snapshot = $state.raw<QueueSnapshot>() as QueueSnapshot;
	#refetching = false;
	readonly #options: LiveQueueOptions;
	readonly stream: ReceptionStream;

	constructor(initial: QueueSnapshot, options: LiveQueueOptions) {
		this.#snapshot = initial;
		this.#options = options;
		this.stream = new ReceptionStream(initial.lastEventId, {
			onSnapshot: (snapshot) => {
				this.#snapshot = snapshot;
			},
			onEvent: (event) => this.#receive(event),
			onRefused: () => void this.refetch()
		});
	}

	get snapshot(): QueueSnapshot {
		return this.#snapshot;
	}

	/**
	 * A snapshot from a page reload (after `invalidate`). Taken only if it includes at least every
	 * event already applied here: an older one would undo a call the desk has just seen.
	 */
	adopt(snapshot: QueueSnapshot): void {
		if (snapshot !== this.#snapshot && snapshot.lastEventId >= this.#snapshot.lastEventId) {
			this.#snapshot = snapshot;
		}
	}

	/** Fetches a fresh snapshot, which replaces the current one wholesale. */
	async refetch(): Promise<void> {
		if (this.#refetching) return;
		this.#refetching = true;
		try {
			const response = await fetch('/api/queue/snapshot?audience=reception', {
				headers: { accept: 'application/json' }
			});
			if (response.status === 401) this.#options.onSignedOut();
			else if (response.ok) this.#snapshot = (await response.json()) as QueueSnapshot;
		} catch {
			// Offline: keep showing what we have; the stream's reconnect will try again.
		} finally {
			this.#refetching = false;
		}
	}

	/** Sends a queue command. The change itself arrives as an event, like everyone else's. */
	async command(command: QueueCommand, entryId: string, roomId?: string): Promise<CommandOutcome> {
		let response: Response;
		try {
			response = await fetch('/api/staff/queue', {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ command, entryId, roomId: roomId ?? null })
			});
		} catch {
			return { ok: false, reason: null };
		}
		if (response.status === 401) {
			this.#options.onSignedOut();
			return { ok: false, reason: null };
		}
		if (!response.ok) {
			const body = (await response.json().catch(() => null)) as { code?: string } | null;
			return { ok: false, reason: body?.code ?? String(response.status) };
		}
		// Without a live stream the event would not come: fetch the result instead.
		if (this.stream.status !== 'live') await this.refetch();
		return { ok: true };
	}

	#receive(event: QueueEvent): void {
		const result = applyEvent(this.#snapshot, event);
		this.#snapshot = result.snapshot;
		if (result.needsRefetch) void this.refetch();
		if (result.staleList) this.#options.onStale(result.staleList);
	}
}
