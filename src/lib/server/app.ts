import path from 'node:path';
import { openDb, type Db } from './db';
import { loadSiteConfigs } from './config';
import { TokenSigner } from './tokens';
import { IntakeKeys } from './intake-keys';
import { EventHub } from './events/hub';
import { QueueReadModel } from './queue-read-model';
import { seedDemoIfEmpty } from './db/seed';
import { pruneBuckets } from './throttle';
import type { SiteConfig } from '$lib/schemas/site-config';

export interface App extends Db {
	sites: Map<string, SiteConfig>;
	signer: TokenSigner;
	/** Opens what kiosks sealed: patients' edits and card photos. */
	intake: IntakeKeys;
	hub: EventHub;
	version: string;
	/** The base of the URLs printed in QR codes: `<publicBaseUrl>/c/<token>`. */
	publicBaseUrl: string;
	/** Where the site files were read from (KIOSK_CONFIG_DIR), for the admin's config page. */
	configDir: string;
}

let current: Promise<App> | null = null;

/** The one application context of this process: config, database, keys and event hub. */
export function getApp(): Promise<App> {
	if (!current) current = start();
	return current;
}

async function start(): Promise<App> {
	const env = process.env;
	const configDir = path.resolve(env.KIOSK_CONFIG_DIR ?? 'kiosk-config');
	const sites = loadSiteConfigs(configDir);
	const database = await openDb(env);
	try {
		await seedDemoIfEmpty(database.db, sites, env);
		await pruneBuckets(database.db);
		const signer = await TokenSigner.load(database.db);
		const intake = await IntakeKeys.load(database.db);
		// SSE_HEARTBEAT_MS: only the tests change it, to see a heartbeat without waiting 15 s.
		const heartbeatMs = Number(env.SSE_HEARTBEAT_MS) > 0 ? Number(env.SSE_HEARTBEAT_MS) : undefined;
		const readModel = new QueueReadModel(database.db);
		const hub = new EventHub(database.db, database.dialect, readModel, sites, heartbeatMs);
		await hub.start();
		const port = env.PORT ?? '3000';
		const publicBaseUrl = (env.PUBLIC_BASE_URL ?? env.ORIGIN ?? `http://localhost:${port}`).replace(
			/\/$/,
			''
		);
		// A token is about 223 characters; DESIGN §4 keeps the whole QR text within 250.
		if (publicBaseUrl.length + '/c/'.length + 223 > 250) {
			console.warn(
				`PUBLIC_BASE_URL "${publicBaseUrl}" is long: check-in QR codes will exceed 250 characters and may not scan at arm's length. Use a shorter host name (at most 24 characters with the port).`
			);
		}
		return {
			...database,
			sites,
			signer,
			intake,
			hub,
			version: env.FRONT_DESK_VERSION ?? env.npm_package_version ?? '0.1.0',
			publicBaseUrl,
			configDir
		};
	} catch (error) {
		await database.close();
		throw error;
	}
}

export async function stopApp(): Promise<void> {
	if (!current) return;
	const app = await current;
	current = null;
	app.hub.stop();
	await app.close();
}

/** The single site this server runs, until multi-site lands: the first config file by id. */
export function defaultSite(app: App): SiteConfig {
	const first = [...app.sites.values()].sort((a, b) => a.siteId.localeCompare(b.siteId))[0];
	return first;
}
