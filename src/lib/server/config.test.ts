import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadSiteConfigs } from './config';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MINIMAL = {
	siteId: 'north',
	name: 'North Clinic',
	timezone: 'America/Chicago',
	languages: ['en', 'es']
};

const dirs: string[] = [];

function configDir(files: Record<string, string | object>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'front-desk-config-'));
	dirs.push(dir);
	for (const [name, content] of Object.entries(files)) {
		const text = typeof content === 'string' ? content : JSON.stringify(content);
		fs.writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

function configError(dir: string): ConfigError {
	try {
		loadSiteConfigs(dir);
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadSiteConfigs', () => {
	it('loads a valid file keyed by site id, with defaults applied', () => {
		const dir = configDir({ 'north.json': MINIMAL });
		const sites = loadSiteConfigs(dir);
		expect([...sites.keys()]).toEqual(['north']);
		const north = sites.get('north');
		expect(north?.name).toBe('North Clinic');
		expect(north?.idle).toEqual({ timeoutSeconds: 60, warningSeconds: 15 });
		expect(north?.checkInWindow).toEqual({ earlyMinutes: 90, lateMinutes: 30 });
	});

	it('loads several sites and ignores *.schema.json and other files', () => {
		const dir = configDir({
			'north.json': MINIMAL,
			'south.json': { ...MINIMAL, siteId: 'south', name: 'South Clinic' },
			'site.schema.json': { type: 'object' },
			'README.md': '# not a site'
		});
		expect([...loadSiteConfigs(dir).keys()].sort()).toEqual(['north', 'south']);
	});

	it('names the file, the field and the fix for a bad time zone', () => {
		const dir = configDir({ 'north.json': { ...MINIMAL, timezone: 'Europe/Atlantis' } });
		const error = configError(dir);
		expect(error.problems).toEqual([
			`${path.join(dir, 'north.json')}: field "timezone" is not a time zone this server knows; use an IANA name such as "America/New_York"`
		]);
		expect(error.message).toContain(error.problems[0]);
		expect(error.message).toMatch(/^Front Desk cannot start/);
	});

	it('names an unknown field and says to remove it or fix its spelling', () => {
		const dir = configDir({
			'north.json': { ...MINIMAL, idle: { timeout: 60, warningSeconds: 5 } }
		});
		const { problems } = configError(dir);
		const file = path.join(dir, 'north.json');
		expect(problems).toContain(
			`${file}: field "idle.timeout" is not a setting Front Desk knows; remove it or check its spelling`
		);
	});

	it('names every field with the wrong type', () => {
		const dir = configDir({
			'north.json': { ...MINIMAL, languages: 'en', camera: { facingMode: 'back' } }
		});
		const file = path.join(dir, 'north.json');
		expect(configError(dir).problems).toEqual([
			`${file}: field "languages" must be a list such as ["en", "es"]`,
			`${file}: field "camera.facingMode" must be "user" (front camera) or "environment" (rear camera)`
		]);
	});

	it('says a file is not valid JSON and to fix the syntax', () => {
		const dir = configDir({ 'north.json': '{ "siteId": "north", }' });
		const [problem] = configError(dir).problems;
		expect(problem).toMatch(/north\.json: is not valid JSON \(.+\); fix the syntax$/);
		expect(problem.startsWith(path.join(dir, 'north.json'))).toBe(true);
	});

	it('refuses two files with the same site id, naming the second', () => {
		const dir = configDir({ 'a.json': MINIMAL, 'b.json': { ...MINIMAL, name: 'Copy' } });
		expect(configError(dir).problems).toEqual([
			`${path.join(dir, 'b.json')}: field "siteId" "north" is used by another file; give each site its own id`
		]);
	});

	it('refuses an idle warning that is not shorter than the timeout', () => {
		const dir = configDir({
			'north.json': { ...MINIMAL, idle: { timeoutSeconds: 30, warningSeconds: 30 } }
		});
		expect(configError(dir).problems).toEqual([
			`${path.join(dir, 'north.json')}: field "idle.warningSeconds" must be smaller than idle.timeoutSeconds (30)`
		]);
	});

	it('reports the problems of every file at once', () => {
		const dir = configDir({
			'a.json': { ...MINIMAL, timezone: 'Nowhere' },
			'b.json': 'not json',
			'c.json': { ...MINIMAL, siteId: 'c' }
		});
		const { problems } = configError(dir);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toContain(path.join(dir, 'a.json'));
		expect(problems[1]).toContain(path.join(dir, 'b.json'));
	});

	it('tells the administrator what to do with an empty folder', () => {
		const dir = configDir({});
		expect(configError(dir).problems).toEqual([
			`${dir}: no site file found; add one such as kiosk-config/main.json`
		]);
	});

	it('tells the administrator what to do when the folder is missing', () => {
		const dir = path.join(os.tmpdir(), `front-desk-missing-${process.pid}-${Date.now()}`);
		expect(configError(dir).problems).toEqual([
			`${dir}: the folder does not exist; create it with one <site>.json, or set KIOSK_CONFIG_DIR`
		]);
	});

	it("loads the repository's own kiosk-config/ and test fixtures", () => {
		for (const folder of ['kiosk-config', 'tests/fixtures/kiosk-config']) {
			const sites = loadSiteConfigs(path.join(REPO, folder));
			expect(sites.size, folder).toBeGreaterThan(0);
			expect(sites.get('main')?.timezone, folder).toBe('America/New_York');
		}
	});
});
