import {
	CARD_SIDES,
	CONTACT_FIELDS,
	type CardSide,
	type ChangeProposal,
	type ContactDetails,
	type InsuranceChoice,
	type InsuranceChoiceKind,
	type NewInsurance
} from '$lib/intake/fields';
import type { RosterRecord } from '$lib/roster/roster-types';
import type { JWK } from 'jose';
import type { VisitOps } from './visit-ops';

/** The contact details as the kiosk shows them, '' for what the roster does not have. */
export function shownContact(record: RosterRecord): ContactDetails {
	const patient: Partial<Record<string, string>> = record.patient;
	return Object.fromEntries(
		CONTACT_FIELDS.map((field) => [field, patient[field] ?? ''])
	) as ContactDetails;
}

/** The insurance form between screens: the choice, and what the patient typed for new insurance. */
export interface InsuranceDraft extends NewInsurance {
	kind: InsuranceChoiceKind;
	/** A payer from the site's list, 'other' for one typed in, or '' while none is picked. */
	listed: string;
	/** The holder's birth date as typed, in three boxes; `holderDob` is built from them. */
	holderMonth: string;
	holderDay: string;
	holderYear: string;
}

export interface CardPhoto {
	blob: Blob;
	/** For the patient's last look; revoked when the photo is replaced or the visit ends. */
	url: string;
}

const emptyInsurance = (): InsuranceDraft => ({
	kind: 'same',
	listed: '',
	payer: '',
	memberId: '',
	groupNumber: '',
	relationship: 'self',
	holderName: '',
	holderDob: '',
	holderMonth: '',
	holderDay: '',
	holderYear: ''
});

/**
 * What one patient changed at the kiosk, in memory only: the flow drops it with the visit, and
 * the only copy that ever reaches IndexedDB is the sealed `changes` op (visit-ops.ts). The drafts
 * keep what a form holds while the patient is on another screen (a card photo, the language
 * toggle), so nothing typed is lost before they save or cancel.
 */
export class VisitEdits {
	readonly shown: ContactDetails;
	readonly hadCoverage: boolean;
	#contact = $state<ContactDetails | null>(null);
	#insurance = $state<InsuranceChoice>({ kind: 'same' });
	#photos = $state<Partial<Record<CardSide, CardPhoto>>>({});
	contactDraft = $state<ContactDetails>({} as ContactDetails);
	insuranceDraft = $state<InsuranceDraft>(emptyInsurance());
	/** The insurance form as it was at the last save: what "Cancel" goes back to. */
	#savedDraft: InsuranceDraft = emptyInsurance();

	constructor(record: RosterRecord) {
		this.shown = shownContact(record);
		this.hadCoverage = record.coverage !== null;
		this.contactDraft = { ...this.shown };
	}

	/** The contact details as they stand: the patient's, once saved, else the record's. */
	get contact(): ContactDetails {
		return this.#contact ?? this.shown;
	}

	/** Only the fields whose value differs from what the kiosk showed (ChangeProposal). */
	get contactChanges(): Partial<ContactDetails> {
		const saved = this.#contact;
		if (!saved) return {};
		return Object.fromEntries(
			CONTACT_FIELDS.filter((f) => saved[f] !== this.shown[f]).map((f) => [f, saved[f]])
		);
	}

	get insurance(): InsuranceChoice {
		return this.#insurance;
	}

	get photos(): Partial<Record<CardSide, CardPhoto>> {
		return this.#photos;
	}

	/** "No insurance" from a patient who had none is no change; new insurance always is. */
	get insuranceChanged(): boolean {
		const kind = this.#insurance.kind;
		return kind === 'new' || (kind === 'none' && this.hadCoverage);
	}

	get changed(): boolean {
		return Object.keys(this.contactChanges).length > 0 || this.insuranceChanged;
	}

	/** Checked values from the contact form (edit-checks.ts). */
	saveContact(value: ContactDetails): void {
		this.#contact = { ...value };
		this.contactDraft = { ...value };
	}

	/** The form's draft back to what was saved: "Cancel" on the contact form. */
	cancelContact(): void {
		this.contactDraft = { ...this.contact };
	}

	/** A checked choice from the insurance form; photos go with new insurance only. */
	saveInsurance(choice: InsuranceChoice): void {
		this.#insurance = choice;
		this.#savedDraft = { ...this.insuranceDraft };
		if (choice.kind !== 'new') for (const side of CARD_SIDES) this.removePhoto(side);
	}

	/** The insurance form back to what was saved, photos too when no new insurance was. */
	cancelInsurance(): void {
		this.insuranceDraft = { ...this.#savedDraft };
		if (this.#insurance.kind !== 'new') for (const side of CARD_SIDES) this.removePhoto(side);
	}

	setPhoto(side: CardSide, blob: Blob): void {
		this.removePhoto(side);
		this.#photos = { ...this.#photos, [side]: { blob, url: URL.createObjectURL(blob) } };
	}

	removePhoto(side: CardSide): void {
		const photo = this.#photos[side];
		if (!photo) return;
		URL.revokeObjectURL(photo.url);
		const { [side]: _gone, ...rest } = this.#photos;
		this.#photos = rest;
	}

	/**
	 * What goes to the desk, taken at once (before any await) so a reset right after the
	 * check-in cannot empty it: null when the patient changed nothing.
	 */
	takeChanges(): PendingChanges | null {
		if (!this.changed) return null;
		const contact = this.contactChanges;
		const photos =
			this.#insurance.kind === 'new'
				? CARD_SIDES.flatMap((side) => {
						const photo = this.#photos[side];
						return photo ? [{ side, blob: photo.blob }] : [];
					})
				: [];
		const proposal: ChangeProposal = {
			contact: Object.keys(contact).length ? contact : null,
			insurance: this.#insurance,
			photos: photos.map((p) => p.side)
		};
		return new PendingChanges(proposal, photos);
	}

	/** Forgets everything: the visit is over. */
	drop(): void {
		for (const side of CARD_SIDES) this.removePhoto(side);
		this.#contact = null;
		this.#insurance = { kind: 'same' };
		this.contactDraft = { ...this.shown };
		this.insuranceDraft = emptyInsurance();
		this.#savedDraft = emptyInsurance();
	}
}

/** A patient's changes, taken from the visit when they check in, on their way to the outbox. */
export class PendingChanges {
	constructor(
		readonly proposal: ChangeProposal,
		readonly photos: { side: CardSide; blob: Blob }[]
	) {}

	/**
	 * Sealed for the server (visit-ops.ts), after the check-in op. A server too old to take them
	 * (no intake key) or a failure here still tells the desk: "details wrong", never silence.
	 */
	async send(ops: VisitOps, appointmentId: string, intakeKey: JWK | null): Promise<void> {
		try {
			if (!intakeKey) throw new Error('this server takes no changes');
			const photos = await Promise.all(
				this.photos.map(async ({ side, blob }) => ({
					side,
					bytes: new Uint8Array(await blob.arrayBuffer())
				}))
			);
			await ops.changes(appointmentId, intakeKey, this.proposal, photos);
		} catch {
			await ops.raiseHelp('details-wrong', appointmentId);
		}
	}
}
