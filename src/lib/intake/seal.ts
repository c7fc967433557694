import { CompactEncrypt, importJWK, type JWK } from 'jose';
import { fromBase64Url, toBase64Url } from '$lib/roster/base64url';

/**
 * A patient's edits and card photos on the tablet (DESIGN §5): AES-256-GCM under a key made for
 * this one visit and held only in memory. The key travels with each op, wrapped for the server
 * (a compact JWE, ECDH-ES+A256KW, to the site's intake key), so an op still syncs after a reload
 * or a day offline, while IndexedDB never holds anything the tablet itself can read back: once
 * the patient walks away, the key is gone.
 */
export interface Sealed {
	/** The visit key, wrapped to the server's intake key (compact JWE). */
	k: string;
	/** base64url, 12 bytes */
	iv: string;
	/** base64url AES-GCM ciphertext and tag */
	ct: string;
}

/** Which op a sealed value belongs to: bound in as additional data, so it cannot be moved. */
export function sealLabel(kind: 'changes' | 'card-front' | 'card-back', appointmentId: string) {
	return new TextEncoder().encode(`${kind}:${appointmentId}`);
}

export const INTAKE_ALG = 'ECDH-ES+A256KW';
export const INTAKE_ENC = 'A256GCM';

export class VisitSealer {
	private constructor(
		private readonly key: CryptoKey,
		private readonly wrapped: string
	) {}

	/** A fresh key for one visit, wrapped once to the server's public intake key. */
	static async create(intakeKey: JWK): Promise<VisitSealer> {
		const raw = crypto.getRandomValues(new Uint8Array(32));
		const wrapped = await new CompactEncrypt(raw)
			.setProtectedHeader({ alg: INTAKE_ALG, enc: INTAKE_ENC, kid: intakeKey.kid })
			.encrypt(await importJWK(intakeKey, INTAKE_ALG));
		// Not extractable: past this line no code on the tablet can read the key out.
		const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
		raw.fill(0);
		return new VisitSealer(key, wrapped);
	}

	async seal(plain: Uint8Array<ArrayBuffer>, label: Uint8Array<ArrayBuffer>): Promise<Sealed> {
		const iv = crypto.getRandomValues(new Uint8Array(12));
		const ct = await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv, additionalData: label },
			this.key,
			plain
		);
		return { k: this.wrapped, iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ct)) };
	}

	sealJson(value: unknown, label: Uint8Array<ArrayBuffer>): Promise<Sealed> {
		return this.seal(new TextEncoder().encode(JSON.stringify(value)), label);
	}
}

/** The server's half: `unwrapKey` opens `k` with the private intake key (src/lib/server). */
export async function openSealed(
	sealed: Sealed,
	label: Uint8Array<ArrayBuffer>,
	unwrapKey: (wrapped: string) => Promise<Uint8Array<ArrayBuffer>>
): Promise<Uint8Array<ArrayBuffer>> {
	const raw = await unwrapKey(sealed.k);
	const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
	const plain = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: fromBase64Url(sealed.iv), additionalData: label },
		key,
		fromBase64Url(sealed.ct)
	);
	return new Uint8Array(plain);
}
