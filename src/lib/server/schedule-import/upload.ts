import { createHash } from 'node:crypto';

/**
 * The admin page's upload: the checked file travels back base64 in the confirm form, and the
 * server's body limit (BODY_SIZE_LIMIT, 2 MB in server.js) must hold it; about 10,000
 * appointments. Larger exports go through `npm run import`.
 */
export const MAX_UPLOAD_BYTES = 1_400_000;

export function fileHash(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}
