import type { JWK } from 'jose';
import { expect } from 'vitest';
import type { SyncOp } from '$lib/schemas/sync';
import type { CardSide, ChangeProposal } from '$lib/intake/fields';
import { VisitSealer, sealLabel } from '$lib/intake/seal';
import { uuidv7, type Client } from './clients';

/** The key a paired kiosk seals patients' edits to, as its bootstrap hands it out. */
export async function intakeKey(kiosk: Client): Promise<JWK> {
	const bootstrap = await kiosk.expectJson<{ intakeKey: JWK }>('GET', '/api/kiosk/bootstrap', 200);
	expect(bootstrap.intakeKey).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'enc' });
	expect(bootstrap.intakeKey).not.toHaveProperty('d');
	return bootstrap.intakeKey;
}

/**
 * The ops a kiosk writes for one visit's edits, sealed as the kiosk seals them
 * (src/lib/kiosk/visit-ops.ts): the `changes` op, then one `card-photo` op per photo.
 */
export async function changeOps(
	key: JWK,
	appointmentId: string,
	proposal: Omit<ChangeProposal, 'photos'>,
	photos: { side: CardSide; bytes: Uint8Array<ArrayBuffer> }[] = []
): Promise<{ changeId: string; ops: SyncOp[] }> {
	const sealer = await VisitSealer.create(key);
	const at = Date.now();
	const changeId = uuidv7(at);
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
			id: uuidv7(at + ops.length),
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
	return { changeId, ops };
}

/**
 * `bytes` bytes framed as a JPEG (start and end markers): the server checks the type by its
 * signature and never decodes the picture, so filler between them does.
 */
export function jpegOf(bytes: number): Uint8Array<ArrayBuffer> {
	const data = new Uint8Array(bytes);
	data.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
	for (let i = 11; i < bytes - 2; i++) data[i] = (i * 31) & 0x7f;
	data.set([0xff, 0xd9], bytes - 2);
	return data;
}
