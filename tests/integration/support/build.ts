import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
// BUILD_DIR as server.js reads it (npm run coverage tests a build of its own, with source maps).
const handlerFile = path.join(root, process.env.BUILD_DIR ?? 'build', 'handler.js');
/** What the server build is made from: a change to any of these makes build/ stale. */
const sources = ['src', 'svelte.config.js', 'vite.config.ts'];

/** The environment a child (build or server) gets: the user's, minus what vitest put there. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TEST') continue;
		if (
			/^(DATABASE_URL|DATABASE_PATH|PORT|HOST|ORIGIN|PUBLIC_BASE_URL|KIOSK_CONFIG_DIR)$/.test(key)
		)
			continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

function newestSource(entry: string): { file: string; mtime: number } {
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return { file: entry, mtime: stat.mtimeMs };
	let newest = { file: entry, mtime: 0 };
	for (const name of fs.readdirSync(entry)) {
		// Unit tests sit beside the code but are not part of the build.
		if (/\.(test|spec)\.ts$/.test(name)) continue;
		const candidate = newestSource(path.join(entry, name));
		if (candidate.mtime > newest.mtime) newest = candidate;
	}
	return newest;
}

/** Records that this test run (one vitest process) has already built: one build per run. */
const runMarker = path.join(root, 'tests', '.tmp', 'integration-build-run');

function builtThisRun(): boolean {
	try {
		return fs.readFileSync(runMarker, 'utf8') === String(process.ppid);
	} catch {
		return false;
	}
}

/**
 * The integration tests run the real built server. Builds when build/handler.js is missing, or
 * once per test run when it is older than the newest source file. A stale build that cannot be
 * rebuilt (someone is mid-edit) is used with a warning rather than failing every suite; a missing
 * one fails. FD_IT_NO_BUILD=1 uses whatever build/ holds.
 */
export function ensureBuild(): void {
	const built = fs.existsSync(handlerFile);
	if (built && (process.env.FD_IT_NO_BUILD === '1' || builtThisRun())) return;
	const builtAt = built ? fs.statSync(handlerFile).mtimeMs : 0;
	const newest = sources
		.map((s) => newestSource(path.join(root, s)))
		.reduce((a, b) => (b.mtime > a.mtime ? b : a));
	if (built && builtAt >= newest.mtime) return;
	console.warn(
		built
			? `integration: build/ is older than ${path.relative(root, newest.file)}; running vite build`
			: 'integration: build/handler.js is missing; running vite build'
	);
	fs.mkdirSync(path.dirname(runMarker), { recursive: true });
	fs.writeFileSync(runMarker, String(process.ppid));
	try {
		execFileSync(
			process.execPath,
			[path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
			{ cwd: root, env: childEnv(), stdio: 'pipe' }
		);
	} catch (error) {
		const output = error as { stdout?: Buffer; stderr?: Buffer };
		const message = `vite build failed:\n${output.stdout?.toString() ?? ''}\n${output.stderr?.toString() ?? ''}`;
		if (!fs.existsSync(handlerFile)) throw new Error(message);
		console.warn(`integration: testing the previous build; ${message}`);
	}
}
