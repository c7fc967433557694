// SvelteKit's own encoding of action data (a dependency of @sveltejs/kit).
import { parse } from 'devalue';
import type { Client } from './clients';
import type { TestServer } from './server';

/** What a form action answered, as `use:enhance` reads it (`type`, `status`, the action's data). */
export interface ActionAnswer {
	/** The HTTP status, or the status inside an enhanced answer (a `fail(400)` is a 200 on the wire). */
	status: number;
	type: 'success' | 'failure' | 'redirect' | 'error' | 'none';
	data: Record<string, unknown> | null;
	location: string | null;
}

/**
 * Posts a form to a page's named action the way an enhanced form does (`x-sveltekit-action`),
 * with the page's own Origin; SvelteKit's devalue-encoded `data` is decoded for the test.
 */
export async function postAction(
	server: TestServer,
	client: Client,
	path: string,
	action: string,
	fields: Record<string, string>
): Promise<ActionAnswer> {
	const response = await client.request('POST', `${path}?/${action}`, {
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.baseUrl,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	const text = await response.text();
	if (!(response.headers.get('content-type') ?? '').includes('application/json')) {
		return {
			status: response.status,
			type: 'none',
			data: null,
			location: response.headers.get('location')
		};
	}
	const body = JSON.parse(text) as {
		type: ActionAnswer['type'];
		status?: number;
		data?: string;
		location?: string;
	};
	return {
		status: body.status ?? response.status,
		type: body.type,
		data: body.data ? (parse(body.data) as Record<string, unknown>) : null,
		location: body.location ?? null
	};
}
