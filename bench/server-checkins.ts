// DESIGN §9: "server check-ins (SQLite, synchronous=FULL): ≥ 2,000/s sustained".
//
// A server whose database holds the demo day plus CHECKINS extra appointments (added with
// better-sqlite3 before it started). Four kiosks (four clients, one enrolled kiosk token each)
// send lookup check-ins through POST /api/kiosk/sync in batches of 200 ops (the endpoint's
// maximum), each client taking the next batch as soon as its last one is answered. The rate is
// all check-ins over the time from the first request sent to the last answer received.
// Afterwards the SQLite file is read directly: every op must have exactly one `ops` row and
// exactly one queue entry, created by that op. One batch is then sent again: every op must come
// back `duplicate` and nothing may change (replaying is what a kiosk does after a lost answer).
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { checkInOp, sync, type CheckInOp, type OpResult, type Staff } from './support/api';
import { ms, type ReportRow } from './support/report';
import { size } from './support/smoke';
import { rounded, summarize, type Summary } from './support/stats';

export const CHECKINS = size(3000, 200);
const BATCH = size(200, 25);
const CLIENTS = 4;

export interface ServerCheckInsResult {
	checkIns: number;
	batchSize: number;
	clients: number;
	elapsedMs: number;
	perSecond: number;
	/** Rate over the first and the last third of the batches, in completion order. */
	firstThirdPerSecond: number;
	lastThirdPerSecond: number;
	/** One sync request of BATCH ops, sent → answered. */
	batchMs: Summary;
	outcomes: Record<string, number>;
	/** From the SQLite file: queue entries created by these ops, and ops rows. */
	queueEntries: number;
	opsRows: number;
	/** Appointments with more than one queue entry (must be 0). */
	doubleEntries: number;
	replay: { ops: number; duplicates: number; queueEntriesAfter: number };
}

interface Finished {
	sentAt: number;
	answeredAt: number;
	results: OpResult[];
}

export async function serverCheckIns(
	staff: Staff,
	databasePath: string,
	appointmentIds: readonly string[]
): Promise<ServerCheckInsResult> {
	const ids = appointmentIds.slice(0, CHECKINS);
	if (ids.length < CHECKINS) throw new Error('server check-ins: not enough appointments');
	const tokens = await Promise.all(
		Array.from({ length: CLIENTS }, (_, i) => staff.enrollToken('kiosk', `bench kiosk ${i + 1}`))
	);
	const batches: CheckInOp[][] = [];
	for (let i = 0; i < ids.length; i += BATCH) {
		batches.push(ids.slice(i, i + BATCH).map((id) => checkInOp(id)));
	}

	const finished: Finished[] = [];
	let next = 0;
	const start = performance.now();
	await Promise.all(
		tokens.map(async (token) => {
			while (next < batches.length) {
				const batch = batches[next++];
				const sentAt = performance.now();
				const results = await sync(staff.baseUrl, token, batch);
				finished.push({ sentAt, answeredAt: performance.now(), results });
			}
		})
	);
	const elapsedMs = performance.now() - start;

	const outcomes: Record<string, number> = {};
	for (const f of finished) {
		for (const r of f.results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
	}
	const third = Math.max(1, Math.floor(finished.length / 3));
	const rate = (part: Finished[]) => {
		const ops = part.reduce((sum, f) => sum + f.results.length, 0);
		const span =
			Math.max(...part.map((f) => f.answeredAt)) - Math.min(...part.map((f) => f.sentAt));
		return (ops / span) * 1000;
	};

	const allOps = batches.flat();
	const counts = () => countInDatabase(databasePath, allOps);
	const before = counts();
	const replayResults = await sync(staff.baseUrl, tokens[0], batches[0]);
	const after = counts();

	return {
		checkIns: ids.length,
		batchSize: BATCH,
		clients: CLIENTS,
		elapsedMs: Math.round(elapsedMs),
		perSecond: Math.round((ids.length / elapsedMs) * 1000),
		firstThirdPerSecond: Math.round(rate(finished.slice(0, third))),
		lastThirdPerSecond: Math.round(rate(finished.slice(-third))),
		batchMs: rounded(summarize(finished.map((f) => f.answeredAt - f.sentAt))),
		outcomes,
		queueEntries: before.queueEntries,
		opsRows: before.opsRows,
		doubleEntries: before.doubleEntries,
		replay: {
			ops: batches[0].length,
			duplicates: replayResults.filter((r) => r.outcome === 'duplicate').length,
			queueEntriesAfter: after.queueEntries
		}
	};
}

/** Reads the server's SQLite file (WAL lets a reader in while the server runs). */
export function countInDatabase(databasePath: string, ops: readonly CheckInOp[]) {
	const db = new Database(databasePath, { readonly: true });
	try {
		const opIds = JSON.stringify(ops.map((op) => op.id));
		const appointmentIds = JSON.stringify(ops.map((op) => op.payload.appointmentId));
		const one = (sql: string, param: string) => (db.prepare(sql).get(param) as { n: number }).n;
		return {
			queueEntries: one(
				'select count(*) as n from queue_entries where created_by_op in (select value from json_each(?))',
				opIds
			),
			/** Entries for these ops' appointments, whoever created them. */
			appointmentEntries: one(
				'select count(*) as n from queue_entries where appointment_id in (select value from json_each(?))',
				appointmentIds
			),
			opsRows: one(
				'select count(*) as n from ops where op_id in (select value from json_each(?))',
				opIds
			),
			doubleEntries: one(
				`select count(*) as n from (select appointment_id from queue_entries
				 where appointment_id in (select value from json_each(?))
				 group by appointment_id having count(*) > 1)`,
				appointmentIds
			)
		};
	} finally {
		db.close();
	}
}

export function serverCheckInsRows(r: ServerCheckInsResult): ReportRow[] {
	const exactlyOnce =
		r.outcomes.applied === r.checkIns &&
		r.queueEntries === r.checkIns &&
		r.opsRows === r.checkIns &&
		r.doubleEntries === 0 &&
		r.replay.duplicates === r.replay.ops &&
		r.replay.queueEntriesAfter === r.checkIns;
	return [
		{
			what: `server check-ins/s (SQLite FULL, ${r.clients}×${r.batchSize}-op batches)`,
			target: '≥ 2000/s',
			measured: `${r.perSecond}/s (${r.checkIns} in ${r.elapsedMs} ms)`,
			met: r.perSecond >= 2000
		},
		{
			what: '  first third → last third of the batches',
			target: '',
			measured: `${r.firstThirdPerSecond}/s → ${r.lastThirdPerSecond}/s`,
			met: null
		},
		{
			what: `  one ${r.batchSize}-op sync request, p50 / p99`,
			target: '',
			measured: `${ms(r.batchMs.p50)} / ${ms(r.batchMs.p99)}`,
			met: null
		},
		{
			what: '  applied exactly once (answers, db rows, replay)',
			target: 'all',
			measured:
				`${r.outcomes.applied ?? 0} applied, ${r.queueEntries} entries, ` +
				`${r.opsRows} ops, replay ${r.replay.duplicates}/${r.replay.ops} dup`,
			met: exactlyOnce
		}
	];
}
