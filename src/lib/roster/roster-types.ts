import type { Jwks } from '$lib/check-in-token';
import type { AppointmentStatus, QueueStatus } from '$lib/queue/types';

/**
 * What the kiosk knows about one appointment once it has decrypted its roster entry.
 * Only ever held in memory while that patient is at the kiosk.
 */
export interface RosterRecord {
	appointmentId: string;
	siteId: string;
	siteDay: string;
	ticket: string;
	providerId: string;
	providerName: string;
	slotAt: number;
	durationMin: number;
	status: AppointmentStatus;
	/**
	 * The patient's place today once checked in (here, at another kiosk or at the desk), as of the
	 * roster download; the server's answer to a check-in is fresher. Absent in older rosters.
	 */
	queue?: { ticket: string; status: QueueStatus; roomName: string | null } | null;
	/** Wrong birth dates typed for this appointment on any kiosk, as of the download. */
	dobFailures?: number;
	patient: {
		firstName: string;
		lastName: string;
		/** YYYY-MM-DD */
		dob: string;
		phone: string;
		email: string;
		/** Street address. */
		address: string;
		preferredLanguage: string;
		/** The rest of the contact details; absent in rosters from before change requests. */
		city?: string;
		region?: string;
		postalCode?: string;
		emergencyName?: string;
		emergencyRelationship?: string;
		emergencyPhone?: string;
	};
	coverage: {
		payer: string;
		/** Only the last 4 characters are kept; the rest are replaced by "•". */
		memberIdMasked: string;
		groupNumber: string;
		relationship: string;
		copayCents: number;
		verified: boolean;
		/** The policy holder when not the patient; absent in older rosters. */
		holderName?: string;
	} | null;
	/** The patient has changes waiting for the desk's review (any visit today): say so. */
	changesPending?: boolean;
}

export interface Envelope {
	/** base64url, 12 bytes */
	iv: string;
	/** base64url AES-GCM ciphertext + tag */
	ct: string;
}

/** One roster row as stored in IndexedDB: nothing readable without the patient's QR or name + DOB. */
export interface EncryptedRosterEntry {
	/** Appointment id: an opaque short id, not patient data. */
	appointmentId: string;
	/** Encrypted under the appointment's rosterKey (carried only by the patient's QR). */
	byKey: Envelope;
	/** Encrypted under a PBKDF2 key from last name + DOB + the site's daily salt. */
	byLookup: Envelope & {
		/** base64url lookup tag from the same derivation, to find candidate rows without decrypting all. */
		tag: string;
	};
}

export interface RosterBundle {
	siteId: string;
	siteDay: string;
	/** base64url random salt, new every site day. */
	lookupSalt: string;
	lookupIterations: number;
	issuedAt: number;
	entries: EncryptedRosterEntry[];
	/** The site's signing keys, sent with every roster so a rotated-in key reaches kiosks. */
	jwks?: Jwks;
}
