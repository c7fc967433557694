// The day's check-in letters as one print job (issue 11): every booked appointment's letter on
// its own page, and each letter shown leaves a `letter.view` audit row for its patient.
import { describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';

describe.each(dialects)("the day's letters (%s)", (dialect) => {
	const suite = useServer(dialect);

	it('prints one letter per booked appointment today and audits each one', async () => {
		// The database is read only to know what the desk's own site has booked.
		const { site_id: siteId } = await suite.db
			.selectFrom('staff_users')
			.select('site_id')
			.where('username', '=', 'reception')
			.executeTakeFirstOrThrow();
		const booked = await suite.db
			.selectFrom('appointments')
			.select(['id', 'patient_id', 'site_day'])
			.where('status', '=', 'booked')
			.where('site_id', '=', siteId)
			.execute();
		expect(booked.length).toBeGreaterThan(0);
		const day = booked[0].site_day;
		const today = booked.filter((a) => a.site_day === day);
		const response = await suite.staff.request('GET', `/reception/letters?day=${day}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html.match(/data-letter="/g)?.length).toBe(today.length);
		for (const appointment of today) expect(html).toContain(`data-letter="${appointment.id}"`);
		const audited = await suite.db
			.selectFrom('audit_log')
			.select(['patient_id', 'detail'])
			.where('action', '=', 'letter.view')
			.execute();
		const printed = audited.filter((row) => row.detail.includes('day-print'));
		expect(new Set(printed.map((row) => row.patient_id))).toEqual(
			new Set(today.map((a) => a.patient_id))
		);
	});

	it('shows the empty state for a day with no appointments, without auditing a letter', async () => {
		const before = await suite.db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'letter.view')
			.execute();
		const html = await (
			await suite.staff.request('GET', '/reception/letters?day=2001-01-01')
		).text();
		expect(html).not.toContain('data-letter="');
		expect(html).toContain('No booked appointments that day');
		const after = await suite.db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'letter.view')
			.execute();
		expect(after.length).toBe(before.length);
	});

	it('sends a signed-out visitor to the sign-in page', async () => {
		const response = await fetch(`${suite.server.baseUrl}/reception/letters`, {
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toContain('/reception/login');
	});
});
