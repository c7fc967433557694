import type { JWK } from 'jose';
import { expect } from 'vitest';
import type { SyncOp } from '$lib/schemas/sync';
import type { ChangeProposal } from '$lib/intake/fields';
import { sealChange, type CardPhoto } from '../../support/change-ops';
import type { Client } from './clients';

/** The key a paired kiosk seals patients' edits to, as its bootstrap hands it out. */
export async function intakeKey(kiosk: Client): Promise<JWK> {
	const bootstrap = await kiosk.expectJson<{ intakeKey: JWK }>('GET', '/api/kiosk/bootstrap', 200);
	expect(bootstrap.intakeKey).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'enc' });
	expect(bootstrap.intakeKey).not.toHaveProperty('d');
	return bootstrap.intakeKey;
}

/** The ops a kiosk writes for one visit's edits (tests/support/change-ops.ts), in send order. */
export async function changeOps(
	key: JWK,
	appointmentId: string,
	proposal: Omit<ChangeProposal, 'photos'>,
	photos: CardPhoto[] = []
): Promise<{ changeId: string; ops: SyncOp[] }> {
	const sealed = await sealChange(appointmentId, key, proposal, photos);
	return { changeId: sealed.changeId, ops: sealed.all };
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
