import * as v from 'valibot';

/** The admin's filter on the audit log (`/admin/audit` and its CSV export), from the query string. */
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2026-12-01'));
const optionalText = (max: number) =>
	v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.maxLength(max),
			v.transform((s) => (s === '' ? undefined : s))
		)
	);

export const AuditFilter = v.object({
	from: v.optional(v.union([v.literal(''), day]), ''),
	to: v.optional(v.union([v.literal(''), day]), ''),
	action: optionalText(60),
	patientId: optionalText(64),
	actor: optionalText(64)
});
export type AuditFilter = v.InferOutput<typeof AuditFilter>;

/** One audit row as the admin sees it. */
export interface AuditRowView {
	id: number;
	at: number;
	actorType: 'staff' | 'device' | 'patient' | 'system';
	actorId: string;
	/** The staff username or device name, when the actor is known. */
	actorName: string | null;
	patientId: string | null;
	action: string;
	/** JSON as recorded. */
	detail: string;
	ip: string | null;
}

/** Reads the filter from a URL's query; a malformed one is refused with the field that is wrong. */
export function readAuditFilter(
	params: URLSearchParams
): { ok: true; filter: AuditFilter } | { ok: false; field: string } {
	const raw = Object.fromEntries(
		['from', 'to', 'action', 'patientId', 'actor'].flatMap((key) => {
			const value = params.get(key);
			return value === null ? [] : [[key, value]];
		})
	);
	const parsed = v.safeParse(AuditFilter, raw);
	if (!parsed.success) return { ok: false, field: v.getDotPath(parsed.issues[0]) ?? 'filter' };
	return { ok: true, filter: parsed.output };
}
