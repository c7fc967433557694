import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { SiteConfig } from '$lib/schemas/site-config';
import type { QueueEntryView, QueueSnapshot } from '$lib/queue/types';
import type { Audience, QueueEvent } from '$lib/queue/events';
import { delaysByProvider } from '$lib/queue/estimate';
import { siteDay } from '$lib/site-time';
import type { LoggedEvent } from './events/log';
import {
	buildSnapshot,
	loadEntryRow,
	loadEntryRows,
	loadManualDelays,
	projectEntry,
	rowFlags
} from './queue';

interface DayCache {
	day: string;
	entries: Map<string, QueueEntryView>;
	/** The delays the desk set by hand today. */
	manual: Record<string, number>;
}

/**
 * The live queue as its audiences read it: a snapshot, and what each logged event becomes for
 * each audience. It keeps, per site, today's entries current from the events it projects, so the
 * running delays sent with every upsert cost no query of the whole day.
 */
export class QueueReadModel {
	private readonly dayEntries = new Map<string, DayCache>();

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
				const delays = await this.updateDelays(config, (cache) =>
					cache.entries.set(entry.entryId, entry)
				);
				return { id, type: 'queue.upsert', entry, delays };
			}
			case 'queue.remove': {
				const { entryId } = event.payload;
				const delays = await this.updateDelays(config, (cache) => cache.entries.delete(entryId));
				return { id, type: 'queue.remove', entryId, delays };
			}
			case 'provider.delay': {
				let manualDelays: Record<string, number> = {};
				const delays = await this.updateDelays(config, async (cache) => {
					cache.manual = await loadManualDelays(this.db, config.siteId, cache.day);
					manualDelays = cache.manual;
				});
				return { id, type: 'provider.delay', manualDelays, delays };
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
		const changesDelays =
			event.type === 'queue.upsert' ||
			event.type === 'queue.remove' ||
			event.type === 'provider.delay';
		if (changesDelays) this.dayEntries.delete(event.siteId);
	}

	/** Applies `change` to the site's cached day (built once if missing) and measures again. */
	private async updateDelays(
		config: SiteConfig,
		change: (cache: DayCache) => unknown
	): Promise<Record<string, number>> {
		const now = Date.now();
		const day = siteDay(config.timezone, now);
		let cache = this.dayEntries.get(config.siteId);
		if (!cache || cache.day !== day) {
			const [rows, manual] = await Promise.all([
				loadEntryRows(this.db, config.siteId, day),
				loadManualDelays(this.db, config.siteId, day)
			]);
			cache = {
				day,
				entries: new Map(rows.map((r) => [r.id, projectEntry(r, 'display', config)])),
				manual
			};
			this.dayEntries.set(config.siteId, cache);
		}
		await change(cache);
		return delaysByProvider([...cache.entries.values()], now, cache.manual);
	}
}
