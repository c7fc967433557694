import type { FieldProblem } from '$lib/intake/fields';
import type { VisitKey } from '$lib/i18n/kiosk-visit';

const TEXT: Record<FieldProblem, VisitKey> = {
	required: 'errRequired',
	'too-long': 'errTooLong',
	'bad-characters': 'errBadCharacters',
	'phone-invalid': 'errPhone',
	'email-invalid': 'errEmail',
	'postal-invalid': 'errPostal',
	'language-unknown': 'errLanguage',
	'date-invalid': 'errDate',
	'member-id-invalid': 'errMemberId',
	'relationship-unknown': 'errRelationship'
};

/** A validator's code, as the forms word it: plain, and about what to do. */
export function problemText(problem: FieldProblem, country: string): VisitKey {
	if (problem === 'postal-invalid' && country === 'US') return 'errPostalUS';
	return TEXT[problem];
}
