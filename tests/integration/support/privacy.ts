import { expect } from 'vitest';
import type { Appointment } from './clients';

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Fails if `value` (a display payload) carries any patient data: a `patient` field, a full name,
 * any single first or last name as a whole word, or a date of birth. Provider names ("Dr. Maya
 * Lee") share words with patient names, so callers pass payloads without the provider list.
 */
export function expectNoPatientData(
	value: unknown,
	appointments: Appointment[],
	birthDates: string[] = []
): void {
	const text = JSON.stringify(value);
	expect(text).not.toMatch(/"patient"\s*:/);
	const words = new Set<string>();
	for (const a of appointments) {
		expect(text, 'full patient name').not.toContain(a.patientName);
		for (const part of a.patientName.split(' ')) words.add(part);
	}
	for (const word of words) {
		expect(text, `patient name "${word}"`).not.toMatch(new RegExp(`\\b${escape(word)}\\b`));
	}
	for (const dob of birthDates) expect(text, 'date of birth').not.toContain(dob);
}
