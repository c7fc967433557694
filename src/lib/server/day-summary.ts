import type { App } from './app';
import type { StaffUser } from './auth';
import { siteDay, siteDayBounds } from '$lib/site-time';
import { daySummary, type DaySummary } from '$lib/summary/day-summary';

/**
 * One site day's summary for reception (issue 11). It reads only sources, times, statuses and the
 * kiosks' anonymous visit rows, never a name or a birth date, so it is not a read of patient data
 * and is not audited.
 */
export async function readDaySummary(
	app: App,
	staff: StaffUser,
	day: string | undefined
): Promise<DaySummary & { day: string; timezone: string }> {
	const config = app.sites.get(staff.siteId);
	if (!config) throw new Error(`no site config for ${staff.siteId}`);
	const theDay = day ?? siteDay(config.timezone);
	const { start, end } = siteDayBounds(config.timezone, theDay);
	const [entries, noShows, visits, answers] = await Promise.all([
		app.db
			.selectFrom('queue_entries')
			.select(['source', 'appointment_id', 'arrived_at', 'called_at'])
			.where('site_id', '=', staff.siteId)
			.where('site_day', '=', theDay)
			.execute(),
		app.db
			.selectFrom('appointments')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('site_id', '=', staff.siteId)
			.where('site_day', '=', theDay)
			.where('status', '=', 'no-show')
			.executeTakeFirst(),
		app.db
			.selectFrom('kiosk_visits')
			.select(['outcome', 'ended_on', 'steps'])
			.where('site_id', '=', staff.siteId)
			.where('slot', '>=', start)
			.where('slot', '<', end)
			.execute(),
		app.db
			.selectFrom('kiosk_feedback')
			.select('score')
			.where('site_id', '=', staff.siteId)
			.where('slot', '>=', start)
			.where('slot', '<', end)
			.execute()
	]);
	const summary = daySummary(
		config.timezone,
		entries.map((e) => ({
			source: e.source,
			walkIn: e.appointment_id === null,
			arrivedAt: Number(e.arrived_at),
			calledAt: e.called_at === null ? null : Number(e.called_at)
		})),
		visits.map((v) => ({
			outcome: v.outcome,
			endedOn: v.ended_on,
			totalMs: (JSON.parse(v.steps) as { ms: number }[]).reduce((a, s) => a + s.ms, 0)
		})),
		Number(noShows?.n ?? 0),
		answers.map((a) => Number(a.score))
	);
	return { ...summary, day: theDay, timezone: config.timezone };
}
