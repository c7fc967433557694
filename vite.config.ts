import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
