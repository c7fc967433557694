import type { LayoutServerLoad } from './$types';
import { requireStaff, siteConfigFor } from '$lib/server/reception-actions';

/** Every page in here needs a signed-in staff member; the sign-in page lives outside. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const staff = requireStaff(locals, url);
	const config = siteConfigFor(locals.app, staff);
	return {
		staffName: staff.displayName,
		site: {
			name: config.name,
			timezone: config.timezone,
			walkInDurationMin: config.waitEstimate.walkInDurationMin,
			lateMinutes: config.checkInWindow.lateMinutes
		}
	};
};
