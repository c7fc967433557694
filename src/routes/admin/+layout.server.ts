import type { LayoutServerLoad } from './$types';
import { receptionLanguage, requireAdmin, siteConfigFor } from '$lib/server/reception-actions';

/** Every admin page needs a signed-in administrator; each page checks again (loads run in parallel). */
export const load: LayoutServerLoad = ({ locals, url, cookies }) => {
	const admin = requireAdmin(locals, url);
	const config = siteConfigFor(locals.app, admin);
	return {
		language: receptionLanguage(cookies),
		staffName: admin.displayName,
		site: { name: config.name, timezone: config.timezone },
		idleLeftMs: (locals.staffSession?.idleEndsAt ?? Date.now()) - Date.now()
	};
};
