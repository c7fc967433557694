import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { clientIp } from '$lib/server/http';
import { todaysAppointments } from '$lib/server/appointments';
import { requireStaff, siteConfigFor } from '$lib/server/reception-actions';
import { checkInAction, noShowAction, undoAction } from '$lib/server/desk-actions';
import { countByList, filterDay, minutesLate, suggestsNoShow } from '$lib/queue/day-list';
import { DAY_FILTERS } from '$lib/schemas/desk';

/**
 * Today's appointments as the desk's day list (issue 11): expected (booked, not here yet, late
 * after their time), waiting, called, in room, done, no-show, cancelled; narrowed by a plain
 * GET form (provider, list, name or birth date), so it works before the page is live.
 */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event.locals, event.url);
	const config = siteConfigFor(event.locals.app, staff);
	const { searchParams } = event.url;
	const list = v.is(v.picklist(DAY_FILTERS), searchParams.get('list'))
		? (searchParams.get('list') as (typeof DAY_FILTERS)[number])
		: 'all';
	const filter = {
		providerId: (searchParams.get('provider') ?? '').slice(0, 60),
		list,
		search: (searchParams.get('q') ?? '').slice(0, 80)
	};
	const all = await todaysAppointments(event.locals.app, staff, clientIp(event));
	const providers = [...new Map(all.map((a) => [a.providerId, a.providerName])).entries()]
		.map(([id, name]) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const counts = countByList(
		all.filter((a) => !filter.providerId || a.providerId === filter.providerId)
	);
	const now = Date.now();
	const noShowAfter = config.desk.noShowAfterMinutes;
	// The visit type is clinical: the desk list does not need it on screen.
	return {
		filter,
		providers,
		counts,
		total: all.length,
		now,
		appointments: filterDay(all, filter).map((a) => ({
			id: a.id,
			startsAt: a.startsAt,
			status: a.status,
			ticket: a.ticket,
			providerName: a.providerName,
			patientName: a.patientName,
			patientDob: a.patientDob,
			dobLocked: a.dobLocked,
			cancelReason: a.cancelReason,
			minutesLate: minutesLate(a, now),
			suggestNoShow: suggestsNoShow(a, now, noShowAfter)
		}))
	};
};

export const actions: Actions = {
	checkIn: checkInAction,
	noShow: noShowAction,
	undo: undoAction
};
