/**
 * What the reception pages receive from their loads (plain data, no database rows). The views
 * the server builds live beside their domain: `$lib/queue/desk-lists`, `$lib/devices/types`.
 */

export interface SiteView {
	name: string;
	timezone: string;
	walkInDurationMin: number;
}

/** What `appointmentLetter` returns (src/lib/server/letters.ts). */
export interface LetterView {
	siteName: string;
	timezone: string;
	startsAt: number;
	providerName: string;
	patientName: string;
	address: string | null;
	checkInUrl: string;
}
