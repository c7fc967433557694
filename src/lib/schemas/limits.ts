/** Shared by the kiosk's first load and the server, without pulling in the schemas themselves. */
export const MAX_OPS_PER_BATCH = 200;
