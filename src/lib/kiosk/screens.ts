import type { RosterRecord } from '$lib/roster/roster-types';
import type { CardSide } from '$lib/intake/fields';
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
	/** The patient changed details or insurance: the ticket says the desk will check them. */
	changesSent?: boolean;
}

/** How the patient was found: their letter's code, or name and birth date. */
export type Method = 'qr' | 'lookup';

/**
 * A patient who proved who they are, on the confirmation screen or one of its edit screens
 * (contact details, insurance, a card photo). What they typed is in `VisitEdits`
 * (edits.svelte.ts), held by the flow beside the screen, never in it.
 */
export interface Identified {
	record: RosterRecord;
	method: Method;
	token: string | null;
	late: boolean;
}
export type EditScreenName = 'confirm' | 'contact' | 'insurance' | 'card';

export type Screen =
	| { name: 'welcome' }
	| { name: 'scan'; problem: ScanProblem | null; busy: boolean }
	| { name: 'lookup'; problem: LookupProblem | null; busy: boolean }
	| { name: 'initial'; candidates: RosterRecord[] }
	| { name: 'dob'; record: RosterRecord; token: string; failures: number }
	| ({ name: 'confirm' } & Identified)
	| ({ name: 'contact' } & Identified)
	| ({ name: 'insurance' } & Identified)
	| ({ name: 'card'; side: CardSide } & Identified)
	| { name: 'too-early'; record: RosterRecord; method: Method; token: string | null }
	| { name: 'already'; where: AlreadyIn }
	| { name: 'closed'; record: RosterRecord; why: 'completed' | 'cancelled' }
	| { name: 'checking-in' }
	| { name: 'ticket'; ticket: Ticket }
	| { name: 'rejected' }
	| { name: 'locked' }
	| { name: 'help' };
