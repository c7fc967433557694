/** Shared by the kiosk's first load and the server, without pulling in the schemas themselves. */
export const MAX_OPS_PER_BATCH = 200;
/** Wrong birth dates that lock an appointment's check-in, on every kiosk (DESIGN §4). */
export const MAX_DOB_FAILURES = 5;
