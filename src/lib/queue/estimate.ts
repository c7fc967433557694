/**
 * Honest wait estimates (DESIGN §6). Pure and dependency-free so the server, the display and the
 * patient's phone agree. "Honest" means: built from what the provider is actually doing today
 * (measured delay, who is in the room, who is ahead), never shorter than what the room can see,
 * rounded up rather than down, and capped in wording ("over 90 minutes") rather than pretending
 * to precision.
 */
import { orderQueue, queueSortKey } from './order';
import type { QueueEntryView } from './types';

const MINUTE_MS = 60_000;
/** How many of the provider's latest calls the running delay is measured over. */
export const DELAY_SAMPLE_SIZE = 5;
/** Above this, the wording becomes "over 90 minutes": long estimates are not that precise. */
export const WAIT_CAP_MIN = 90;
/** Estimates are shown in steps of this many minutes, always rounded up. */
export const WAIT_STEP_MIN = 5;

export interface EstimateOptions {
	/**
	 * Visit length for walk-ins (the site's `waitEstimate.walkInDurationMin`). Without it a
	 * walk-in's own `durationMin` is used.
	 */
	walkInDurationMin?: number;
	/**
	 * Provider id → the delay the desk set by hand, in minutes: a floor under the measured one,
	 * so "Dr. Lee is 20 minutes behind" moves every estimate for Dr. Lee.
	 */
	manualDelays?: Readonly<Record<string, number>>;
	/**
	 * How many visits the booked length counts as when it is blended with the visits the
	 * provider actually finished today (the site's `waitEstimate.priorVisits`, default 3).
	 */
	priorVisits?: number;
}

/** The default weight of the booked visit length against today's measured ones. */
export const DEFAULT_PRIOR_VISITS = 3;
/** A measured visit shorter or longer than this is a mis-tap, not a visit, and is ignored. */
const MEASURED_VISIT_MIN = 1;
const MEASURED_VISIT_MAX = 180;
/** From this delay on, the provider's lateness is said in words (the site may raise it). */
export const DELAY_NOTICE_MIN = 10;

/** Language-free wording of a wait; the UI translates it ("about 20 minutes"). */
export type WaitDescription =
	| { kind: 'now' }
	| { kind: 'about'; low: number; high: number }
	| { kind: 'over'; minutes: number }
	| { kind: 'unknown' };

