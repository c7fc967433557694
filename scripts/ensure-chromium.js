#!/usr/bin/env node
// Makes sure Debian's Chromium is installed before Playwright runs.
//
// Playwright's own browser download cannot reach its CDN from our machines, so the browser tests
// and the benchmarks drive the distribution's Chromium instead. On a fresh machine (CI included)
// this installs it with apt-get; afterwards it only prints the version, so it is cheap to run
// before every `npm test`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';
const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_PATH;

/** @param {string} file */
function isExecutable(file) {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** @param {string} message */
function fail(message) {
	console.error(`\nensure-chromium: ${message}`);
	process.exit(1);
}

/**
 * Runs a command with its output streamed to ours; returns whether it exited 0.
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
	console.log(`ensure-chromium: $ ${[command, ...args].join(' ')}`);
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (result.error) {
		console.error(`ensure-chromium: could not run ${command}: ${result.error.message}`);
		return false;
	}
	return result.status === 0;
}

function installChromium() {
	if (!existsSync('/usr/bin/apt-get')) {
		fail(
			`Chromium is not at ${chromiumPath} and this machine has no apt-get to install it.\n` +
				'Install Chromium yourself and set CHROMIUM_PATH to its executable.'
		);
	}
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	// Non-interactive sudo only: a test run must never stop to ask for a password.
	if (!isRoot) {
		console.log('ensure-chromium: not running as root, trying `sudo -n`');
	}
	/** @param {string[]} args */
	const apt = (args) => (isRoot ? run('apt-get', args) : run('sudo', ['-n', 'apt-get', ...args]));
	// Wait for another apt/dpkg run (unattended upgrades, a parallel job) instead of failing.
	const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
	if (!apt([...lockWait, 'update'])) {
		console.error('ensure-chromium: apt-get update failed; trying the install anyway');
	}
	if (!apt([...lockWait, 'install', '-y', 'chromium'])) {
		console.error('ensure-chromium: apt-get install chromium failed');
	}
}

function printVersion() {
	const result = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 30_000 });
	const version = (result.stdout ?? '').trim();
	if (result.status !== 0 || !version) {
		fail(
			`${chromiumPath} exists but \`--version\` failed` +
				(result.error ? `: ${result.error.message}` : `:\n${result.stderr ?? ''}`)
		);
	}
	console.log(`ensure-chromium: ${version} (${chromiumPath})`);
}

if (!isExecutable(chromiumPath)) {
	console.log(`ensure-chromium: no Chromium at ${chromiumPath}, installing Debian's package`);
	installChromium();
	if (!isExecutable(chromiumPath)) {
		const hint =
			chromiumPath !== DEFAULT_PATH && isExecutable(DEFAULT_PATH)
				? `Chromium is now at ${DEFAULT_PATH}, but CHROMIUM_PATH points to ${chromiumPath}: ` +
					'fix or unset CHROMIUM_PATH.'
				: 'Install it by hand (`apt-get install chromium` as root) or set CHROMIUM_PATH ' +
					'to an existing Chromium executable.';
		fail(`Chromium is still missing at ${chromiumPath} after trying to install it.\n${hint}`);
	}
}
printVersion();
