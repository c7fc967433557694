// DESIGN §9: "check-in committed → display shows it, 200 displays connected: p99 ≤ 50 ms on
// loopback".
//
// 200 waiting-room displays hold GET /api/events?audience=display open (one enrolled display
// device, its token reused by every connection: the server fans out per connection either
// way). A kiosk then checks in N patients through POST /api/kiosk/sync, one every 50 ms
// whatever the deliveries are doing (open loop). For every check-in and every display we take
// the time the display's socket delivered the `queue.upsert` for that entry (matched by entryId,
// an opaque id made from the check-in's op id) minus the time the kiosk had the sync answer in hand: the answer is
// sent only after the check-in's transaction committed, so that is "committed and
// acknowledged". The server wakes the event stream as soon as the transaction commits, before it
// writes the answer, so a display may see the entry first; such a delivery counts as 0 ms (and
// is counted). The time from sending the sync request is given too, as an upper bound.
//
// The displays and the kiosk run in the bench's own process, so that process's event loop
// (200 sockets, parsing) is part of every figure: a real display is its own machine.
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { queueEntryId } from '$lib/queue/entry-id';
import { checkInOp, sync, type Staff } from './support/api';
import type { ReportRow } from './support/report';
import { ms } from './support/report';
import { size } from './support/smoke';
import { rounded, sleep, summarize, type Summary } from './support/stats';

export const DISPLAY_CLIENTS = size(200, 5);
/** Check-ins measured, and warm-up check-ins before them (first query plans, hub caches). */
export const MEASURED_CHECKINS = size(40, 3);
export const WARMUP_CHECKINS = size(3, 1);
const SPACING_MS = 50;
/** How long after the last answer a delivery may still arrive before it counts as missing. */
const GRACE_MS = 5000;

export interface DisplayLatencyResult {
	clients: number;
	checkIns: number;
	spacingMs: number;
	/** Sync answer in hand → display socket delivered it (negative values clamped to 0). */
	ackToDisplayMs: Summary;
	/** Deliveries that reached the display before the kiosk had its answer. */
	deliveredBeforeAck: number;
	/** Sync request sent → display socket delivered it. */
	sendToDisplayMs: Summary;
	/** Sync request sent → answer in hand. */
	syncRoundTripMs: Summary;
	/** Deliveries expected (clients × check-ins) that never came. */
	missing: number;
	/**
	 * The bench process's own event-loop delay while measuring: a delivery can be stamped no
	 * earlier than the loop gets to it, so a high figure here inflates the latencies above.
	 */
	benchLoopDelayMs: { p50: number; p99: number; max: number };
}

/** One display's event stream; records when each entry's queue.upsert arrived. */
class DisplayStream {
	readonly arrivals = new Map<string, number>();
	readonly ready: Promise<void>;
	private request: http.ClientRequest | null = null;
	private buffer = '';

	constructor(baseUrl: string, token: string) {
		this.ready = new Promise((resolve, reject) => {
			const request = http.get(
				`${baseUrl}/api/events?audience=display`,
				{
					headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
					agent: false
				},
				(response) => {
					if (response.statusCode !== 200) {
						reject(new Error(`display stream: HTTP ${response.statusCode}`));
						response.resume();
						return;
					}
					// Closing the stream at the end resets the socket; that is not a failure.
					response.on('error', () => undefined);
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => {
						// Stamp first: the parsing below is the bench's cost, not the server's.
						const at = performance.now();
						this.buffer += chunk;
						let end: number;
						while ((end = this.buffer.indexOf('\n\n')) !== -1) {
							const message = this.buffer.slice(0, end);
							this.buffer = this.buffer.slice(end + 2);
							if (message.includes('event: snapshot')) resolve();
							else if (message.includes('"type":"queue.upsert"')) {
								const entryId = /"entryId":"([^"]+)"/.exec(message)?.[1];
								if (entryId && !this.arrivals.has(entryId)) this.arrivals.set(entryId, at);
							}
						}
					});
				}
			);
			request.on('error', reject);
			this.request = request;
		});
	}

	close(): void {
		this.request?.destroy();
	}
}

