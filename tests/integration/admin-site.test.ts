import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './support/dialects';
import { useServer } from './support/context';
import { root } from './support/build';
import { staffLogin, type Client } from './support/clients';

/**
 * /admin/site: the site's configuration read-only, with the files on disk validated again when
 * the page opens. The server reads a copy of the fixtures' config folder, which the test edits
 * as an admin would edit the file on the server.
 */

const source = path.join(root, 'tests', 'fixtures', 'kiosk-config');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-admin-site-'));
for (const name of fs.readdirSync(source))
	fs.copyFileSync(path.join(source, name), path.join(dir, name));
const mainFile = path.join(dir, 'main.json');
const original = fs.readFileSync(mainFile, 'utf8');

describe.each(dialects)('the site settings page (%s)', (dialect) => {
	const suite = useServer(dialect, { KIOSK_CONFIG_DIR: dir });
	let admin: Client;
	beforeAll(async () => {
		admin = await staffLogin(suite.server, 'admin');
	});
	afterAll(() => fs.writeFileSync(mainFile, original));

	const open = async () => {
		const response = await admin.request('GET', '/admin/site');
		expect(response.status).toBe(200);
		const html = await response.text();
		return { html, state: /data-testid="config-validation" data-state="(\w+)"/.exec(html)?.[1] };
	};

	it('shows the settings in effect, valid, and never the staff PIN', async () => {
		const { html, state } = await open();
		expect(state).toBe('same');
		expect(html).toContain('Riverside Family Clinic');
		expect(html).toMatch(/("|&quot;)staffPin\1: \1\(set\)\1/);
		expect(html).not.toContain('4826');
	});

	it('says when the file was changed, and what is wrong with a broken one', async () => {
		const edited = JSON.parse(original) as { checkInWindow: { earlyMinutes: number } };
		edited.checkInWindow.earlyMinutes = 60;
		fs.writeFileSync(mainFile, JSON.stringify(edited));
		expect((await open()).state).toBe('changed');
		fs.writeFileSync(mainFile, JSON.stringify({ ...edited, timezone: 5 }));
		const broken = await open();
		expect(broken.state).toBe('invalid');
		expect(broken.html).toMatch(
			/main\.json: field &quot;timezone&quot;|main\.json: field "timezone"/
		);
		// What runs is still the file as the server read it at start-up.
		expect(broken.html).toContain('America/New_York');
		fs.writeFileSync(mainFile, original);
		expect((await open()).state).toBe('same');
	});

	it('is for administrators only', async () => {
		const response = await suite.staff.request('GET', '/admin/site', { redirect: 'manual' });
		expect(response.status).toBe(403);
		expect(await response.text()).not.toContain('Riverside Family Clinic');
	});
});
