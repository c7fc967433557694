import type { App } from './app';
import type { StaffUser } from './auth';
import { siteDay, siteDayBounds } from '$lib/site-time';
import type { KioskScreenName } from '$lib/schemas/sync';
import type { KioskStats, ScreenCounts } from '$lib/schemas/kiosk-stats';

/**
 * The kiosks' day at one site (issue 10): visits, where they ended, time per screen, scanning and
 * help, and the feedback. Read from `kiosk_visits` and `kiosk_feedback`, which hold only hour
 * slots: a slot belongs to the site day its hour starts in. A day is at most a few hundred rows,
 * so the figures are worked out here, the same on SQLite and PostgreSQL.
 */
export async function kioskStats(
	app: App,
	staff: StaffUser,
	day: string | undefined
): Promise<KioskStats> {
	const config = app.sites.get(staff.siteId);
	if (!config) throw new Error(`no site config for ${staff.siteId}`);
	const theDay = day ?? siteDay(config.timezone);
	const { start, end } = siteDayBounds(config.timezone, theDay);
	const [visits, answers] = await Promise.all([
		app.db
			.selectFrom('kiosk_visits')
			.select(['outcome', 'ended_on', 'steps', 'scan_attempts', 'fell_back', 'help'])
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

	const abandonedOn: ScreenCounts = {};
	const resetOn: ScreenCounts = {};
	const helpOn: ScreenCounts = {};
	const timesOn = new Map<KioskScreenName, number[]>();
	const scanAttempts: number[] = [];
	let completed = 0;
	let errors = 0;
	let fellBack = 0;
	for (const visit of visits) {
		if (visit.outcome === 'checked-in') completed += 1;
		else if (visit.outcome === 'abandoned') bump(abandonedOn, visit.ended_on);
		else if (visit.outcome === 'reset') bump(resetOn, visit.ended_on);
		else errors += 1;
		if (Number(visit.fell_back)) fellBack += 1;
		for (const screen of JSON.parse(visit.help) as KioskScreenName[]) bump(helpOn, screen);
		// A screen shown twice in one visit (back to the details, say) counts once, in total.
		const perScreen = new Map<KioskScreenName, number>();
		for (const step of JSON.parse(visit.steps) as { screen: KioskScreenName; ms: number }[]) {
			perScreen.set(step.screen, (perScreen.get(step.screen) ?? 0) + step.ms);
		}
		for (const [screen, ms] of perScreen) {
			const list = timesOn.get(screen) ?? [];
			list.push(ms);
			timesOn.set(screen, list);
		}
		if (perScreen.has('scan')) scanAttempts.push(Number(visit.scan_attempts));
	}
	const medianMsOn: ScreenCounts = {};
	for (const [screen, list] of timesOn) medianMsOn[screen] = Math.round(median(list) ?? 0);

	const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
	let total = 0;
	for (const { score } of answers) {
		const s = Number(score) as 1 | 2 | 3 | 4 | 5;
		distribution[s] += 1;
		total += s;
	}
	return {
		siteId: staff.siteId,
		day: theDay,
		timezone: config.timezone,
		visits: visits.length,
		completed,
		abandonedOn,
		resetOn,
		errors,
		medianMsOn,
		scanAttemptsMedian: median(scanAttempts),
		fellBackToLookup: fellBack,
		helpOn,
		feedback: {
			count: answers.length,
			meanScore: answers.length ? Math.round((total / answers.length) * 100) / 100 : null,
			distribution
		}
	};
}

function bump(counts: ScreenCounts, screen: KioskScreenName) {
	counts[screen] = (counts[screen] ?? 0) + 1;
}

/** The middle value; of an even count, the mean of the two middle ones. Null for none. */
export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