export async function displayLatency(
	staff: Staff,
	appointmentIds: readonly string[]
): Promise<DisplayLatencyResult> {
	if (appointmentIds.length < WARMUP_CHECKINS + MEASURED_CHECKINS) {
		throw new Error('display latency: not enough appointments');
	}
	const displayToken = await staff.enrollToken('display', 'bench display');
	const kioskToken = await staff.enrollToken('kiosk', 'bench latency kiosk');
	const streams = Array.from(
		{ length: DISPLAY_CLIENTS },
		() => new DisplayStream(staff.baseUrl, displayToken)
	);
	try {
		await Promise.all(streams.map((s) => s.ready));
		for (const id of appointmentIds.slice(0, WARMUP_CHECKINS)) {
			await sync(staff.baseUrl, kioskToken, [checkInOp(id)]);
		}
		await sleep(200);

		const measured = appointmentIds.slice(WARMUP_CHECKINS, WARMUP_CHECKINS + MEASURED_CHECKINS);
		const loopDelay = monitorEventLoopDelay({ resolution: 5 });
		loopDelay.enable();
		const sentAt = new Map<string, number>();
		const ackedAt = new Map<string, number>();
		const entryOf = new Map<string, string>();
		const start = performance.now();
		const inFlight: Promise<void>[] = [];
		for (const [i, id] of measured.entries()) {
			const due = start + i * SPACING_MS;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
			inFlight.push(
				(async () => {
					const op = checkInOp(id);
					// The display knows the entry by an opaque id made from the op's (not the appointment).
					entryOf.set(id, queueEntryId(op.id));
					sentAt.set(id, performance.now());
					const [result] = await sync(staff.baseUrl, kioskToken, [op]);
					ackedAt.set(id, performance.now());
					if (result?.outcome !== 'applied') {
						throw new Error(`check-in ${id}: ${result?.outcome} ${result?.reason ?? ''}`);
					}
				})()
			);
		}
		await Promise.all(inFlight);
		const deadline = performance.now() + GRACE_MS;
		const complete = () =>
			streams.every((s) => measured.every((id) => s.arrivals.has(entryOf.get(id) ?? '')));
		while (!complete() && performance.now() < deadline) await sleep(20);
		loopDelay.disable();
		const loopMs = (ns: number) => Math.round(ns / 1e4) / 100;

		const fromAck: number[] = [];
		const fromSend: number[] = [];
		let early = 0;
		let missing = 0;
		for (const stream of streams) {
			for (const id of measured) {
				const at = stream.arrivals.get(entryOf.get(id) ?? '');
				if (at === undefined) {
					missing++;
					continue;
				}
				const sinceAck = at - (ackedAt.get(id) ?? NaN);
				if (sinceAck < 0) early++;
				fromAck.push(Math.max(0, sinceAck));
				fromSend.push(at - (sentAt.get(id) ?? NaN));
			}
		}
		return {
			clients: DISPLAY_CLIENTS,
			checkIns: measured.length,
			spacingMs: SPACING_MS,
			ackToDisplayMs: rounded(summarize(fromAck), 2),
			deliveredBeforeAck: early,
			sendToDisplayMs: rounded(summarize(fromSend), 2),
			syncRoundTripMs: rounded(
				summarize(measured.map((id) => (ackedAt.get(id) ?? NaN) - (sentAt.get(id) ?? NaN))),
				2
			),
			missing,
			benchLoopDelayMs: {
				p50: loopMs(loopDelay.percentile(50)),
				p99: loopMs(loopDelay.percentile(99)),
				max: loopMs(loopDelay.max)
			}
		};
	} finally {
		for (const stream of streams) stream.close();
	}
}

export function displayLatencyRows(r: DisplayLatencyResult): ReportRow[] {
	const deliveries = r.clients * r.checkIns;
	return [
		{
			what: `check-in acked → display, ${r.clients} displays, p99`,
			target: 'p99 ≤ 50 ms',
			measured: `${ms(r.ackToDisplayMs.p99)} (p50 ${ms(r.ackToDisplayMs.p50)})`,
			met: r.ackToDisplayMs.p99 <= 50 && r.missing === 0
		},
		{
			what: '  sync sent → display (upper bound), p99',
			target: '',
			measured: `${ms(r.sendToDisplayMs.p99)} (p50 ${ms(r.sendToDisplayMs.p50)})`,
			met: null
		},
		{
			what: "  the bench's own event-loop delay, p99",
			target: '',
			measured: ms(r.benchLoopDelayMs.p99),
			met: null
		},
		{
			what: '  deliveries missing / before the ack',
			target: '0 missing',
			measured: `${r.missing} / ${r.deliveredBeforeAck} of ${deliveries}`,
			met: r.missing === 0
		}
	];
}
