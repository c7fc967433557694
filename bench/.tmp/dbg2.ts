import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Staff } from '/work/main/bench/support/api.ts';
import { startServer } from '/work/main/bench/support/server.ts';
import { launchChromium } from '/work/main/tests/e2e/support/browser.ts';
import { writeQrY4m } from '/work/main/tests/e2e/support/y4m.ts';
const tmp = '/work/main/bench/.tmp/dbg';
const lib = readFileSync(join(dirname(createRequire(import.meta.url).resolve('html5-qrcode/package.json')), 'html5-qrcode.min.js'));
const page = (opts: string) => `<!doctype html><script src="/lib.js"></script><div id="reader" style="width:640px"></div><script>
window.probe={decoded:null,started:null,err:null,bd:('BarcodeDetector' in window)};
const s=new Html5Qrcode('reader',${opts});
s.start({facingMode:'user'},{fps:15,disableFlip:true},(t)=>{probe.decoded??=performance.now()},()=>{}).then(()=>probe.started=performance.now()).catch(e=>probe.err=String(e));
</script>`;
const http = createServer((req, res) => {
	if (req.url === '/lib.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(lib); return; }
	const kiosk = req.url?.includes('kiosk');
	res.writeHead(200, { 'content-type': 'text/html' });
	res.end(page(kiosk ? "{verbose:false,formatsToSupport:[Html5QrcodeSupportedFormats.QR_CODE],useBarCodeDetectorIfSupported:true}" : "{verbose:false}"));
});
await new Promise<void>((r) => http.listen(3932, '127.0.0.1', r));
const s = await startServer({ port: 3931, databasePath: join(tmp, `dbx.sqlite`), configDir: '/work/main/bench/config', buildDir: 'build', logFile: join(tmp, 'log') });
try {
	const staff = await Staff.signIn(s.baseUrl);
	const appts = await staff.get<{ id: string }[]>('/api/staff/appointments');
	for (const a of appts.slice(0, 8)) {
		const url = await staff.checkInUrl(a.id);
		const file = join(tmp, `${a.id}.y4m`);
		await writeQrY4m(url, file, { fraction: 0.6 });
		const b = await launchChromium({ cameraY4m: file });
		const out: string[] = [];
		for (const variant of ['plain', 'kiosk']) {
			const p = await b.newPage();
			await p.goto(`http://127.0.0.1:3932/${variant}`);
			await p.waitForTimeout(4000);
			const probe = await p.evaluate(() => (window as any).probe);
			out.push(`${variant}: ${probe.decoded ? Math.round(probe.decoded - probe.started) + 'ms' : 'NO'} bd=${probe.bd} err=${probe.err}`);
			await p.close();
		}
		console.log(a.id, out.join(' | '));
		await b.close();
	}
} finally { await s.stop(); http.close(); }
