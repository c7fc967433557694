import * as v from 'valibot';
import { CARD_SIDES, CONTACT_FIELDS, RELATIONSHIPS, type ContactField } from '$lib/intake/fields';

/**
 * The shape of a `ChangeProposal` once the server has opened it. Values are only shaped here
 * (strings of bounded length); what they must look like is src/lib/intake/validate.ts.
 */
const text = v.pipe(v.string(), v.maxLength(400));

export const ChangeProposalSchema = v.strictObject({
	contact: v.nullable(
		v.strictObject(
			Object.fromEntries(CONTACT_FIELDS.map((field) => [field, v.optional(text)])) as Record<
				ContactField,
				v.OptionalSchema<typeof text, undefined>
			>
		)
	),
	insurance: v.variant('kind', [
		v.strictObject({ kind: v.literal('same') }),
		v.strictObject({ kind: v.literal('none') }),
		v.strictObject({
			kind: v.literal('new'),
			insurance: v.strictObject({
				payer: text,
				memberId: text,
				groupNumber: text,
				relationship: v.picklist(RELATIONSHIPS),
				holderName: text,
				holderDob: text
			})
		})
	]),
	photos: v.pipe(v.array(v.picklist(CARD_SIDES)), v.maxLength(2))
});
