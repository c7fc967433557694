import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/reception-actions';

/** The admin's first page is the audit log. */
export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	redirect(303, '/admin/audit');
};
