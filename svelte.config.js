import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR / KIT_OUT_DIR let several builds live side by side (parallel work, benchmarks).
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build' }),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		version: { name: process.env.npm_package_version ?? '0.1.0' },
		serviceWorker: { register: false },
		// Small stylesheets go inline into the HTML: a separate request each would hold back the
		// first paint (the kiosk's prerendered shell links nine), on a clinic's slow Wi-Fi too.
		inlineStyleThreshold: 4096
	}
};

export default config;
