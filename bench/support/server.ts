// Starts and stops the built app (server.js) for the bench, on its own port and SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sleep } from './stats';

export const repoRoot = new URL('../../', import.meta.url).pathname;

/** The demo staff password the bench starts every server with. */
export const BENCH_PASSWORD = 'bench-password';

export interface ServerOptions {
	port: number;
	databasePath: string;
	/** Folder with the bench's site config (bench/config). */
	configDir: string;
	/** Build folder, relative to the repository (BUILD_DIR, default build). */
	buildDir: string;
	/** Server output goes here, so a failed start can be explained. */
	logFile: string;
}

export interface RunningServer {
	baseUrl: string;
	pid: number;
	stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(opts.port),
		HOST: '127.0.0.1',
		DATABASE_PATH: opts.databasePath,
		KIOSK_CONFIG_DIR: opts.configDir,
		BUILD_DIR: opts.buildDir,
		FRONT_DESK_DEMO_PASSWORD: BENCH_PASSWORD
	};
	// A developer's PostgreSQL would be measured instead of SQLite (synchronous=FULL) and kept.
	delete env.DATABASE_URL;
	delete env.PUBLIC_BASE_URL;
	delete env.HTTPS;
	delete env.TLS_CERT;
	delete env.TLS_KEY;
	// If the bench dies without stopping it, the server notices it was orphaned and stops.
	const preload = pathToFileURL(join(repoRoot, 'tests/support/exit-with-parent.js')).href;
	const log = createWriteStream(opts.logFile, { flags: 'a' });
	const child = spawn(process.execPath, ['--import', preload, 'server.js'], {
		cwd: repoRoot,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.pipe(log);
	child.stderr.pipe(log);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const baseUrl = `http://127.0.0.1:${opts.port}`;
	try {
		await waitForHealth(baseUrl, child);
	} catch (error) {
		child.kill('SIGKILL');
		await exited;
		const output = await readFile(opts.logFile, 'utf8').catch(() => '');
		throw new Error(`${(error as Error).message}\nserver output:\n${output.slice(-4000)}`);
	}
	return {
		baseUrl,
		pid: child.pid ?? -1,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			// server.js gives open event streams 3 s; anything beyond that is a hang.
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
			log.end();
		}
	};
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server.js exited with ${child.exitCode}`);
		try {
			const response = await fetch(`${baseUrl}/api/health`);
			if (response.ok) return;
		} catch {
			// Not listening yet: migrations and the demo seed run before it binds the port.
		}
		await sleep(100);
	}
	throw new Error(`server.js did not answer /api/health within ${START_TIMEOUT_MS / 1000} s`);
}
