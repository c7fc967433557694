import type { App } from './app';
import { ConfigError, loadSiteConfigs } from './config';
import type { SiteConfig } from '$lib/schemas/site-config';
import type { SiteConfigReport } from '$lib/schemas/site-config-report';

/**
 * The admin's read-only view of the site's configuration (issue 11): what the server runs
 * (validated at start-up, or it would not be running) and the files on disk validated again
 * now, so an edit can be checked before the restart that applies it. The staff PIN is shown
 * only as set or not.
 */
export function siteConfigReport(app: App, siteId: string): SiteConfigReport {
	const running = app.sites.get(siteId);
	if (!running) throw new Error(`no config for site ${siteId}`);
	let onDisk: SiteConfigReport['onDisk'];
	try {
		const now = loadSiteConfigs(app.configDir).get(siteId);
		onDisk = !now
			? { state: 'missing' }
			: JSON.stringify(now) === JSON.stringify(running)
				? { state: 'same' }
				: { state: 'changed' };
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		onDisk = { state: 'invalid', problems: error.problems };
	}
	return { dir: app.configDir, json: JSON.stringify(redacted(running), null, 2), onDisk };
}

function redacted(config: SiteConfig): unknown {
	const { staffPin, ...kiosk } = config.kiosk;
	return { ...config, kiosk: { ...kiosk, staffPin: staffPin ? '(set)' : null } };
}
