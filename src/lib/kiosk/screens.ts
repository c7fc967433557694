import type { RosterRecord } from '$lib/roster/roster-types';
import type { AlreadyIn } from './next-step';

/**
 * Everything the kiosk can show a patient, one member per screen with what that screen needs.
 * `KioskFlow` (flow.svelte.ts) moves between them; the screens (src/routes/kiosk/) draw them.
 */
export type ScanProblem = 'not-ours' | 'expired' | 'other-site' | 'not-found' | 'camera';
export type LookupProblem = 'none' | 'dob-invalid' | 'last-name' | 'no-roster';

export interface Ticket {
	ticket: string;
	firstName: string;
	providerName: string;
	slotAt: number;
	/** Null while the kiosk could not reach the server: the ticket is provisional. */
	position: number | null;
	waitMin: number | null;
	/** Arrived after the check-in window: checked in all the same, and reception sees a flag. */
	late: boolean;
}

/** How the patient was found: their letter's code, or name and birth date. */
export type Method = 'qr' | 'lookup';

export type Screen =
	| { name: 'welcome' }
	| { name: 'scan'; problem: ScanProblem | null; busy: boolean }
	| { name: 'lookup'; problem: LookupProblem | null; busy: boolean }
	| { name: 'initial'; candidates: RosterRecord[] }
	| { name: 'dob'; record: RosterRecord; token: string; failures: number }
	| {
			name: 'summary';
			record: RosterRecord;
			method: Method;
			token: string | null;
			reported: boolean;
			late: boolean;
	  }
	| { name: 'too-early'; record: RosterRecord; method: Method; token: string | null }
	| { name: 'already'; where: AlreadyIn }
	| { name: 'closed'; record: RosterRecord; why: 'completed' | 'cancelled' }
	| { name: 'checking-in' }
	| { name: 'ticket'; ticket: Ticket }
	| { name: 'rejected' }
	| { name: 'locked' }
	| { name: 'help' };
