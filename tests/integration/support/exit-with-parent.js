// Preloaded (`node --import`) into every server the integration tests start. If the test
// process dies without stopping its servers (SIGKILL, a crashed worker), we are re-parented:
// stop as SIGTERM would, so no stray server keeps a port or a test database open.
const parentPid = process.ppid;

const watch = setInterval(() => {
	if (process.ppid === parentPid) return;
	clearInterval(watch);
	process.kill(process.pid, 'SIGTERM');
	setTimeout(() => process.exit(1), 10_000).unref();
}, 500);
watch.unref();

// A module, not a script: its names stay its own.
export {};
