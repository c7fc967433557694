// Issue 10, "Stays healthy": memory steady over many visits with the camera opening and closing,
// and no camera left running. The full day (500 visits) is the bench row `kioskSoak`
// (bench/kiosk-soak.ts); this runs the same visits, fewer, in `npm test`.
import { test, expect } from './support/fixtures';
import { checkInUrl, freshAppointments, signInStaff } from './support/api';
import { pairKiosk } from './support/front-door';
import { soak, watchCameraTracks, writeSoakCamera } from './support/kiosk-soak';

const WARMUP = 20;
const VISITS = 40;

test(`${VISITS} visits with the camera: heap growth ≤ 10 % after GC, no camera track left running`, async ({
	cameraWorkspace,
	request
}) => {
	test.setTimeout(240_000);
	await signInStaff(request);
	const [appointment] = await freshAppointments(request, 1);
	const url = await checkInUrl(request, appointment.id);
	const tablet = await cameraWorkspace.launch((file) => writeSoakCamera(url, file));
	const context = await tablet.newContext();
	await watchCameraTracks(context);
	const kiosk = await context.newPage();
	await pairKiosk(kiosk);

	const result = await soak(kiosk, { warmup: WARMUP, visits: VISITS });
	console.log(
		`soak: heap ${(result.heapStartBytes / 1e6).toFixed(2)} → ${(result.heapEndBytes / 1e6).toFixed(2)} MB ` +
			`(${result.heapGrowthPercent.toFixed(1)} %), tracks ${JSON.stringify(result.tracks)}, ` +
			`median visit ${[...result.visitMs].sort((a, b) => a - b)[Math.floor(VISITS / 2)]} ms`
	);
	expect(result.heapGrowthPercent).toBeLessThanOrEqual(10);
	// Every visit opened the camera once.
	expect(result.tracks.opened).toBe(WARMUP + VISITS);
	expect(result.tracks.live).toBe(0);
	expect(result.tracks.stopped).toBe(result.tracks.opened);
});
