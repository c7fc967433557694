#!/usr/bin/env node
// `npm run coverage`: line coverage of src/lib/server as the BUILT server runs under the
// integration tests and the browser end-to-end tests (`--integration-only` skips the latter).
//
// 1. Builds into build-coverage/ (BUILD_DIR, KIT_OUT_DIR) with source maps (FRONT_DESK_SOURCEMAP=1,
//    vite.config.ts), so the ordinary build/ stays as it is.
// 2. Runs the tests with NODE_V8_COVERAGE set: every server.js the harnesses spawn inherits it and
//    writes V8's coverage when it exits (a graceful stop does; a SIGKILLed server's part is lost,
//    which only the crash tests do).
//    adapter-node bundles SvelteKit's server output a second time, and its maps point at that
//    intermediate output (.svelte-kit-coverage/output/server), not at src/: each map is composed
//    here with the intermediate file's own map, before any server starts (Node records the maps
//    it loads into the coverage files).
// 3. c8 maps the bundles' coverage back through the source maps to src/ and reports the files
//    under src/lib/server (text summary on the terminal, HTML in coverage/index.html). Files the
//    server never loaded count as 0 %.
// The exit code is the tests'; the figure is a measurement, not a gate.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import remapping from '@jridgewell/remapping';

const root = fileURLToPath(new URL('../', import.meta.url));
const integrationOnly = process.argv.includes('--integration-only');
const raw = join(root, 'coverage', 'v8');
rmSync(join(root, 'coverage'), { recursive: true, force: true });

const env = {
	...process.env,
	BUILD_DIR: 'build-coverage',
	KIT_OUT_DIR: '.svelte-kit-coverage',
	FRONT_DESK_SOURCEMAP: '1'
};
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, extra = {}) =>
	spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extra } }).status ?? 1;

/** Every file under `dir` whose name ends with `suffix`. */
function filesUnder(dir, suffix) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(file, suffix);
		return entry.name.endsWith(suffix) ? [file] : [];
	});
}

/** A map read from disk with its sources made absolute. */
function readMap(file) {
	const map = JSON.parse(readFileSync(file, 'utf8'));
	const base = resolve(dirname(file), map.sourceRoot ?? '');
	return { ...map, sourceRoot: undefined, sources: map.sources.map((s) => resolve(base, s)) };
}

/** Rewrites each bundle map of `dir` so it leads through the intermediate maps to src/. */
function composeSourceMaps(dir) {
	for (const file of filesUnder(dir, '.js.map')) {
		const composed = remapping(readMap(file), (source) =>
			existsSync(`${source}.map`) ? readMap(`${source}.map`) : null
		);
		writeFileSync(file, JSON.stringify(composed));
	}
}

if (run(bin('vite'), ['build']) !== 0) process.exit(1);
composeSourceMaps(join(root, env.BUILD_DIR, 'server'));
// The servers get NODE_V8_COVERAGE through the environment the harnesses pass on. The runners
// write their own coverage into the same folder; --include below keeps only src/lib/server,
// which only the servers load.
const servers = { NODE_V8_COVERAGE: raw, FD_IT_NO_BUILD: '1' };
let failed = run(bin('vitest'), ['run', 'tests/integration'], servers) !== 0;
if (!integrationOnly) failed = run(bin('playwright'), ['test'], servers) !== 0 || failed;

run(bin('c8'), [
	'report',
	'--temp-directory',
	raw,
	'--reports-dir',
	join(root, 'coverage'),
	'--reporter',
	'text-summary',
	'--reporter',
	'text',
	'--reporter',
	'html',
	'--exclude-after-remap',
	'--include',
	'src/lib/server/**',
	'--exclude',
	'**/*.test.ts',
	// Types only (the database's table interfaces): no line of it runs, so --all would count
	// every one of them as missed.
	'--exclude',
	'src/lib/server/db/schema.ts',
	'--all',
	'--src',
	'src/lib/server'
]);
process.exit(failed ? 1 : 0);
