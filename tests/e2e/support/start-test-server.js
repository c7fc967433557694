#!/usr/bin/env node
// Runs the app (server.js) for Playwright's webServer on a fresh, empty SQLite database, so every
// run starts from the same seeded demo clinic. Output is passed through; SIGINT, SIGTERM and
// SIGHUP are forwarded; the exit code is the server's.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TEST_SERVER_PORT = Number(process.env.E2E_PORT ?? 4173);

const root = fileURLToPath(new URL('../../../', import.meta.url));
if (!existsSync(join(root, 'server.js'))) {
	console.error(
		`start-test-server: ${join(root, 'server.js')} is missing (the app's server entry).\n` +
			'To run browser tests that need no app, set E2E_NO_SERVER=1.'
	);
	process.exit(1);
}
const tmpRoot = join(root, 'tests', '.tmp');
mkdirSync(tmpRoot, { recursive: true });
const runDir = mkdtempSync(join(tmpRoot, 'e2e-server-'));

/** @type {NodeJS.ProcessEnv} */
const env = {
	...process.env,
	PORT: String(TEST_SERVER_PORT),
	HOST: '127.0.0.1',
	DATABASE_PATH: join(runDir, 'e2e.sqlite'),
	KIOSK_CONFIG_DIR: join(root, 'tests', 'fixtures', 'kiosk-config'),
	FRONT_DESK_DEMO_PASSWORD: 'e2e-password'
};
// A developer's PostgreSQL would outlive the run and already hold data: e2e runs start empty.
delete env.DATABASE_URL;

console.log(`start-test-server: database in ${runDir}`);
// Where the specs find this run's database, for the few checks that must read or age a row
// (tests/e2e/support/test-db.ts). Named by port: parallel runs on other ports keep their own.
const serverInfo = join(tmpRoot, `e2e-server-${TEST_SERVER_PORT}.json`);
writeFileSync(serverInfo, JSON.stringify({ databasePath: env.DATABASE_PATH }));
const preload = pathToFileURL(join(root, 'tests', 'support', 'exit-with-parent.js')).href;
const server = spawn(process.execPath, ['--import', preload, 'server.js'], {
	cwd: root,
	env,
	stdio: 'inherit',
	// Own process group: Playwright and a terminal's Ctrl-C signal our whole group, and the
	// server must get each signal once (a second SIGTERM may cut a graceful shutdown short).
	detached: true
});

/** @type {NodeJS.Signals[]} */
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of forwarded) {
	process.on(signal, () => {
		if (server.exitCode === null && server.signalCode === null) server.kill(signal);
	});
}

server.on('error', (error) => {
	console.error(`start-test-server: could not start server.js: ${error.message}`);
	cleanUp();
	process.exit(1);
});

server.on('exit', (code, signal) => {
	if (code !== 0) console.error(`start-test-server: server.js exited (${signal ?? code})`);
	cleanUp();
	// Like a shell: a server ended by a signal exits 128 + its number.
	const signalNumbers = /** @type {Record<string, number>} */ ({
		SIGHUP: 1,
		SIGINT: 2,
		SIGTERM: 15
	});
	process.exit(code ?? 128 + (signal ? (signalNumbers[signal] ?? 9) : 0));
});

function cleanUp() {
	rmSync(serverInfo, { force: true });
	if (process.env.E2E_KEEP_TMP === '1') {
		console.log(`start-test-server: kept ${runDir} (E2E_KEEP_TMP=1)`);
		return;
	}
	rmSync(runDir, { recursive: true, force: true });
}
