// Preloaded (`node --import`) into the app server that start-test-server.js runs. That server is
// in its own process group so that a signal reaches it exactly once (forwarded by its parent);
// the price is that a parent killed with SIGKILL would leave it running and holding the test
// port. So: when the parent is gone (we get re-parented), stop the server as a signal would.
const parentPid = process.ppid;

const watch = setInterval(() => {
	if (process.ppid === parentPid) return;
	clearInterval(watch);
	console.error('start-test-server: parent process is gone, stopping the test server');
	process.kill(process.pid, 'SIGTERM');
	// If the server ignores SIGTERM or hangs in shutdown, do not keep the port forever.
	setTimeout(() => process.exit(1), 10_000).unref();
}, 500);
watch.unref();
