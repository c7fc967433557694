import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, Rollup } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The browser's chunks (DESIGN §9: the kiosk's first load ≤ 80 KB gzip). Left to itself, Rollup
 * cuts Svelte's and SvelteKit's runtimes into a dozen chunks by which pages share which part,
 * and every screen loads them all at start: each one a request and its own gzip stream. One
 * runtime chunk and one for the small helpers every surface starts with save about 2 KB gzip on
 * the kiosk's first load. The runtime chunk holds only what the kiosk's start needs (the parts
 * its page, the root layout and error page and Kit's entries import, statically): the parts only
 * staff pages use (form actions, `<select>` bindings, media queries…) go in a second chunk,
 * which the kiosk never loads. Only the client build: the server's chunks stay as Kit cuts them
 * (its runtime imports the app's hooks, and a chunk for it would import the app that imports it
 * back).
 */
const KIOSK_START_ROOTS = [
	/\/src\/routes\/kiosk\/\+page\.(svelte|ts)$/,
	/\/src\/routes\/\+error\.svelte$/,
	/\/@sveltejs\/kit\/src\/runtime\/components\/svelte-5\/layout\.svelte$/,
	/\/@sveltejs\/kit\/src\/runtime\/client\/entry\.js$/,
	/\/\.svelte-kit\/generated\/client-optimized\/app\.js$/
];

/** Every module the kiosk's start imports statically, from the roots above. */
function kioskStartModules(meta: Rollup.ManualChunkMeta): Set<string> {
	const seen = new Set<string>();
	const queue = [...meta.getModuleIds()].filter((id) => KIOSK_START_ROOTS.some((r) => r.test(id)));
	for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
		if (seen.has(id)) continue;
		seen.add(id);
		queue.push(...(meta.getModuleInfo(id)?.importedIds ?? []));
	}
	return seen;
}

let kioskStart: Set<string> | null = null;

function clientChunk(id: string, meta: Rollup.ManualChunkMeta): string | undefined {
	if (/\/node_modules\/(svelte\/src|@sveltejs\/kit\/src\/runtime)\//.test(id)) {
		kioskStart ??= kioskStartModules(meta);
		return kioskStart.has(id) ? 'runtime' : 'runtime-staff';
	}
	if (/\/src\/lib\/(i18n\/(index|context\.svelte|bilingual)|backoff|site-time)\.ts$/.test(id))
		return 'shared';
	return undefined;
}

/** `clientChunk` for the browser's build only (Kit marks its server build `build.ssr`). */
const clientChunks: Plugin = {
	name: 'front-desk-client-chunks',
	enforce: 'post',
	config(config) {
		if (config.build?.ssr) return;
		kioskStart = null;
		return { build: { rollupOptions: { output: { manualChunks: clientChunk } } } };
	}
};

export default defineConfig({
	plugins: [sveltekit(), clientChunks],
	resolve: {
		// Dexie's package entry is its ES5 UMD build behind a wrapper; the modern ES module build
		// is the same Dexie in the syntax every kiosk browser runs: about 4 KB less gzip in the
		// kiosk's first load (DESIGN §9). `db.ts` is Dexie's only importer, so there is one copy.
		alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }]
	},
	// `npm run coverage` builds with source maps so the built server's V8 coverage maps back to
	// src/ (scripts/coverage.js); ordinary builds ship none.
	build: { sourcemap: process.env.FRONT_DESK_SOURCEMAP === '1' },
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
