import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { checkDb } from '$lib/server/db';

export const GET: RequestHandler = async ({ locals }) => {
	const { app } = locals;
	await checkDb(app.db);
	return json({ status: 'ok', db: app.dialect, version: app.version });
};
