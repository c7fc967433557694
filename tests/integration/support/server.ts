import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { childEnv, ensureBuild, root } from './build';

export type Dialect = 'sqlite' | 'postgres';

export interface StartOptions {
	db: Dialect;
	env?: Record<string, string>;
}

export interface TestServer {
	dialect: Dialect;
	baseUrl: string;
	/** SQLite only: the database file. */
	dbFile?: string;
	/** PostgreSQL only: the throwaway database's URL. */
	dbUrl?: string;
	/** Graceful stop (SIGTERM), then removes the database. */
	stop(): Promise<void>;
	/** SIGKILL, as a power cut would: no shutdown code runs. The database stays. */
	kill9(): Promise<void>;
	/** Starts the server again on the same database and port (stopping it first if running). */
	restart(): Promise<void>;
	/** Everything the server printed, for failure messages. */
	output(): string;
}

export const PASSWORD = 'it-password';
const tmpRoot = path.join(root, 'tests', '.tmp');
const preload = path.join(root, 'tests', 'support', 'exit-with-parent.js');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

function randomName(): string {
	return randomBytes(6).toString('hex');
}

/** PostgreSQL admin work (create/drop a test database) on the server named by TEST_DATABASE_URL. */
async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const url = process.env.TEST_DATABASE_URL;
	if (!url) {
		throw new Error(
			'CI=true expects a PostgreSQL for the dialect tests, but TEST_DATABASE_URL is unset ' +
				'(.ci/run sets it when 127.0.0.1:5432 answers): start PostgreSQL or set TEST_DATABASE_URL'
		);
	}
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
	} catch (error) {
		throw new Error(`PostgreSQL at TEST_DATABASE_URL did not answer: ${(error as Error).message}`);
	}
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

function databaseUrl(name: string): string {
	const url = new URL(process.env.TEST_DATABASE_URL ?? '');
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * Starts `node server.js` from the real build on a fresh database: a new SQLite file under
 * tests/.tmp, or a new PostgreSQL database `fd_it_<random>` next to TEST_DATABASE_URL.
 */
export async function startServer(options: StartOptions): Promise<TestServer> {
	ensureBuild();
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const dbEnv: Record<string, string> = {};
	let dbFile: string | undefined;
	let dbUrl: string | undefined;
	let runDir: string | undefined;
	let dbName: string | undefined;
	if (options.db === 'sqlite') {
		fs.mkdirSync(tmpRoot, { recursive: true });
		runDir = fs.mkdtempSync(path.join(tmpRoot, `it-${randomName()}-`));
		dbFile = path.join(runDir, 'db.sqlite');
		dbEnv.DATABASE_PATH = dbFile;
	} else {
		dbName = `fd_it_${randomName()}`;
		await withAdmin((c) => c.query(`create database ${dbName}`));
		dbUrl = databaseUrl(dbName);
		dbEnv.DATABASE_URL = dbUrl;
	}
	const env = childEnv({
		PORT: String(port),
		HOST: '127.0.0.1',
		KIOSK_CONFIG_DIR: path.join(root, 'tests', 'fixtures', 'kiosk-config'),
		FRONT_DESK_DEMO_PASSWORD: PASSWORD,
		...dbEnv,
		...options.env
	});

	let child: ChildProcess | null = null;
	let log = '';

	async function launch(): Promise<void> {
		const proc = spawn(process.execPath, ['--import', preload, 'server.js'], {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child = proc;
		proc.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
		proc.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
		let ready = false;
		const exited = new Promise<void>((resolve, reject) => {
			proc.once('exit', (code, signal) => {
				// After start-up an exit is the test's doing (stop, kill9): nothing to report.
				if (ready) resolve();
				else reject(new Error(`server exited (${signal ?? code}) before it was ready:\n${log}`));
			});
		});
		void exited.catch(() => undefined);
		await Promise.race([
			waitForHealth(baseUrl, () => proc.exitCode !== null || proc.signalCode !== null),
			exited
		]);
		ready = true;
	}

	async function end(signal: NodeJS.Signals): Promise<void> {
		const proc = child;
		child = null;
		if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
		const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
		proc.kill(signal);
		const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
		await gone;
		clearTimeout(timer);
	}

	try {
		await launch();
	} catch (error) {
		await end('SIGKILL');
		await cleanUp();
		throw error;
	}

	async function cleanUp(): Promise<void> {
		if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
		if (dbName) await withAdmin((c) => c.query(`drop database if exists ${dbName} with (force)`));
	}

	return {
		dialect: options.db,
		baseUrl,
		dbFile,
		dbUrl,
		async stop() {
			await end('SIGTERM');
			await cleanUp();
		},
		kill9: () => end('SIGKILL'),
		async restart() {
			await end('SIGTERM');
			await launch();
		},
		output: () => log
	};
}

async function waitForHealth(baseUrl: string, exited: () => boolean): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!exited()) {
		try {
			const response = await fetch(`${baseUrl}/api/health`);
			await response.text();
			if (response.ok) return;
		} catch {
			// Not listening yet: try again below.
		}
		if (Date.now() > deadline) throw new Error(`${baseUrl}/api/health did not answer in 60 s`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('the server exited before /api/health answered');
}
