/** A check-in signing key as /admin/keys and `npm run keys` show it (never its private half). */
export interface SigningKeyView {
	kid: string;
	createdAt: number;
	/** When a newer key took over; null for the active key. */
	rotatedOutAt: number | null;
	/** The latest expiry of a letter it signed (ms); null if it never signed one. */
	verifiesUntil: number | null;
	/** `verifying`: rotated out, kiosks still accept its letters; `retired`: none is left. */
	state: 'active' | 'verifying' | 'retired';
}
