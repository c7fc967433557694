/**
 * A live surface's plain GETs (a queue snapshot, the desk's lists, the device table). They tell
 * apart the two failures that call for different answers: 401 (a TV no longer paired, a desk
 * whose session ended: stop and go to pairing or sign-in) and everything else (server away or
 * restarting: keep what is on screen and try again). Nothing here throws.
 */

/** What a fresh look at the server found. */
export type Freshness = 'current' | 'unreachable' | 'unauthorized';

export type FetchResult =
	{ kind: 'current'; body: string } | { kind: 'unreachable' } | { kind: 'unauthorized' };

export async function fetchCurrent(url: string): Promise<FetchResult> {
	try {
		// Live data: a cached answer would show a queue that has moved on.
		const response = await fetch(url, { cache: 'no-store' });
		if (response.status === 401) return { kind: 'unauthorized' };
		if (!response.ok) return { kind: 'unreachable' };
		return { kind: 'current', body: await response.text() };
	} catch {
		// Network gone or the server restarting: the caller keeps its picture and retries.
		return { kind: 'unreachable' };
	}
}
