import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { auditExport, csvCell } from '$lib/server/audit-log';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { readAuditFilter } from '$lib/schemas/audit';

const HEADER = [
	'id',
	'at (UTC)',
	'actor type',
	'actor id',
	'actor',
	'patient id',
	'action',
	'detail',
	'address'
];

/** The audit rows the admin's filter matches, as a CSV file (the export is audited too). */
export const GET: RequestHandler = async (event) => {
	const admin = requireStaffApi(event.locals, 'admin');
	const read = readAuditFilter(event.url.searchParams);
	if (!read.ok)
		error(400, { message: `The filter "${read.field}" is not valid.`, code: 'bad-filter' });
	const { rows, truncated } = await auditExport(
		event.locals.app,
		admin,
		read.filter,
		clientIp(event)
	);
	const lines = [HEADER.map(csvCell).join(',')];
	for (const r of rows) {
		lines.push(
			[
				r.id,
				new Date(r.at).toISOString(),
				r.actorType,
				r.actorId,
				r.actorName,
				r.patientId,
				r.action,
				r.detail,
				r.ip
			]
				.map(csvCell)
				.join(',')
		);
	}
	const day = new Date().toISOString().slice(0, 10);
	return new Response(`\ufeff${lines.join('\r\n')}\r\n`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="front-desk-audit-${day}.csv"`,
			'cache-control': 'no-store',
			...(truncated ? { 'x-front-desk-truncated': 'true' } : {})
		}
	});
};
