/** Shared by the kiosk's first load and the server, without pulling in the schemas themselves. */
export const MAX_OPS_PER_BATCH = 200;
/** Wrong birth dates that lock an appointment's check-in, on every kiosk (DESIGN §4). */
export const MAX_DOB_FAILURES = 5;
/**
 * A sealed card photo: a 300 KB image is about 410,000 base64url characters; the room above that
 * lets a too-big photo arrive and be refused with its own reason rather than as a bad request.
 */
export const MAX_SEALED_PHOTO_CHARS = 1_400_000;
/** `POST /api/kiosk/sync` bodies: one sealed photo at its largest, or many small ops. */
export const MAX_SYNC_BODY_BYTES = 1_536 * 1024;
/** The kiosk sends ops in batches of at most this many bytes (one op alone may be bigger). */
export const SYNC_BATCH_BYTES = 512 * 1024;
