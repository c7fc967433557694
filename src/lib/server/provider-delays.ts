import type { App } from './app';
import type { StaffUser } from './auth';
import { withEvents } from './events/write';
import { audit } from './audit';
import type { DelayRefusal } from '$lib/schemas/desk';
import type { StaffResult } from '$lib/schemas/staff';
import { siteDay } from '$lib/site-time';

/**
 * A provider's delay set by hand ("Dr. Lee is 20 minutes behind"), for one site day. It is a
 * floor under the measured delay (src/lib/queue/estimate.ts): the display says it and every
 * estimate for that provider starts from it. Tomorrow it is gone by itself.
 */

/** Sets (or, with 0, clears) one provider's delay for today. */
export async function setProviderDelay(
	app: App,
	staff: StaffUser,
	providerId: string,
	minutes: number,
	ip: string | null
): Promise<StaffResult<DelayRefusal>> {
	const config = app.sites.get(staff.siteId);
	const provider = await app.db
		.selectFrom('providers')
		.select('id')
		.where('id', '=', providerId)
		.where('site_id', '=', staff.siteId)
		.executeTakeFirst();
	if (!config || !provider) return { ok: false, reason: 'no-such-provider' };
	const day = siteDay(config.timezone);
	const now = Date.now();
	return withEvents(app, async (trx, emit) => {
		await trx
			.insertInto('provider_delays')
			.values({
				provider_id: providerId,
				site_day: day,
				site_id: staff.siteId,
				minutes,
				set_by: staff.id,
				set_at: now
			})
			.onConflict((oc) =>
				oc
					.columns(['provider_id', 'site_day'])
					.doUpdateSet({ minutes, set_by: staff.id, set_at: now })
			)
			.execute();
		await emit(staff.siteId, 'provider.delay', { providerId });
		// No patient's data: the audit row says who told the room what.
		await audit(trx, { type: 'staff', id: staff.id, ip }, 'provider.delay', null, {
			providerId,
			minutes,
			siteDay: day
		});
		return { ok: true };
	});
}
