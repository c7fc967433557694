// `npm start`: build when the build is missing or older than the sources, then run server.js.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
	let latest = 0;
	if (!fs.existsSync(dir)) return latest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
	}
	return latest;
}

const built = fs.existsSync('build/handler.js') ? fs.statSync('build/handler.js').mtimeMs : 0;
const sources = Math.max(newest('src'), newest('static'), fs.statSync('package.json').mtimeMs);
if (built < sources) {
	console.log('Building Front Desk…');
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
const child = spawn(process.execPath, ['server.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
