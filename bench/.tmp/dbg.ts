import { join } from 'node:path';
import QRCode from 'qrcode';
import { Staff } from '/work/main/bench/support/api.ts';
import { startServer } from '/work/main/bench/support/server.ts';
const tmp = '/work/main/bench/.tmp/dbg';
for (let k = 0; k < 3; k++) {
	const s = await startServer({ port: 3931, databasePath: join(tmp, `db${k}.sqlite`), configDir: '/work/main/bench/config', buildDir: 'build', logFile: join(tmp, 'log') });
	try {
		const staff = await Staff.signIn(s.baseUrl);
		const appts = await staff.get<{ id: string; status: string }[]>('/api/staff/appointments');
		for (const a of appts.slice(0, 4)) {
			const url = await staff.checkInUrl(a.id);
			const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
			console.log(k, a.id, url.length, 'v' + qr.version, qr.modules.size, qr.maskPattern, url.slice(0, 60));
		}
	} finally { await s.stop(); }
}
