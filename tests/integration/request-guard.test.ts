import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { Client, appointments, type ApiError } from './support/clients';

/** Issue 12: one origin check for every state-changing request, and 4xx for bodies it cannot use. */
describe.each(dialects)('requests refused before any route (%s)', (dialect) => {
	const suite = useServer(dialect);
	const elsewhere = () =>
		suite.server.baseUrl.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`);

	it('refuses a cancel sent from a page of another origin, with the receptionist’s cookie', async () => {
		const [appointment] = (await appointments(suite.staff)).filter((a) => a.status === 'booked');
		const path = `/api/staff/appointments/${appointment.id}/cancel`;
		const crossPort = await suite.staff.expectJson<ApiError>('POST', path, 403, {
			headers: { origin: elsewhere() }
		});
		expect(crossPort).toMatchObject({ code: 'cross-origin' });
		const fetchMetadata = await suite.staff.expectJson<ApiError>('POST', path, 403, {
			headers: { 'sec-fetch-site': 'same-site' }
		});
		expect(fetchMetadata.code).toBe('cross-origin');
		const after = (await appointments(suite.staff)).find((a) => a.id === appointment.id);
		expect(after?.status).toBe('booked');
		// The desk's own page may: same origin.
		await suite.staff.expectJson('POST', path, 200, {
			headers: { origin: suite.server.baseUrl, 'sec-fetch-site': 'same-origin' }
		});
		expect((await appointments(suite.staff)).find((a) => a.id === appointment.id)?.status).toBe(
			'cancelled'
		);
	});

	it('refuses JSON and cross-origin JSON on every state-changing API as well', async () => {
		const result = await suite.staff.expectJson<ApiError>('POST', '/api/staff/pairing-codes', 403, {
			json: { kind: 'kiosk', name: 'Sneaky' },
			headers: { origin: 'http://attacker.test' }
		});
		expect(result.code).toBe('cross-origin');
		const codes = await suite.db.selectFrom('pairing_codes').select('name').execute();
		expect(codes.map((c) => c.name)).not.toContain('Sneaky');
	});

	it('answers 415 or 400, never 500, to a form it cannot read, signed in or not', async () => {
		const anonymous = new Client(suite.server.baseUrl);
		const language = await anonymous.expectJson<ApiError>('POST', '/reception/language', 415, {
			json: { language: 'es' },
			headers: { origin: suite.server.baseUrl }
		});
		expect(language.code).toBe('form-expected');
		const boundary = 'x-boundary';
		const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\nrecep`;
		const login = await anonymous.expectJson<ApiError>('POST', '/reception/login?/signIn', 400, {
			body: truncated,
			headers: {
				'content-type': `multipart/form-data; boundary=${boundary}`,
				origin: suite.server.baseUrl
			}
		});
		expect(login.code).toBe('form-unreadable');
		for (const action of ['call', 'complete', 'resolveHelp']) {
			const refused = await suite.staff.expectJson<ApiError>('POST', `/reception?/${action}`, 415, {
				body: 'id=whatever',
				headers: { 'content-type': 'text/plain', origin: suite.server.baseUrl }
			});
			expect(refused.code).toBe('form-expected');
		}
		expect(suite.server.output()).not.toMatch(/TypeError|at async/);
	});
});
