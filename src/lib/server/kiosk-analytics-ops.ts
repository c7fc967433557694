import type { FeedbackPayload, KioskErrorPayload, VisitStepsPayload } from '$lib/schemas/sync';
import type { OpWork, Verdict } from './kiosk-ops';

/**
 * The kiosk's anonymous ops (issue 10): a patient's answer to the one question after the ticket,
 * how a visit went through the screens, and an error the kiosk recovered from. Nothing here names
 * a patient or an appointment; feedback does not even keep the device.
 */

export async function applyFeedback(
	{ trx, device, opId }: OpWork,
	payload: FeedbackPayload
): Promise<Verdict> {
	await trx
		.insertInto('kiosk_feedback')
		.values({
			id: opId,
			site_id: device.siteId,
			slot: payload.slot,
			language: payload.language,
			method: payload.method,
			score: payload.score
		})
		.execute();
	return { outcome: 'applied' };
}

export async function applyVisitSteps(
	{ trx, device, opId }: OpWork,
	payload: VisitStepsPayload
): Promise<Verdict> {
	await trx
		.insertInto('kiosk_visits')
		.values({
			id: opId,
			site_id: device.siteId,
			device_id: device.id,
			slot: payload.slot,
			language: payload.language,
			method: payload.method,
			outcome: payload.outcome,
			ended_on: payload.endedOn,
			steps: JSON.stringify(payload.steps),
			scan_attempts: payload.scanAttempts,
			fell_back: payload.fellBackToLookup ? 1 : 0,
			help: JSON.stringify(payload.help)
		})
		.execute();
	return { outcome: 'applied' };
}

export async function applyKioskError(
	{ trx, emit, device, opId, now }: OpWork,
	payload: KioskErrorPayload
): Promise<Verdict> {
	const known = await trx
		.selectFrom('devices')
		.select('app_version')
		.where('id', '=', device.id)
		.executeTakeFirst();
	await trx
		.insertInto('device_events')
		.values({
			id: opId,
			site_id: device.siteId,
			device_id: device.id,
			at: Math.min(payload.at, now),
			kind: 'error',
			screen: payload.screen,
			name: payload.name,
			app_version: known?.app_version ?? null
		})
		.execute();
	// The desk's device health follows device events.
	await emit(device.siteId, 'device.changed', { deviceId: device.id });
	return { outcome: 'applied' };
}
