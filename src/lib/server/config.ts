import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { SiteConfigSchema, describeConfigIssues, type SiteConfig } from '$lib/schemas/site-config';

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(
			`Front Desk cannot start: the site configuration has problems.\n${problems.map((p) => `  - ${p}`).join('\n')}`
		);
		this.name = 'ConfigError';
	}
}

/**
 * Reads every `*.json` in the config folder (KIOSK_CONFIG_DIR, default kiosk-config/) and
 * validates it. All problems in all files are reported at once, each naming file, field and fix.
 */
export function loadSiteConfigs(dir: string): Map<string, SiteConfig> {
	const problems: string[] = [];
	const sites = new Map<string, SiteConfig>();
	let files: string[];
	try {
		files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
	} catch {
		throw new ConfigError([
			`${dir}: the folder does not exist; create it with one <site>.json, or set KIOSK_CONFIG_DIR`
		]);
	}
	if (files.length === 0) {
		throw new ConfigError([`${dir}: no site file found; add one such as kiosk-config/main.json`]);
	}
	for (const name of files.sort()) {
		const file = path.join(dir, name);
		let raw: unknown;
		try {
			raw = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch (e) {
			problems.push(`${file}: is not valid JSON (${(e as Error).message}); fix the syntax`);
			continue;
		}
		const result = v.safeParse(SiteConfigSchema, raw);
		if (!result.success) {
			problems.push(...describeConfigIssues(file, result.issues));
			continue;
		}
		const config = result.output;
		if (config.idle.warningSeconds >= config.idle.timeoutSeconds) {
			problems.push(
				`${file}: field "idle.warningSeconds" must be smaller than idle.timeoutSeconds (${config.idle.timeoutSeconds})`
			);
			continue;
		}
		if (sites.has(config.siteId)) {
			problems.push(
				`${file}: field "siteId" "${config.siteId}" is used by another file; give each site its own id`
			);
			continue;
		}
		sites.set(config.siteId, config);
	}
	if (problems.length) throw new ConfigError(problems);
	return sites;
}
