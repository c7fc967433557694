import { describe, expect, it } from 'vitest';
import { parseStreamMessage } from './events';
import type { QueueSnapshot } from './types';
import { entry, NINE } from './test-fixtures';

describe('parseStreamMessage', () => {
	it('reads a queue event and a snapshot by their message names', () => {
		expect(parseStreamMessage('queue', JSON.stringify({ id: 4, type: 'help.changed' }))).toEqual({
			id: 4,
			type: 'help.changed'
		});
		const sent: QueueSnapshot = {
			siteId: 'main',
			siteDay: '2025-01-15',
			lastEventId: 3,
			providers: [],
			rooms: [],
			entries: [entry()],
			delays: {},
			serverTime: NINE
		};
		expect(parseStreamMessage('snapshot', JSON.stringify(sent))).toEqual(sent);
	});

	it('passes on a queue event of a type this build does not know, for the reducer to refetch', () => {
		expect(parseStreamMessage('queue', '{"id":9,"type":"phone.changed"}')).toMatchObject({
			id: 9
		});
	});

	it('refuses data that is not what its name says', () => {
		for (const data of ['', 'not json', 'null', '7', '{"type":"queue.reset"}', undefined])
			expect(parseStreamMessage('queue', data), String(data)).toBeNull();
		expect(parseStreamMessage('snapshot', '{"id":1,"type":"queue.reset"}')).toBeNull();
	});
});
