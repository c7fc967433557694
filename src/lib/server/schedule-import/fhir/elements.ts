import { tidy } from '$lib/intake/validate';
import { isObject, type Resource } from './read-bundle';

/** Reading FHIR R4 data types (Identifier, HumanName, ContactPoint, CodeableConcept) as text. */

type Json = Record<string, unknown>;

export function list(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter(isObject) : [];
}

export function text(value: unknown): string {
	return typeof value === 'string' ? tidy(value) : '';
}

/**
 * The identifier that is the record's own id: the one of `system` when the site names one, else
 * one typed `MR` (medical record number), else the first with a value; `Type/id` when there is
 * none (a server's ids are stable), '' when there is neither.
 */
export function ownIdentifier(resource: Resource, system?: string): string {
	const identifiers = list(resource.identifier).filter((i) => text(i.value));
	const chosen = system
		? identifiers.find((i) => i.system === system)
		: (identifiers.find((i) => codes(i.type).includes('MR')) ?? identifiers[0]);
	if (chosen) return text(chosen.value);
	if (system && identifiers.length > 0) return '';
	return typeof resource.id === 'string' ? `${resource.resourceType}/${resource.id}` : '';
}

/** Every way a site's config may name this resource: `system|value`, `value`, `Type/id`, `id`. */
export function identifierKeys(resource: Resource): string[] {
	const keys: string[] = [];
	for (const identifier of list(resource.identifier)) {
		const value = text(identifier.value);
		if (!value) continue;
		if (typeof identifier.system === 'string') keys.push(`${identifier.system}|${value}`);
		keys.push(value);
	}
	if (typeof resource.id === 'string') keys.push(`${resource.resourceType}/${resource.id}`);
	return keys;
}

export interface PersonName {
	family: string;
	given: string;
}

/** The official name, else the usual one that has a family name, else the first. */
export function personName(value: unknown): PersonName {
	const names = list(value);
	const chosen =
		names.find((n) => n.use === 'official') ??
		names.find((n) => n.use === 'usual' && n.family) ??
		names[0];
	if (!chosen) return { family: '', given: '' };
	const given = Array.isArray(chosen.given) ? text(chosen.given[0]) : '';
	return { family: text(chosen.family), given };
}

export function codes(concept: unknown): string[] {
	return isObject(concept) ? list(concept.coding).map((c) => text(c.code)) : [];
}

/** A CodeableConcept as words: its text, else its first coding's display. */
export function conceptText(concept: unknown): string {
	if (!isObject(concept)) return '';
	return text(concept.text) || (list(concept.coding).map((c) => text(c.display))[0] ?? '');
}

/** The patient's phone: mobile first, then home, then any other that is not an old one. */
export function phoneOf(telecom: unknown): string {
	const phones = list(telecom).filter((t) => t.system === 'phone' && text(t.value));
	const usable = phones.filter((t) => t.use !== 'old' && !isObject(t.period));
	const chosen =
		usable.find((t) => t.use === 'mobile') ?? usable.find((t) => t.use === 'home') ?? usable[0];
	return chosen ? text(chosen.value) : '';
}

export function emailOf(telecom: unknown): string {
	const email = list(telecom).find((t) => t.system === 'email' && text(t.value));
	return email ? text(email.value) : '';
}

/** The preferred communication language's code, as `es` from `es-MX` ('' when none). */
export function languageOf(communication: unknown): string {
	const all = list(communication);
	const chosen = all.find((c) => c.preferred === true) ?? all[0];
	if (!chosen || !isObject(chosen.language)) return '';
	const code = codes(chosen.language)[0] || text(chosen.language.text);
	return code.split('-')[0].toLowerCase();
}

/** Lower case, letters and digits only: "Dr. Maya Lee" and "LEE, Maya" both hold "maya", "lee". */
export function words(value: string): string[] {
	return value
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
}
