import { parse } from 'csv-parse/sync';
import type { CsvColumns, CsvImportConfig } from '$lib/schemas/schedule-import';
import type { FileRefusal } from '$lib/schedule-import/report';

/** A file larger than this is refused whole: 5,000 appointments take about 1 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface CsvRecord {
	/** The file's line the record starts on (the header is line 1). */
	line: number;
	/** The record's value for each mapped field, trimmed; '' where the cell is empty. */
	cells: Partial<Record<keyof CsvColumns, string>>;
}

export type CsvReadResult =
	| { ok: true; records: CsvRecord[] }
	| { ok: false; reason: FileRefusal; columns?: string[]; detail?: string };

/**
 * The file's bytes as records of the mapped columns. Refuses only what cannot be read at all:
 * bytes that are not the configured encoding, broken quoting, no header, or a mapped column the
 * header lacks. Every row's own problems are left to the mapping (./map-rows.ts).
 */
export function readCsv(bytes: Uint8Array, config: CsvImportConfig): CsvReadResult {
	if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, reason: 'too-large' };
	let text: string;
	try {
		// The decoder drops a UTF-8 byte-order mark, so files with and without one read the same.
		text = new TextDecoder(config.encoding, { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, reason: 'unreadable', detail: `not ${config.encoding} text` };
	}
	let rows: { record: string[]; info: { lines: number; empty_lines: number } }[];
	try {
		rows = parse(text, {
			delimiter: config.delimiter,
			bom: true,
			info: true,
			relax_column_count: true,
			skip_empty_lines: true,
			trim: true
		}) as unknown as { record: string[]; info: { lines: number; empty_lines: number } }[];
	} catch (error) {
		return { ok: false, reason: 'unreadable', detail: (error as Error).message };
	}
	const [header, ...body] = rows;
	if (!header || body.length === 0) return { ok: false, reason: 'empty-file' };
	const positions = new Map<string, number>();
	header.record.forEach((name, i) => {
		const key = name.trim().toLowerCase();
		if (!positions.has(key)) positions.set(key, i);
	});
	const mapped = Object.entries(config.columns) as [keyof CsvColumns, string | undefined][];
	const missing = mapped.flatMap(([, name]) =>
		name !== undefined && !positions.has(name.toLowerCase()) ? [name] : []
	);
	if (missing.length > 0) return { ok: false, reason: 'missing-columns', columns: missing };
	let previousEnd = header.info.lines;
	let previousEmpty = header.info.empty_lines;
	const records = body.map(({ record, info }): CsvRecord => {
		const cells: CsvRecord['cells'] = {};
		for (const [field, name] of mapped) {
			if (name === undefined) continue;
			cells[field] = record[positions.get(name.toLowerCase()) ?? -1] ?? '';
		}
		// `info.lines` is where the record ends; it starts on the line after the previous one
		// and the empty lines skipped between them.
		const line = previousEnd + 1 + info.empty_lines - previousEmpty;
		previousEnd = info.lines;
		previousEmpty = info.empty_lines;
		return { line, cells };
	});
	return { ok: true, records };
}
