import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { root } from './support/build';
import { staffLogin, type Client } from './support/clients';
import { count } from './support/db';

/**
 * The admin's import page over HTTP, as the browser posts it before hydration: a multipart
 * form to `?/check`, then the confirm form the answer carries, to `?/confirm`. The server reads
 * the repository's site config, which has the demo export's mapping.
 */

const fixture = fs.readFileSync(
	path.join(root, 'tests', 'fixtures', 'schedule-import', 'riverside-export.csv'),
	'utf8'
);
const BOUNDARY = 'fd-import-boundary';

function multipart(fields: Record<string, string>, file?: { name: string; text: string }): string {
	const parts = Object.entries(fields).map(
		([name, value]) =>
			`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
	);
	if (file) {
		parts.push(
			`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.text}\r\n`
		);
	}
	return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

describe.each(dialects)('the admin import page (%s)', (dialect) => {
	const suite = useServer(dialect, { KIOSK_CONFIG_DIR: path.join(root, 'kiosk-config') });
	let admin: Client;

	beforeAll(async () => {
		admin = await staffLogin(suite.server, 'admin');
	});

	function post(client: Client, action: string, body: string) {
		return client.request('POST', `/admin/import?/${action}`, {
			body,
			headers: {
				'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
				// What a browser sends for a plain form post: SvelteKit answers with the page.
				accept: 'text/html,application/xhtml+xml',
				origin: suite.server.baseUrl
			}
		});
	}

	it('is for administrators only', async () => {
		const page = await suite.staff.request('GET', '/admin/import');
		expect(page.status).toBe(403);
		const refused = await post(
			suite.staff,
			'check',
			multipart({}, { name: 'export.csv', text: fixture })
		);
		expect(refused.status).toBe(403);
		expect(await count(suite.db, 'imports')).toBe(0);
	});

	it('checks the file first, writing nothing, then imports exactly what was checked', async () => {
		const checked = await post(
			admin,
			'check',
			multipart({}, { name: 'export.csv', text: fixture })
		);
		expect(checked.status).toBe(200);
		const html = await checked.text();
		expect(html).toContain('Checked export.csv: nothing has been written yet.');
		expect(html).toContain('The provider “PATEL, NINA MD” is not one of this site’s');
		expect(await count(suite.db, 'imports')).toBe(0);

		const hidden = (name: string) =>
			new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
		const fields = { upload: hidden('upload'), hash: hidden('hash'), fileName: hidden('fileName') };
		expect(Buffer.from(fields.upload, 'base64').toString('utf8')).toBe(fixture);

		const tampered = await post(admin, 'confirm', multipart({ ...fields, hash: '0'.repeat(64) }));
		expect(tampered.status).toBe(400);
		expect(await count(suite.db, 'imports')).toBe(0);

		const imported = await post(admin, 'confirm', multipart(fields));
		expect(imported.status).toBe(200);
		expect(await imported.text()).toContain('Imported export.csv.');
		const history = await suite.db.selectFrom('imports').selectAll().execute();
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ file_name: 'export.csv', actor_id: 'main-admin' });
		expect(JSON.parse(history[0].counts)).toMatchObject({ created: 7, skipped: 7 });

		const page = await admin.request('GET', '/admin/import');
		expect(await page.text()).toContain('export.csv');
	});

	it('says why a file cannot be read', async () => {
		const refused = await post(
			admin,
			'check',
			multipart({}, { name: 'other.csv', text: 'Appt ID,Patient ID\n1,2\n' })
		);
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('The file lacks columns the site’s mapping names');
	});

	it('takes a FHIR R4 Bundle through the same check and confirm', async () => {
		const bundle = fs.readFileSync(
			path.join(root, 'tests', 'fixtures', 'fhir', 'riverside-bundle.json'),
			'utf8'
		);
		const checked = await post(admin, 'check', multipart({}, { name: 'day.json', text: bundle }));
		expect(checked.status).toBe(200);
		const html = await checked.text();
		expect(html).toContain('Checked day.json: nothing has been written yet.');
		expect(html).toContain('<th scope="col">Entry</th>');
		expect(html).toContain('“Appointment.status” does not follow FHIR R4 (enum)');
		expect(html).toContain('Coverages: 1 new, 0 updated.');
		const hidden = (name: string) =>
			new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
		const fields = { upload: hidden('upload'), hash: hidden('hash'), fileName: hidden('fileName') };
		const imported = await post(admin, 'confirm', multipart(fields));
		expect(imported.status).toBe(200);
		expect(await imported.text()).toContain('Imported day.json.');
		const history = await suite.db
			.selectFrom('imports')
			.selectAll()
			.where('file_name', '=', 'day.json')
			.execute();
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ kind: 'fhir', actor_id: 'main-admin' });
		expect(JSON.parse(history[0].counts)).toMatchObject({ created: 2, coveragesCreated: 1 });
	});
});
