import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/reception-actions';
import { siteConfigReport } from '$lib/server/site-config-report';

/** The site's configuration, read-only, with its validation result (issue 11), admin only. */
export const load: PageServerLoad = ({ locals, url }) => {
	const admin = requireAdmin(locals, url);
	return { report: siteConfigReport(locals.app, admin.siteId) };
};
