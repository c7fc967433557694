import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The browser's chunks (DESIGN §9: the kiosk's first load ≤ 80 KB gzip). Left to itself, Rollup
 * cuts Svelte's and SvelteKit's runtimes into a dozen chunks by which pages share which part,
 * and every screen loads them all at start: each one a request and its own gzip stream. One
 * runtime chunk (both runtimes: every page loads them before anything else) and one for the
 * small helpers every surface starts with save about 2 KB gzip on the kiosk's first load. Only
 * the client build: the server's chunks stay as Kit cuts them (its runtime imports the app's
 * hooks, and a chunk for it would import the app that imports it back).
 */
function clientChunk(id: string): string | undefined {
	if (/\/node_modules\/(svelte\/src|@sveltejs\/kit\/src\/runtime)\//.test(id)) return 'runtime';
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
