import type { JWK } from 'jose';
import type { HelpReason, OpResult, SyncOp } from '$lib/schemas/sync';
import type { CardSide, ChangeProposal } from '$lib/intake/fields';
import type { SyncEngine } from './sync-engine.svelte';
import type { Method } from './screens';

/** The op-id generator, loaded with the first op rather than with the kiosk. */
const newOpId = () => import('./uuidv7').then((module) => module.uuidv7);
/** How long the kiosk waits for the server's answer before showing a provisional ticket. */
const CONFIRM_WAIT_MS = 2500;

/** Written to the outbox; `answer` is the server's, or null when it takes longer than 2.5 s. */
export interface Written {
	answer: Promise<OpResult | null>;
}

/**
 * What a patient's visit writes: every op goes through the outbox, online or not (DESIGN §5), and
 * carries the moment it happened on the tablet. `KioskFlow` decides when; this says what.
 */
export class VisitOps {
	constructor(
		private readonly sync: SyncEngine,
		private readonly now: () => number
	) {}

	checkIn(appointmentId: string, method: Method, token: string | null): Promise<Written> {
		return this.#writeAndWait((id, at) => ({
			id,
			type: 'checkin',
			createdAt: at,
			payload: { appointmentId, method, ...(token ? { token } : {}), arrivedAt: at }
		}));
	}

	/** A wrong birth date: the appointment id only, never the date typed. */
	dobFailed(appointmentId: string): Promise<Written> {
		return this.#writeAndWait((id, at) => ({
			id,
			type: 'dob-failed',
			createdAt: at,
			payload: { appointmentId, at }
		}));
	}

	/** The waiter is registered before the op is written, so a quick answer is never missed. */
	async #writeAndWait(op: (id: string, at: number) => SyncOp): Promise<Written> {
		const at = this.now();
		const id = (await newOpId())(at);
		const answer = this.sync.waitFor(id, CONFIRM_WAIT_MS);
		await this.sync.enqueue(op(id, at));
		return { answer };
	}

	/**
	 * A patient's edits, then each card photo as its own op (so the check-in and the edits are
	 * acknowledged before the photos' bytes go up). All sealed under a key made for this call
	 * alone and dropped when it returns: IndexedDB holds only what the server can open.
	 * Written after the check-in, never instead of it; nobody waits for the answer.
	 */
	async changes(
		appointmentId: string,
		intakeKey: JWK,
		proposal: ChangeProposal,
		photos: { side: CardSide; bytes: Uint8Array<ArrayBuffer> }[]
	): Promise<{ changeId: string }> {
		const { VisitSealer, sealLabel } = await import('$lib/intake/seal');
		const sealer = await VisitSealer.create(intakeKey);
		const makeId = await newOpId();
		const at = this.now();
		const changeId = makeId(at);
		const ops: SyncOp[] = [
			{
				id: changeId,
				type: 'changes',
				createdAt: at,
				payload: {
					appointmentId,
					sealed: await sealer.sealJson(
						{ ...proposal, photos: photos.map((p) => p.side) },
						sealLabel('changes', appointmentId)
					),
					at
				}
			}
		];
		for (const photo of photos) {
			ops.push({
				id: makeId(this.now()),
				type: 'card-photo',
				createdAt: at,
				payload: {
					appointmentId,
					changeId,
					side: photo.side,
					sealed: await sealer.seal(
						photo.bytes,
						sealLabel(photo.side === 'front' ? 'card-front' : 'card-back', appointmentId)
					),
					at
				}
			});
		}
		for (const op of ops) await this.sync.enqueue(op);
		return { changeId };
	}

	/** Tells the desk; nobody waits for the answer (the kiosk already says help is coming). */
	async raiseHelp(reason: HelpReason, appointmentId: string | null): Promise<void> {
		const at = this.now();
		await this.sync.enqueue({
			id: (await newOpId())(at),
			type: 'help',
			createdAt: at,
			payload: { reason, appointmentId, at }
		});
	}
}
