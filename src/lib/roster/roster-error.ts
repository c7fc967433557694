/** Why a roster entry could not be opened; the kiosk shows each differently. */
export type RosterErrorCode = 'bad-key' | 'tampered' | 'malformed';

/**
 * - `bad-key`: the key given cannot be used, or does not open the envelope. AES-GCM cannot tell
 *   a wrong key from a changed or moved envelope, so a caller that knows the key is right
 *   (e.g. from a verified token) may treat this as tampering.
 * - `tampered`: the key is known to be right (the lookup tag matched) yet the envelope fails to
 *   authenticate, or an authentic record names a different appointment than its row.
 * - `malformed`: an input is not in the expected format (base64url, lengths, record shape).
 */
export class RosterError extends Error {
	readonly code: RosterErrorCode;

	constructor(code: RosterErrorCode, message: string) {
		super(message);
		this.name = 'RosterError';
		this.code = code;
	}
}
