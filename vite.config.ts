import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
