import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clientIp, requireStaffApi } from '$lib/server/http';
import { patientRecord } from '$lib/server/patient-record';

/** One patient's record as the desk's patient view shows it; each read is audited. */
export const GET: RequestHandler = async (event) => {
	const staff = requireStaffApi(event.locals);
	const record = await patientRecord(event.locals.app, staff, event.params.id, clientIp(event));
	if (!record) error(404, { message: 'No such patient at this clinic.', code: 'not-found' });
	return json(record, { headers: { 'cache-control': 'no-store' } });
};
