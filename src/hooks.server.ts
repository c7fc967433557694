import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { SESSION_COOKIE, userForSession } from '$lib/server/auth';

export const init: ServerInit = async () => {
	await getApp();
};

export const handle: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	event.locals.app = app;
	event.locals.staff = await userForSession(app.db, event.cookies.get(SESSION_COOKIE));
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'no-referrer');
	if (!event.url.pathname.startsWith('/reception/letters')) {
		response.headers.set('x-frame-options', 'DENY');
	}
	return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : 'Something went wrong on the server.' };
};
