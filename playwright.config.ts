import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath } from './tests/e2e/support/browser';

// Environment:
// - E2E_BASE_URL: where the app under test is (default http://127.0.0.1:4173).
// - E2E_NO_SERVER=1: start no app server, for specs that need none (tests/e2e/camera.spec.ts)
//   or to test an app started by hand. Setting E2E_BASE_URL also starts none: that app is
//   somewhere else.
// - E2E_PORT: port of the test server it starts (default 4173).
// - CHROMIUM_PATH: the Chromium to drive (default Debian's /usr/bin/chromium, installed by
//   scripts/ensure-chromium.js).
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = process.env.E2E_BASE_URL || `http://127.0.0.1:${port}`;
const startServer = process.env.E2E_NO_SERVER !== '1' && !process.env.E2E_BASE_URL;

export default defineConfig({
	testDir: 'tests/e2e',
	// One worker: the tests share one server and database, and the machines have two cores.
	workers: 1,
	retries: 0,
	reporter: 'list',
	// A test that pairs several devices through their screens takes ~20 s alone and was seen at
	// over 60 s on a shared 2-core machine under load; a timeout is not an assertion.
	timeout: 120_000,
	// The same machines: a kiosk's first screen was seen taking over 5 s to appear under load.
	expect: { timeout: 10_000 },
	forbidOnly: !!process.env.CI,
	use: {
		baseURL,
		launchOptions: {
			executablePath: chromiumExecutablePath,
			args: [...chromiumArgs]
		},
		trace: 'retain-on-failure'
	},
	webServer: startServer
		? {
				command: 'node tests/e2e/support/start-test-server.js',
				// Ready once the app answers its health check, i.e. after migrations and the seed.
				url: `http://127.0.0.1:${port}/api/health`,
				reuseExistingServer: false,
				timeout: 120_000,
				stdout: 'pipe',
				stderr: 'pipe',
				// The server shuts down gracefully on SIGTERM; SIGKILL only if it hangs.
				gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
			}
		: undefined
});
