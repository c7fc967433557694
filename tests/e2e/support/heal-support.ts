// A server the spec owns (its own port and SQLite file) so it can SIGKILL it and start it
// again on the same file. Signing in and pairing go through ./front-door like every spec.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { STAFF } from './api';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * server.js on `port` (HEAL_PORT, default 4231: not the shared test server's) with a database
 * file that survives kills. Playwright's webServer cannot be killed and restarted by a spec,
 * hence this.
 */
export class RestartableServer {
	readonly port: number;
	readonly url: string;
	readonly dbPath: string;
	readonly #dir: string;
	#child: ChildProcess | null = null;
	#log: string[] = [];

	constructor(port = Number(process.env.HEAL_PORT ?? 4231)) {
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		const tmp = join(root, 'tests', '.tmp');
		mkdirSync(tmp, { recursive: true });
		this.#dir = mkdtempSync(join(tmp, 'heal-'));
		this.dbPath = join(this.#dir, 'heal.sqlite');
	}

	/** Starts server.js and resolves once /api/health answers (migrated and seeded). */
	async start(): Promise<void> {
		if (this.#child) throw new Error('server already running');
		const preload = pathToFileURL(join(root, 'tests', 'support', 'exit-with-parent.js')).href;
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(this.port),
			HOST: '127.0.0.1',
			DATABASE_PATH: this.dbPath,
			KIOSK_CONFIG_DIR: join(root, 'tests', 'fixtures', 'kiosk-config'),
			FRONT_DESK_DEMO_PASSWORD: STAFF.password
		};
		delete env.DATABASE_URL;
		const child = spawn(process.execPath, ['--import', preload, 'server.js'], {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const keep = (chunk: Buffer) => {
			this.#log.push(chunk.toString());
			if (this.#log.length > 200) this.#log.shift();
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		this.#child = child;
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (child.exitCode !== null) {
				throw new Error(`server.js exited (${child.exitCode}):\n${this.#log.join('')}`);
			}
			const ok = await fetch(`${this.url}/api/health`)
				.then((r) => r.ok)
				.catch(() => false);
			if (ok) return;
			if (Date.now() > deadline) throw new Error(`server.js not healthy:\n${this.#log.join('')}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** kill -9: no graceful shutdown, open streams and requests are cut mid-way. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child) return;
		this.#child = null;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	async restart(): Promise<void> {
		await this.kill();
		await this.start();
	}

	get running(): boolean {
		return this.#child !== null;
	}

	async stop(): Promise<void> {
		await this.kill();
		rmSync(this.#dir, { recursive: true, force: true });
	}
}

/** A fresh browser context (own cookies and IndexedDB) pointed at the spec's server. */
export function newDevice(browser: Browser, server: RestartableServer): Promise<BrowserContext> {
	return browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
}

/** Back to the queue page from anywhere in reception. */
export async function openQueue(desk: Page): Promise<void> {
	await desk.getByRole('link', { name: 'Queue', exact: true }).click();
	await expect(desk.getByRole('heading', { name: 'Live queue', level: 1 })).toBeVisible();
}
