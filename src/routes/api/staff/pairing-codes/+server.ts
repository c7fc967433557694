import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson, requireStaffApi } from '$lib/server/http';
import { createPairingCode } from '$lib/server/devices';
import { PairingRequest } from '$lib/schemas/staff';

export const POST: RequestHandler = async ({ request, locals }) => {
	const staff = requireStaffApi(locals);
	const body = await readJson(request, PairingRequest, 1024);
	return json(await createPairingCode(locals.app.db, staff, body.kind, body.name), { status: 201 });
};
