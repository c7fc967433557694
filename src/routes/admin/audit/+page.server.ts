import type { PageServerLoad } from './$types';
import { auditActions, auditPage } from '$lib/server/audit-log';
import { clientIp } from '$lib/server/http';
import { requireAdmin } from '$lib/server/reception-actions';
import { readAuditFilter } from '$lib/schemas/audit';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const admin = requireAdmin(locals, url);
	const { app } = locals;
	const read = readAuditFilter(url.searchParams);
	const rawBefore = url.searchParams.get('before');
	const before = rawBefore !== null && /^\d{1,15}$/.test(rawBefore) ? Number(rawBefore) : null;
	const actions = await auditActions(app.db);
	if (!read.ok) {
		return { actions, filter: null, badField: read.field, page: { rows: [], next: null }, before };
	}
	const page = await auditPage(app, admin, read.filter, before, clientIp(event));
	return { actions, filter: read.filter, badField: null, page, before };
};
