/**
 * A ticket is the provider's letter and the appointment's number in that provider's day
 * (`A-017`). Both are fixed when the appointment is booked, so an offline kiosk prints the same
 * ticket the desk sees later (docs/decisions.md, "Tickets are known before the server answers").
 */
export function ticketCode(prefix: string, seq: number): string {
	return `${prefix}-${String(seq).padStart(3, '0')}`;
}