/** Why estimates grew, said beside them ("Dr. Lee is running about 20 minutes late"). */
export interface DelayReason {
	kind: 'running-late';
	/** In 5-minute steps, never below the notice threshold. */
	minutes: number;
	/** 'manual' when the desk's delay is what sets it, 'measured' otherwise. */
	source: 'manual' | 'measured';
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Running delay from one provider's rows (already filtered), in whole minutes, >= 0. */
function delayFor(providerEntries: readonly QueueEntryView[], now: number, manual = 0): number {
	// Measured: how long after their place in line (slot, or arrival when late / walk-in) the
	// latest patients were actually called. Lateness that is the patient's own (arriving after
	// the slot) is not the provider's delay, hence queueSortKey rather than slotAt.
	const recentLateness = providerEntries
		.filter((entry): entry is QueueEntryView & { calledAt: number } => entry.calledAt !== null)
		.sort((a, b) => b.calledAt - a.calledAt)
		.slice(0, DELAY_SAMPLE_SIZE)
		.map((entry) => entry.calledAt - queueSortKey(entry));
	const measured = recentLateness.length > 0 ? Math.round(median(recentLateness) / MINUTE_MS) : 0;

	// Visible: a scheduled patient still waiting past their place in line means the provider is
	// at least that far behind right now, whatever the history says (e.g. the first patient of
	// the morning is still waiting and nobody has been called yet).
	let visibleMs = 0;
	for (const entry of providerEntries) {
		if (entry.status !== 'waiting' || entry.slotAt === null) continue;
		visibleMs = Math.max(visibleMs, now - queueSortKey(entry));
	}
	const visible = Math.floor(visibleMs / MINUTE_MS);

	return Math.max(0, measured, visible, Number.isFinite(manual) ? manual : 0);
}

/**
 * The provider's running delay in whole minutes, never negative; 0 when nothing is known.
 * `entries` is today's queue (a snapshot only ever holds the site's day).
 */
export function runningDelayMinutes(
	entries: readonly QueueEntryView[],
	providerId: string,
	now: number,
	manualDelays: Readonly<Record<string, number>> = {}
): number {
	return delayFor(
		entries.filter((entry) => entry.providerId === providerId),
		now,
		manualDelays[providerId]
	);
}

/**
 * Provider id → running delay in minutes, for every provider that has any entry today or a
 * delay set by hand.
 */
export function delaysByProvider(
	entries: readonly QueueEntryView[],
	now: number,
	manualDelays: Readonly<Record<string, number>> = {}
): Record<string, number> {
	const delays: Record<string, number> = {};
	for (const [providerId, minutes] of Object.entries(manualDelays)) {
		if (minutes > 0) delays[providerId] = minutes;
	}
	for (const [providerId, providerEntries] of groupByProvider(entries)) {
		delays[providerId] = delayFor(providerEntries, now, manualDelays[providerId]);
	}
	return delays;
}

/** Minutes from ms, rounded UP to the next step: promising less than we can keep is worse. */
function roundUpMinutes(ms: number): number {
	if (!(ms > 0)) return 0;
	const minutes = Math.ceil(ms / MINUTE_MS);
	return Math.ceil(minutes / WAIT_STEP_MIN) * WAIT_STEP_MIN;
}

/** What today's finished visits of one provider say: how many, and their mean length. */
interface VisitHistory {
	count: number;
	meanMin: number;
}

function visitHistory(providerEntries: readonly QueueEntryView[]): VisitHistory {
	let count = 0;
	let total = 0;
	for (const entry of providerEntries) {
		if (entry.status !== 'completed' || entry.inRoomAt === null || entry.completedAt === null) {
			continue;
		}
		const minutes = (entry.completedAt - entry.inRoomAt) / MINUTE_MS;
		if (!(minutes >= MEASURED_VISIT_MIN && minutes <= MEASURED_VISIT_MAX)) continue;
		count += 1;
		total += minutes;
	}
	return { count, meanMin: count > 0 ? total / count : 0 };
}

/**
 * One visit's expected length: the booked length (or the site's walk-in length) is the prior,
 * counted as `priorVisits` visits, blended with the mean of the visits the provider finished
 * today. With no data it is the booked length; after a morning it is mostly what happened.
 */
function visitMs(entry: QueueEntryView, opts: EstimateOptions, history: VisitHistory): number {
	const booked =
		entry.slotAt === null && opts.walkInDurationMin !== undefined
			? opts.walkInDurationMin
			: entry.durationMin;
	// A missing or nonsensical duration must not make the people behind start "earlier".
	const prior = Number.isFinite(booked) && booked > 0 ? booked : 0;
	const weight = Math.max(0, opts.priorVisits ?? DEFAULT_PRIOR_VISITS);
	const minutes =
		history.count === 0
			? prior
			: (prior * weight + history.meanMin * history.count) / (weight + history.count);
	// Never zero: someone still ahead always takes some time (so nobody behind them is "now").
	return Math.max(MEASURED_VISIT_MIN, minutes) * MINUTE_MS;
}

/** Visit length in minutes the estimates use for `providerId`'s next booked visit of `bookedMin`. */
export function expectedVisitMinutes(
	entries: readonly QueueEntryView[],
	providerId: string,
	bookedMin: number,
	opts: EstimateOptions = {}
): number {
	const history = visitHistory(entries.filter((entry) => entry.providerId === providerId));
	const probe = { slotAt: 0, durationMin: bookedMin } as QueueEntryView;
	return visitMs(probe, opts, history) / MINUTE_MS;
}

/**
 * When the provider is free again, given who is called or in the room with them. The provider
 * sees one patient at a time, so two such patients run back to back. Never before `now`: an
 * overrunning visit is treated as ending now, because we cannot see further.
 */
function busyUntil(
	providerEntries: readonly QueueEntryView[],
	now: number,
	opts: EstimateOptions,
	history: VisitHistory
): number {
	const active = providerEntries
		.filter((entry) => entry.status === 'called' || entry.status === 'in-room')
		.map((entry) => ({ entry, startedAt: entry.inRoomAt ?? entry.calledAt ?? now }))
		.sort((a, b) => a.startedAt - b.startedAt);
	let until = -Infinity;
	for (const { entry, startedAt } of active) {
		until = Math.max(until, startedAt) + visitMs(entry, opts, history);
	}
	return Math.max(now, until);
}

function estimateFor(
	providerEntries: readonly QueueEntryView[],
	now: number,
	opts: EstimateOptions,
	into: Map<string, number>
): void {
	const providerId = providerEntries[0]?.providerId ?? '';
	const delayMs = delayFor(providerEntries, now, opts.manualDelays?.[providerId]) * MINUTE_MS;
	const waiting = orderQueue(providerEntries.filter((entry) => entry.status === 'waiting'));
	const history = visitHistory(providerEntries);
	let freeAt = busyUntil(providerEntries, now, opts, history);
	for (const entry of waiting) {
		// Nobody is seen before their place in line plus the running delay, nor before the
		// provider is free of the patients ahead. (A late arrival's place is its arrival, matching
		// how the delay was measured.)
		const start = Math.max(now, queueSortKey(entry) + delayMs, freeAt);
		into.set(entry.entryId, roundUpMinutes(start - now));
		freeAt = start + visitMs(entry, opts, history);
	}
}

/**
 * Entry id → minutes until that waiting patient is expected to be seen by `providerId`
 * (multiples of 5, rounded up; 0 = now). Only 'waiting' entries of that provider appear.
 */
export function estimateWaits(
	entries: readonly QueueEntryView[],
	providerId: string,
	now: number,
	opts: EstimateOptions = {}
): Map<string, number> {
	const estimates = new Map<string, number>();
	estimateFor(
		entries.filter((entry) => entry.providerId === providerId),
		now,
		opts,
		estimates
	);
	return estimates;
}

/** `estimateWaits` for every provider at once: entry id → minutes, for all waiting entries. */
export function estimateAll(
	entries: readonly QueueEntryView[],
	now: number,
	opts: EstimateOptions = {}
): Map<string, number> {
	const estimates = new Map<string, number>();
	for (const providerEntries of groupByProvider(entries).values()) {
		estimateFor(providerEntries, now, opts, estimates);
	}
	return estimates;
}

/**
 * The top of the range shown for an estimate of `low` minutes: a patient told "10–15" who is
 * seen at 12 was told the truth. The spread grows with the wait (a quarter of it, at least one
 * step), because every visit still ahead can run long. Monotone in `low`.
 */
export function waitRangeHigh(low: number): number {
	const spread = Math.max(WAIT_STEP_MIN, Math.ceil((low * 0.25) / WAIT_STEP_MIN) * WAIT_STEP_MIN);
	return Math.ceil(low / WAIT_STEP_MIN) * WAIT_STEP_MIN + spread;
}

/**
 * Wording bucket for a wait of `minutes` (the estimate: the earliest the patient can expect to
 * be seen); `unknown` when there is none (e.g. not waiting). A wait is a range ("about 10–15
 * minutes"); when the top of the range passes the cap it is "over {low} minutes", which stays
 * true. `now` only at 0, which the estimate never gives while someone is still ahead.
 */
export function describeWait(minutes: number | null | undefined): WaitDescription {
	if (minutes === null || minutes === undefined || Number.isNaN(minutes)) {
		return { kind: 'unknown' };
	}
	if (minutes <= 0) return { kind: 'now' };
	if (minutes >= WAIT_CAP_MIN) return { kind: 'over', minutes: WAIT_CAP_MIN };
	const low = Math.ceil(minutes / WAIT_STEP_MIN) * WAIT_STEP_MIN;
	const high = waitRangeHigh(low);
	if (high > WAIT_CAP_MIN) return { kind: 'over', minutes: low };
	return { kind: 'about', low, high };
}

/**
 * The reason said beside a provider's estimates when they grew, or null while the delay is
 * under `thresholdMin`. `manualMin` is what the desk set: when it is what sets the delay, the
 * reason says so (the desk knows something the call times do not yet show).
 */
export function delayReason(
	delayMin: number,
	manualMin = 0,
	thresholdMin = DELAY_NOTICE_MIN
): DelayReason | null {
	if (!(delayMin >= thresholdMin)) return null;
	const minutes = Math.max(thresholdMin, Math.round(delayMin / WAIT_STEP_MIN) * WAIT_STEP_MIN);
	return { kind: 'running-late', minutes, source: manualMin >= delayMin ? 'manual' : 'measured' };
}

function groupByProvider(entries: readonly QueueEntryView[]): Map<string, QueueEntryView[]> {
	const groups = new Map<string, QueueEntryView[]>();
	for (const entry of entries) {
		const group = groups.get(entry.providerId);
		if (group) group.push(entry);
		else groups.set(entry.providerId, [entry]);
	}
	return groups;
}
