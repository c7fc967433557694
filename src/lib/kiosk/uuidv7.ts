/**
 * UUIDv7 op ids: time-ordered, so the outbox's primary key is also its send order, and unique
 * across tablets without coordination. Within one millisecond a counter keeps them increasing.
 */
let lastMs = 0;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	if (now <= lastMs) {
		counter = (counter + 1) & 0xfff;
		if (counter === 0) lastMs += 1;
		now = lastMs;
	} else {
		lastMs = now;
		counter = bytes[6] & 0x0f;
	}
	bytes[6] = (counter >> 8) & 0x0f;
	bytes[7] = counter & 0xff;
	return format(bytes, now);
}

/**
 * A UUIDv7 for exactly `ms`, the rest random: for anonymous ops, whose id must say their hour and
 * nothing finer. `uuidv7` would not do: after a later op its counter carries that op's time.
 */
export function uuidv7At(ms: number): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return format(bytes, ms);
}

function format(bytes: Uint8Array, now: number): string {
	const ms = BigInt(now);
	for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
	bytes[6] = 0x70 | (bytes[6] & 0x0f);
	bytes[8] = 0x80 | (bytes[8] & 0x3f);
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
