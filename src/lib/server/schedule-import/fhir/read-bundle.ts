import type { FileRefusal, RowProblem } from '$lib/schedule-import/report';
import { MAX_IMPORT_BYTES } from '../read-csv';
import {
	isScheduleType,
	validateResource,
	validateShell,
	type ScheduleResourceType
} from './validate';

/** A FHIR resource as JSON: only what the mapping reads is typed where it reads it. */
export type Resource = { resourceType: string; id?: string } & Record<string, unknown>;

export interface BundleEntry {
	/** The entry's number in `Bundle.entry`, from 1: the report's "line". */
	index: number;
	fullUrl: string | null;
	/** `Appointment/123`, or the type alone; null when the entry has no resource (a DELETE). */
	label: string | null;
	resource: Resource | null;
	type: ScheduleResourceType | null;
	/** Schema problems (the entry is then left out), or `unsupported-resource`. */
	problems: RowProblem[];
}

export type BundleReadResult =
	| { ok: true; bundleType: string; entries: BundleEntry[] }
	| { ok: false; reason: FileRefusal; detail?: string };

const SCHEDULE_BUNDLES = ['collection', 'searchset', 'transaction'];

/** A file is read as a FHIR Bundle when its name ends in .json or its text starts with `{`. */
export function looksLikeJson(fileName: string, bytes: Uint8Array): boolean {
	if (/\.json$/i.test(fileName)) return true;
	let i = 0;
	// A UTF-8 byte-order mark, then white space.
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
	while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i++;
	return bytes[i] === 0x7b;
}

/**
 * The Bundle's entries, each checked against its R4 definition. Refuses only a file that is not a
 * Bundle at all (not UTF-8 JSON, another resource, a Bundle whose own fields break the schema) or
 * a Bundle of a type that is no schedule (a document, a message, a history).
 */
export function readBundle(bytes: Uint8Array): BundleReadResult {
	if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, reason: 'too-large' };
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		return { ok: false, reason: 'unreadable', detail: (error as Error).message.slice(0, 120) };
	}
	if (!isObject(json) || json.resourceType !== 'Bundle') {
		const type = isObject(json) && typeof json.resourceType === 'string' ? json.resourceType : '';
		return { ok: false, reason: 'not-a-bundle', detail: type || 'no resourceType' };
	}
	const { entry, ...shell } = json;
	const shellProblems = validateShell('Bundle', shell);
	if (shellProblems.length > 0) {
		const first = shellProblems[0];
		return { ok: false, reason: 'not-a-bundle', detail: `${first.path}: ${first.rule}` };
	}
	if (!SCHEDULE_BUNDLES.includes(String(json.type))) {
		return { ok: false, reason: 'bundle-type', detail: String(json.type) };
	}
	if (entry !== undefined && !Array.isArray(entry)) {
		return { ok: false, reason: 'not-a-bundle', detail: 'Bundle.entry: type' };
	}
	const list: unknown[] = entry ?? [];
	if (list.length === 0) return { ok: false, reason: 'empty-file' };
	return { ok: true, bundleType: String(json.type), entries: list.map(readEntry) };
}

function readEntry(raw: unknown, position: number): BundleEntry {
	const index = position + 1;
	const problems: RowProblem[] = [];
	const entry: BundleEntry = {
		index,
		fullUrl: null,
		label: null,
		resource: null,
		type: null,
		problems
	};
	if (!isObject(raw)) {
		problems.push({ code: 'invalid-resource', column: `entry[${position}]`, value: 'type' });
		return entry;
	}
	const { resource, ...rest } = raw;
	entry.fullUrl = typeof rest.fullUrl === 'string' ? rest.fullUrl : null;
	for (const problem of validateShell('Bundle_Entry', rest)) {
		problems.push({ code: 'invalid-resource', column: problem.path, value: problem.rule });
	}
	if (!isObject(resource) || typeof resource.resourceType !== 'string') {
		// A transaction's DELETE or GET carries no resource: nothing of the schedule to read.
		const method = isObject(rest.request) ? String(rest.request.method) : 'entry';
		if (problems.length === 0) problems.push({ code: 'unsupported-resource', value: method });
		return entry;
	}
	const typed = resource as Resource;
	entry.label =
		typeof typed.id === 'string' ? `${typed.resourceType}/${typed.id}` : typed.resourceType;
	if (!isScheduleType(typed.resourceType)) {
		problems.push({ code: 'unsupported-resource', value: typed.resourceType });
		return entry;
	}
	for (const problem of validateResource(typed.resourceType, typed)) {
		problems.push({ code: 'invalid-resource', column: problem.path, value: problem.rule });
	}
	if (problems.length === 0) {
		entry.resource = typed;
		entry.type = typed.resourceType;
	}
	return entry;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where a reference may point: an entry's `fullUrl`, its `Type/id`, and (for a server's absolute
 * URL) the `Type/id` at its end. A reference to a contained resource (`#id`) is not followed.
 */
export class BundleIndex {
	#byKey = new Map<string, BundleEntry>();

	constructor(entries: readonly BundleEntry[]) {
		for (const entry of entries) {
			if (!entry.resource) continue;
			if (entry.fullUrl) this.#add(entry.fullUrl, entry);
			if (entry.label?.includes('/')) this.#add(entry.label, entry);
			const tail = entry.fullUrl ? relative(entry.fullUrl) : null;
			if (tail) this.#add(tail, entry);
		}
	}

	#add(key: string, entry: BundleEntry) {
		if (!this.#byKey.has(key)) this.#byKey.set(key, entry);
	}

	/** The entry a `Reference` points to, of the given type, or null. */
	resolve(reference: unknown, type: ScheduleResourceType): BundleEntry | null {
		if (!isObject(reference) || typeof reference.reference !== 'string') return null;
		const text = reference.reference;
		const found = this.#byKey.get(text) ?? this.#byKey.get(relative(text) ?? '');
		return found && found.type === type ? found : null;
	}
}

function relative(url: string): string | null {
	const match = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(url);
	return match ? match[1] : null;
}
