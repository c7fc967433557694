/** Whether a patient may check in now for a slot, given the site's window (DESIGN §7). */
export type WindowVerdict = 'open' | 'too-early' | 'too-late';

export function checkInWindow(
	slotAt: number,
	now: number,
	window: { earlyMinutes: number; lateMinutes: number }
): WindowVerdict {
	if (now < slotAt - window.earlyMinutes * 60_000) return 'too-early';
	if (now > slotAt + window.lateMinutes * 60_000) return 'too-late';
	return 'open';
}
