// Issue 9: "sync of a check-in with two 300 KB card photos (time to acknowledged, with the
// check-in itself acknowledged before the photos)".
//
// One enrolled kiosk token, in Node. Each visit is what the kiosk writes when a patient with new
// insurance photographs both sides of the card: a check-in, the sealed edits, and two sealed
// 300 KB photos (random bytes behind a JPEG marker: as incompressible as a real photo), sealed
// by the kiosk's own code (src/lib/intake/seal.ts). Front Desk sends them as the kiosk's sync
// engine cuts them (src/lib/kiosk/batch.ts): the check-in and the edits in one request, each
// photo in its own. Beside it, what a kiosk that sends its outbox as one request would do: all
// four ops together, so the check-in is acknowledged only once both photos have arrived. Each
// time runs from the first request sent to the answer that acknowledges the op; visits run one
// after another, on fresh appointments, and every op must come back `applied`.
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { VisitSealer, sealLabel } from '$lib/intake/seal';
import { withinBudget } from '$lib/kiosk/batch';
import { SYNC_BATCH_BYTES } from '$lib/schemas/limits';
import { uuidv7 } from '../src/lib/kiosk/uuidv7';
import { checkInOp, type Staff } from './support/api';
import { ms, type ReportRow } from './support/report';
import { size } from './support/smoke';
import { rounded, summarize, type Summary } from './support/stats';

export const PHOTO_VISITS = size(15, 2);
const PHOTO_BYTES = 300 * 1024;

export interface PhotoSyncResult {
	visits: number;
	photoBytes: number;
	/** Front Desk: check-in and edits together, each photo alone. */
	split: { checkInAckMs: Summary; allAckMs: Summary; requests: number; checkInFirst: number };
	/** The alternative: the whole visit in one request. */
	oneRequest: { checkInAckMs: Summary; allAckMs: Summary };
	outcomes: Record<string, number>;
}

interface Op {
	id: string;
	type: string;
	payload: Record<string, unknown>;
}

function photo(): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(randomBytes(PHOTO_BYTES));
	bytes.set([0xff, 0xd8, 0xff, 0xe0]);
	return bytes;
}

async function visitOps(key: JWK, appointmentId: string): Promise<Op[]> {
	const sealer = await VisitSealer.create(key);
	const at = Date.now();
	const changeId = uuidv7(at + 1);
	const proposal = {
		contact: { phone: '(212) 555-0177' },
		insurance: {
			kind: 'new',
			insurance: {
				payer: 'Cigna',
				memberId: 'CX12345678',
				groupNumber: 'G77',
				relationship: 'self',
				holderName: '',
				holderDob: ''
			}
		},
		photos: ['front', 'back']
	};
	const ops: Op[] = [
		checkInOp(appointmentId, at) as unknown as Op,
		{
			id: changeId,
			type: 'changes',
			createdAt: at,
			payload: {
				appointmentId,
				sealed: await sealer.sealJson(proposal, sealLabel('changes', appointmentId)),
				at
			}
		} as Op
	];
	for (const [i, side] of (['front', 'back'] as const).entries()) {
		ops.push({
			id: uuidv7(at + 2 + i),
			type: 'card-photo',
			createdAt: at,
			payload: {
				appointmentId,
				changeId,
				side,
				sealed: await sealer.seal(photo(), sealLabel(`card-${side}`, appointmentId)),
				at
			}
		} as Op);
	}
	return ops;
}

async function post(baseUrl: string, token: string, ops: Op[]) {
	const response = await fetch(`${baseUrl}/api/kiosk/sync`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({ ops })
	});
	if (!response.ok) throw new Error(`sync answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { results: { id: string; outcome: string }[] }).results;
}

/** Sends `ops` in the given requests; when each op was acknowledged, from the first send. */
async function send(
	baseUrl: string,
	token: string,
	requests: Op[][],
	outcomes: Record<string, number>
) {
	const acked = new Map<string, number>();
	const start = performance.now();
	for (const request of requests) {
		const results = await post(baseUrl, token, request);
		const at = performance.now() - start;
		for (const r of results) {
			acked.set(r.id, at);
			outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
		}
	}
	return acked;
}

export async function photoSync(
	staff: Staff,
	appointmentIds: readonly string[]
): Promise<PhotoSyncResult> {
	if (appointmentIds.length < 2 * PHOTO_VISITS)
		throw new Error('photo sync: not enough appointments');
	const token = await staff.enrollToken('kiosk', 'bench photo kiosk');
	const bootstrap = await fetch(`${staff.baseUrl}/api/kiosk/bootstrap`, {
		headers: { authorization: `Bearer ${token}` }
	});
	const { intakeKey } = (await bootstrap.json()) as { intakeKey: JWK };
	const outcomes: Record<string, number> = {};
	const split = { checkIn: [] as number[], all: [] as number[], requests: 0, checkInFirst: 0 };
	const one = { checkIn: [] as number[], all: [] as number[] };
	for (let i = 0; i < PHOTO_VISITS; i++) {
		const ops = await visitOps(intakeKey, appointmentIds[2 * i]);
		const requests: Op[][] = [];
		for (let rest = ops; rest.length > 0;) {
			const batch = withinBudget(rest as never[], SYNC_BATCH_BYTES) as Op[];
			requests.push(batch);
			rest = rest.slice(batch.length);
		}
		split.requests += requests.length;
		const acked = await send(staff.baseUrl, token, requests, outcomes);
		const checkIn = acked.get(ops[0].id) ?? Infinity;
		const photos = ops.slice(2).map((op) => acked.get(op.id) ?? Infinity);
		split.checkIn.push(checkIn);
		split.all.push(Math.max(...acked.values()));
		if (checkIn < Math.min(...photos)) split.checkInFirst += 1;

		const together = await visitOps(intakeKey, appointmentIds[2 * i + 1]);
		const ackedTogether = await send(staff.baseUrl, token, [together], outcomes);
		one.checkIn.push(ackedTogether.get(together[0].id) ?? Infinity);
		one.all.push(Math.max(...ackedTogether.values()));
	}
	const sent = PHOTO_VISITS * 2 * 4;
	if (outcomes.applied !== sent) {
		throw new Error(`photo sync: ${JSON.stringify(outcomes)} of ${sent} ops (all must be applied)`);
	}
	return {
		visits: PHOTO_VISITS,
		photoBytes: PHOTO_BYTES,
		split: {
			checkInAckMs: rounded(summarize(split.checkIn)),
			allAckMs: rounded(summarize(split.all)),
			requests: split.requests,
			checkInFirst: split.checkInFirst
		},
		oneRequest: {
			checkInAckMs: rounded(summarize(one.checkIn)),
			allAckMs: rounded(summarize(one.all))
		},
		outcomes
	};
}

export function photoSyncRows(r: PhotoSyncResult): ReportRow[] {
	return [
		{
			what: `check-in + two 300 KB card photos: check-in acknowledged (p50 of ${r.visits})`,
			target: 'before the photos',
			measured: `${ms(r.split.checkInAckMs.p50)} (whole visit in one request: ${ms(r.oneRequest.checkInAckMs.p50)}); first in ${r.split.checkInFirst}/${r.visits}`,
			met: r.split.checkInFirst === r.visits
		},
		{
			what: 'check-in + two 300 KB card photos: all acknowledged (p50)',
			target: '',
			measured: `${ms(r.split.allAckMs.p50)} in ${r.split.requests / r.visits} requests (one request: ${ms(r.oneRequest.allAckMs.p50)}), every op applied`,
			met: null
		}
	];
}
