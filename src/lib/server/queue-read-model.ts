import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { SiteConfig } from '$lib/schemas/site-config';
import type { QueueEntryView, QueueSnapshot } from '$lib/queue/types';
import type { Audience, QueueEvent } from '$lib/queue/events';
import { delaysByProvider } from '$lib/queue/estimate';
import { siteDay } from '$lib/site-time';
import type { LoggedEvent } from './events/log';
import { buildSnapshot, loadEntryRow, loadEntryRows, projectEntry, rowFlags } from './queue';

/**
 * The live queue as its audiences read it: a snapshot, and what each logged event becomes for
 * each audience. It keeps, per site, today's entries current from the events it projects, so the
 * running delays sent with every upsert cost no query of the whole day.
 */
export class QueueReadModel {
	private readonly dayEntries = new Map<
		string,
		{ day: string; entries: Map<string, QueueEntryView> }
	>();

	constructor(private readonly db: Kysely<Database>) {}

	snapshot(config: SiteConfig, audience: Audience, lastEventId: number): Promise<QueueSnapshot> {
		return buildSnapshot(this.db, config, audience, lastEventId);
	}

	/** What one audience is sent for one logged event, or null when that audience gets nothing. */
	async liveEvent(
		event: LoggedEvent,
		audience: Audience,
		config: SiteConfig
	): Promise<QueueEvent | null> {
		const { id } = event;
		switch (event.type) {
			case 'queue.upsert': {
				const row = await loadEntryRow(this.db, event.payload.entryId);
				if (!row) return null;
				const entry = projectEntry(row, audience, config, await rowFlags(this.db, [row], audience));
				const delays = await this.updateDelays(config, entry);
				return { id, type: 'queue.upsert', entry, delays };
			}
			case 'queue.reset':
				return { id, type: 'queue.reset' };
			case 'help.changed':
			case 'device.changed':
			case 'changes.changed':
				return audience === 'reception' ? { id, type: event.type } : null;
			case 'appointment.changed':
				return null;
		}
	}

	/**
	 * Nobody was listening for the event's site: drop that site's delay cache, so the next
	 * listener rebuilds it once, instead of every check-in paying for it now.
	 */
	unheard(event: LoggedEvent): void {
		if (event.type === 'queue.upsert') this.dayEntries.delete(event.siteId);
	}

	private async updateDelays(
		config: SiteConfig,
		entry: QueueEntryView
	): Promise<Record<string, number>> {
		const now = Date.now();
		const day = siteDay(config.timezone, now);
		let cache = this.dayEntries.get(config.siteId);
		if (!cache || cache.day !== day) {
			const rows = await loadEntryRows(this.db, config.siteId, day);
			cache = {
				day,
				entries: new Map(rows.map((r) => [r.id, projectEntry(r, 'display', config)]))
			};
			this.dayEntries.set(config.siteId, cache);
		}
		cache.entries.set(entry.entryId, entry);
		return delaysByProvider([...cache.entries.values()], now);
	}
}
