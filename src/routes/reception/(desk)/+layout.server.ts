import type { LayoutServerLoad } from './$types';
import { requireStaff, siteConfigFor } from '$lib/server/reception-actions';
import { pendingChangeCount } from '$lib/server/change-list';

/** Every page in here needs a signed-in staff member; the sign-in page lives outside. */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const staff = requireStaff(locals, url);
	const config = siteConfigFor(locals.app, staff);
	return {
		staffName: staff.displayName,
		isAdmin: staff.role === 'admin',
		/** Until the idle sign-out, unless the user does something (StaffIdleGuard). */
		idleLeftMs: (locals.staffSession?.idleEndsAt ?? Date.now()) - Date.now(),
		/** Beside the "Changes" link; live pages keep it current (PendingChanges). */
		pendingChanges: await pendingChangeCount(locals.app, staff),
		site: {
			name: config.name,
			timezone: config.timezone,
			walkInDurationMin: config.waitEstimate.walkInDurationMin,
			lateMinutes: config.checkInWindow.lateMinutes
		}
	};
};
