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
		inlineStyleThreshold: 4096,
		// Content-Security-Policy (issue 12): scripts only from this server, each inline one by
		// nonce (server-rendered pages) or hash (the prerendered kiosk shell, as a <meta>), never
		// 'unsafe-inline'. WebAssembly (the QR decoder) may compile; styles may be inline (Svelte's
		// style attributes and the inlined stylesheets above). server.js adds frame-ancestors and
		// the rest for answers Kit does not render (static files, the prerendered shell).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'font-src': ['self'],
				'frame-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
