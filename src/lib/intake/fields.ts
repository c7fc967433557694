/**
 * What a patient may confirm or change at the kiosk, in the words both ends use: the kiosk's
 * forms, the sealed `changes` op, the server's field-level diff and the desk's review list.
 * A change never overwrites the record: each field waits for staff (docs/decisions.md).
 */

export const CONTACT_FIELDS = [
	'phone',
	'email',
	'address',
	'city',
	'region',
	'postalCode',
	'preferredLanguage',
	'emergencyName',
	'emergencyRelationship',
	'emergencyPhone'
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
/** Every contact field as text; '' is "none given". */
export type ContactDetails = Record<ContactField, string>;

export const RELATIONSHIPS = ['self', 'spouse', 'child', 'other'] as const;
/** The patient's relationship to the policy holder. */
export type Relationship = (typeof RELATIONSHIPS)[number];

export interface NewInsurance {
	/** From the site's payer list, or the name the patient typed under "Other". */
	payer: string;
	memberId: string;
	groupNumber: string;
	relationship: Relationship;
	/** The policy holder, when the patient is not (relationship other than `self`); else ''. */
	holderName: string;
	/** YYYY-MM-DD, or '' when the patient is the holder. */
	holderDob: string;
}

/** "Same as before", "I have new insurance", "I don't have insurance / I'll pay myself". */
export type InsuranceChoice =
	{ kind: 'same' } | { kind: 'new'; insurance: NewInsurance } | { kind: 'none' };
export type InsuranceChoiceKind = InsuranceChoice['kind'];

export const INSURANCE_FIELDS = [
	'insurance.payer',
	'insurance.memberId',
	'insurance.groupNumber',
	'insurance.relationship',
	'insurance.holderName',
	'insurance.holderDob',
	/** 'yes' when the patient says they have no insurance and will pay themselves. */
	'insurance.selfPay'
] as const;
export type InsuranceField = (typeof INSURANCE_FIELDS)[number];
export type ChangeFieldName = ContactField | InsuranceField;

export const CARD_SIDES = ['front', 'back'] as const;
export type CardSide = (typeof CARD_SIDES)[number];

/** A card photo, as the server keeps it after decoding: at most this many bytes. */
export const MAX_CARD_PHOTO_BYTES = 300 * 1024;
export const CARD_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * What the kiosk seals into one `changes` op: the contact fields the patient changed from what
 * the kiosk showed them (null or {} when none; never the untouched ones, so a roster older than
 * a change staff accepted since cannot undo it), their insurance choice, and which card photos
 * follow as their own `card-photo` ops. The server checks the fields merged onto the record and
 * diffs them against it; a value equal to the one on file vanishes.
 */
export interface ChangeProposal {
	contact: Partial<ContactDetails> | null;
	insurance: InsuranceChoice;
	photos: CardSide[];
}

/** One line of a change request: the value on file and the one the patient gave. */
export interface FieldChange {
	field: ChangeFieldName;
	old: string;
	new: string;
}

/** Why a field's value was not accepted, worded by each surface in its own language. */
export type FieldProblem =
	| 'required'
	| 'too-long'
	| 'bad-characters'
	| 'phone-invalid'
	| 'email-invalid'
	| 'postal-invalid'
	| 'language-unknown'
	| 'date-invalid'
	| 'member-id-invalid'
	| 'relationship-unknown';
