/**
 * Pairing from the kiosk's own screen: only an unpaired kiosk needs it, so it loads with the
 * pairing screen and never weighs on a paired kiosk's first load.
 */

/** Why pairing did not work: the server's codes (POST /api/devices/enroll) plus the kiosk's own. */
export const ENROLL_PROBLEMS = [
	'format',
	'unknown-code',
	'expired',
	'used',
	'wrong-kind',
	'voided',
	'throttled',
	'offline',
	'failed'
] as const;
export type EnrollProblem = (typeof ENROLL_PROBLEMS)[number];
const isEnrollProblem = (value: unknown): value is EnrollProblem =>
	(ENROLL_PROBLEMS as readonly unknown[]).includes(value);

/** Trades the typed code for this kiosk's device cookie: null when paired, or why not. */
export async function pairKiosk(input: string): Promise<EnrollProblem | null> {
	// What reception reads out or a person pastes: "123 456", "123-456".
	const code = input.replace(/[\s\-\u2010-\u2015]+/g, '');
	if (!/^\d{6}$/.test(code)) return 'format';
	try {
		const response = await fetch('/api/devices/enroll', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code, kind: 'kiosk' })
		});
		if (response.ok) return null;
		const body = (await response.json().catch(() => ({}))) as { code?: string };
		if (isEnrollProblem(body.code)) return body.code;
		return response.status === 400 ? 'format' : 'failed';
	} catch {
		return 'offline';
	}
}
