import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const { app } = locals;
	await app.db.selectFrom('events').select('id').limit(1).execute();
	return json({ status: 'ok', db: app.dialect, version: app.version });
};
