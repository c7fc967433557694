// The table `npm run bench` prints: one row per figure, the DESIGN §9 target beside it.

export interface ReportRow {
	/** What was measured, in a few words. */
	what: string;
	/** The target as DESIGN §9 words it, or '' for a figure given for context only. */
	target: string;
	/** The measured figure with its unit. */
	measured: string;
	/** Whether the target was met; null when the row has no target. */
	met: boolean | null;
}

export function printTable(rows: readonly ReportRow[]): void {
	const header: ReportRow = {
		what: 'benchmark',
		target: 'target',
		measured: 'measured',
		met: null
	};
	const mark = (row: ReportRow) => (row.met === null ? '' : row.met ? '✓' : '✗');
	const widths = {
		what: Math.max(...[header, ...rows].map((r) => r.what.length)),
		target: Math.max(...[header, ...rows].map((r) => r.target.length)),
		measured: Math.max(...[header, ...rows].map((r) => r.measured.length))
	};
	const line = (row: ReportRow, ok: string) =>
		`${row.what.padEnd(widths.what)}  ${row.target.padEnd(widths.target)}  ` +
		`${row.measured.padEnd(widths.measured)}  ${ok}`;
	console.log(line(header, 'ok'));
	console.log('-'.repeat(widths.what + widths.target + widths.measured + 10));
	for (const row of rows) console.log(line(row, mark(row)));
}

/** `12.3 ms`, with one decimal below 100 and none above. */
export function ms(value: number): string {
	if (value === Infinity) return '∞';
	if (!Number.isFinite(value)) return 'n/a';
	return `${value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
}
