import { describe, expect, it, vi } from 'vitest';
import { LiveResource } from '$lib/live/live-resource.svelte';
import { fakeBrowser, jsonResponse as json } from '$lib/live/test-support';

/** The desk's lists beside the queue, as `GET /api/staff/desk-lists` sends them (in short). */
interface DeskListsData {
	helpRequests: {
		id: string;
		reason: string;
		createdAt: number;
		deviceName: string | null;
		patientName: string | null;
	}[];
	deadLetters: { opId: string }[];
}

const URL = '/api/staff/desk-lists';

const empty: DeskListsData = { helpRequests: [], deadLetters: [] };
const withHelp: DeskListsData = {
	helpRequests: [
		{ id: 'h1', reason: 'asked', createdAt: 1, deviceName: 'Kiosk 1', patientName: null }
	],
	deadLetters: []
};

describe("LiveResource (the desk's lists)", () => {
	const { fetch: fetchMock } = fakeBrowser();

	it('keeps the lists while the server is away and retries until it answers', async () => {
		const lists = new LiveResource(URL, empty, vi.fn());
		fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
		fetchMock.mockResolvedValueOnce(json({ message: 'bad gateway' }, 502));
		fetchMock.mockResolvedValueOnce(json(withHelp));
		expect(lists.freshness).toBe('current');
		await lists.refresh();
		expect(lists.value.helpRequests).toEqual([]);
		// What a page shows as "could not be updated" until a retry gets through.
		expect(lists.freshness).toBe('unreachable');
		await vi.advanceTimersByTimeAsync(500);
		expect(fetchMock).toHaveBeenCalledTimes(2);
		expect(lists.value.helpRequests).toEqual([]);
		expect(lists.freshness).toBe('unreachable');
		await vi.advanceTimersByTimeAsync(1000);
		expect(fetchMock).toHaveBeenCalledTimes(3);
		expect(lists.value.helpRequests).toEqual(withHelp.helpRequests);
		expect(lists.freshness).toBe('current');
		await vi.advanceTimersByTimeAsync(10_000);
		expect(fetchMock).toHaveBeenCalledTimes(3);
	});

	it('fetches once more when a change is announced mid-fetch, never twice at a time', async () => {
		const lists = new LiveResource(URL, empty, vi.fn());
		let answer: (response: Response) => void = () => {};
		fetchMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
		fetchMock.mockResolvedValueOnce(json(withHelp));
		const first = lists.refresh();
		void lists.refresh();
		void lists.refresh();
		expect(fetchMock).toHaveBeenCalledTimes(1);
		answer(json(empty));
		await first;
		expect(fetchMock).toHaveBeenCalledTimes(2);
		expect(lists.value.helpRequests).toEqual(withHelp.helpRequests);
	});

	it('sends a signed-out desk to sign in instead of retrying', async () => {
		const signedOut = vi.fn();
		const lists = new LiveResource(URL, empty, signedOut);
		fetchMock.mockResolvedValue(json({ message: 'Sign in' }, 401));
		await lists.refresh();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(signedOut).toHaveBeenCalledTimes(1);
		expect(fetchMock).toHaveBeenCalledTimes(1);
	});
});
