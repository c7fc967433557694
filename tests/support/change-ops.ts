// Test-only: a patient's edits and card photos as a kiosk writes them (src/lib/kiosk/visit-ops.ts,
// `changes`): sealed on this side with the production `VisitSealer` to the server's intake key
// from the kiosk's bootstrap, one `changes` op then one `card-photo` op per side.
import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { VisitSealer, sealLabel } from '$lib/intake/seal';
import type { CardSide, ChangeProposal } from '$lib/intake/fields';
import type { SyncOp } from '$lib/schemas/sync';

/** RFC 9562 UUIDv7, as the kiosk's op ids are. */
export function opId(at = Date.now()): string {
	const bytes = randomBytes(16);
	bytes.writeUIntBE(at, 0, 6);
	bytes[6] = 0x70 | (bytes[6] & 0x0f);
	bytes[8] = 0x80 | (bytes[8] & 0x3f);
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface CardPhoto {
	side: CardSide;
	bytes: Uint8Array<ArrayBuffer>;
}

export interface SealedChange {
	/** The change request's id: the `changes` op's id. */
	changeId: string;
	changes: SyncOp;
	photos: SyncOp[];
	all: SyncOp[];
}

export async function sealChange(
	appointmentId: string,
	intakeKey: JWK,
	proposal: Omit<ChangeProposal, 'photos'>,
	photos: CardPhoto[] = []
): Promise<SealedChange> {
	const sealer = await VisitSealer.create(intakeKey);
	const at = Date.now();
	const changeId = opId(at);
	const changes: SyncOp = {
		id: changeId,
		type: 'changes',
		createdAt: at,
		payload: {
			appointmentId,
			sealed: await sealer.sealJson(
				{ ...proposal, photos: photos.map((photo) => photo.side) },
				sealLabel('changes', appointmentId)
			),
			at
		}
	};
	const photoOps: SyncOp[] = [];
	for (const photo of photos) {
		photoOps.push({
			id: opId(),
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
	return { changeId, changes, photos: photoOps, all: [changes, ...photoOps] };
}
