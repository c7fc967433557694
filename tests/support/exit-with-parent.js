// Preloaded (`node --import`) into every app server the tests start (start-test-server.js for the
// browser tests, tests/integration/support/server.ts). If the process that started it dies
// without stopping it (SIGKILL, a crashed worker), we are re-parented: stop as SIGTERM would, so
// no stray server keeps a test port or database open.
const parentPid = process.ppid;

const watch = setInterval(() => {
	if (process.ppid === parentPid) return;
	clearInterval(watch);
	console.error('test server: the process that started it is gone, stopping');
	process.kill(process.pid, 'SIGTERM');
	// If the server ignores SIGTERM or hangs in shutdown, do not keep the port forever.
	setTimeout(() => process.exit(1), 10_000).unref();
}, 500);
watch.unref();

// A module, not a script: its names stay its own.
export {};
