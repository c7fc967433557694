import { compactDecrypt, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_ALG, VisitSealer, openSealed, sealLabel } from './seal';

describe('VisitSealer', () => {
	let privateKey: CryptoKey;
	let publicJwk: Awaited<ReturnType<typeof exportJWK>>;
	const unwrap = async (wrapped: string) =>
		new Uint8Array((await compactDecrypt(wrapped, privateKey)).plaintext);

	beforeAll(async () => {
		const pair = await generateKeyPair(INTAKE_ALG, { crv: 'P-256', extractable: true });
		privateKey = pair.privateKey as CryptoKey;
		publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'i1' };
	});

	it('seals what only the holder of the intake key opens', async () => {
		const sealer = await VisitSealer.create(publicJwk);
		const label = sealLabel('changes', 'A1');
		const sealed = await sealer.sealJson({ phone: '(212) 555-0199' }, label);
		expect(JSON.stringify(sealed)).not.toContain('555');
		const plain = await openSealed(sealed, label, unwrap);
		expect(JSON.parse(new TextDecoder().decode(plain))).toEqual({ phone: '(212) 555-0199' });
	});

	it('uses one key per visit: two visits never share it, one visit’s ops do', async () => {
		const label = sealLabel('changes', 'A1');
		const one = await VisitSealer.create(publicJwk);
		const two = await VisitSealer.create(publicJwk);
		const [a, b, c] = await Promise.all([
			one.sealJson(1, label),
			one.sealJson(2, label),
			two.sealJson(1, label)
		]);
		expect(a.k).toBe(b.k);
		expect(a.iv).not.toBe(b.iv);
		expect(Buffer.from(await unwrap(a.k))).not.toEqual(Buffer.from(await unwrap(c.k)));
	});

	it('will not open under another op’s label (a photo moved to another side or visit)', async () => {
		const sealer = await VisitSealer.create(publicJwk);
		const sealed = await sealer.seal(new Uint8Array([1, 2, 3]), sealLabel('card-back', 'A1'));
		await expect(openSealed(sealed, sealLabel('card-front', 'A1'), unwrap)).rejects.toThrow();
		await expect(openSealed(sealed, sealLabel('card-back', 'A2'), unwrap)).rejects.toThrow();
		expect([...(await openSealed(sealed, sealLabel('card-back', 'A1'), unwrap))]).toEqual([
			1, 2, 3
		]);
	});
});
