import type { Kysely, Selectable } from 'kysely';
import type { Database, EventTable } from '../db/schema';
import type { Dialect } from '../db';
import type { SiteConfig } from '$lib/schemas/site-config';
import type { StreamMessageName, StreamMessages } from '$lib/queue/events';
import type { Audience } from '$lib/queue/events';
import type { QueueReadModel } from '../queue-read-model';
import { readLoggedEvent, type LoggedEvent } from './log';
import { endExpiredSessions } from '../auth';
import { snapshotPatients } from '../audit';

const encoder = new TextEncoder();
/** Comment lines that keep idle streams open through proxies; tests shorten it (app.ts). */
export const HEARTBEAT_MS = 15_000;
/** A client further behind than this gets a fresh snapshot instead of a replay. */
const MAX_REPLAY = 1000;

interface Subscriber {
	siteId: string;
	audience: Audience;
	write(chunk: Uint8Array): void;
	/** Who holds the stream, so it can be cut off the moment they lose access. */
	holder: StreamHolder;
}

/** A device's stream ends when the device is removed; a staff stream when its session ends. */
export interface StreamHolder {
	deviceId?: string;
	/** The session's id hash (sessions.id_hash). */
	sessionIdHash?: string;
	/** Ends the response; the stream's cancel then unsubscribes. */
	end(): void;
	/** The stream just showed these patients (reception): the holder audits the read. */
	shown?(patientIds: string[]): void;
}

/** One event as one audience gets it, and the patient it names (reception only). */
interface Rendered {
	bytes: Uint8Array;
	patientId?: string;
}

export function sseMessage<K extends StreamMessageName>(
	id: number,
	name: K,
	data: StreamMessages[K]
): Uint8Array {
	return encoder.encode(`id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Fans events out to SSE subscribers. One reader per process drains the `events` table in id
 * order (serialised on `chain`), has the queue read model project each event once per audience
 * and writes the same bytes to every subscriber of that audience. Subscribing runs on the same chain, so a client's replay
 * and the live stream can neither overlap nor leave a gap.
 */
export class EventHub {
	private lastId = 0;
	private chain: Promise<void> = Promise.resolve();
	private drainQueued = false;
	private readonly subscribers = new Set<Subscriber>();
	private timers: ReturnType<typeof setInterval>[] = [];

	constructor(
		private readonly db: Kysely<Database>,
		private readonly dialect: Dialect,
		private readonly readModel: QueueReadModel,
		private readonly sites: Map<string, SiteConfig>,
		private readonly heartbeatMs = HEARTBEAT_MS
	) {}

	async start(): Promise<void> {
		const row = await this.db
			.selectFrom('events')
			.select((eb) => eb.fn.max('id').as('max'))
			.executeTakeFirst();
		this.lastId = Number(row?.max ?? 0);
		this.timers.push(setInterval(() => this.heartbeat(), this.heartbeatMs));

		// Another instance's writes are only seen by reading the table; until NOTIFY arrives
		// (multi-instance issue), PostgreSQL instances look every second.
		if (this.dialect === 'postgres') this.timers.push(setInterval(() => this.notify(), 1000));
	}

	stop(): void {
		for (const t of this.timers) clearInterval(t);
		this.timers = [];
	}

	get subscriberCount(): number {
		return this.subscribers.size;
	}

	get lastEventId(): number {
		return this.lastId;
	}

	/** Called after a transaction that appended events has committed. Cheap to call often. */
	notify(): void {
		if (this.drainQueued) return;
		this.drainQueued = true;
		this.enqueue(async () => {
			this.drainQueued = false;
			await this.drain();
		});
	}

	/** Resolves once every event committed before the call has been delivered. */
	flush(): Promise<void> {
		this.notify();
		return this.chain;
	}

	subscribe(
		siteId: string,
		audience: Audience,
		lastEventId: number | null,
		write: (chunk: Uint8Array) => void,
		holder: StreamHolder = { end: () => undefined }
	): () => void {
		const subscriber: Subscriber = { siteId, audience, write, holder };
		let active = true;
		this.enqueue(async () => {
			if (!active) return;
			await this.catchUp(subscriber, lastEventId);
			if (active) this.subscribers.add(subscriber);
		});
		return () => {
			active = false;
			this.subscribers.delete(subscriber);
		};
	}

	private enqueue(task: () => Promise<void>): void {
		this.chain = this.chain.then(task).catch((error: unknown) => {
			console.error('event hub:', error);
		});
	}

	private async catchUp(subscriber: Subscriber, lastEventId: number | null): Promise<void> {
		const config = this.sites.get(subscriber.siteId);
		if (!config) return;
		if (
			lastEventId !== null &&
			lastEventId <= this.lastId &&
			this.lastId - lastEventId <= MAX_REPLAY
		) {
			const missed = await this.db
				.selectFrom('events')
				.selectAll()
				.where('id', '>', lastEventId)
				.where('id', '<=', this.lastId)
				.where('site_id', '=', subscriber.siteId)
				.orderBy('id')
				.execute();
			const shown: string[] = [];
			for (const row of missed) {
				const event = readLoggedEvent(row);
				const message = event && (await this.render(event, subscriber.audience, config));
				if (!message) continue;
				subscriber.write(message.bytes);
				if (message.patientId) shown.push(message.patientId);
			}
			if (shown.length > 0) subscriber.holder.shown?.(shown);
			return;
		}
		const snapshot = await this.readModel.snapshot(config, subscriber.audience, this.lastId);
		subscriber.write(sseMessage(this.lastId, 'snapshot', snapshot));
		const shown = snapshotPatients(snapshot);
		if (shown.length > 0) subscriber.holder.shown?.(shown);
	}

	private async drain(): Promise<void> {
		for (;;) {
			const events = await this.db
				.selectFrom('events')
				.selectAll()
				.where('id', '>', this.lastId)
				.orderBy('id')
				.limit(500)
				.execute();
			for (const event of events) {
				await this.deliver(event);
				this.lastId = Number(event.id);
			}
			if (events.length < 500) return;
		}
	}

	private async deliver(row: Selectable<EventTable>): Promise<void> {
		const config = this.sites.get(row.site_id);
		const event = readLoggedEvent(row);
		if (!config || !event) return;
		if (event.type === 'device.changed' && 'deviceId' in event.payload)
			await this.endRemovedDevice(event.payload.deviceId);
		const rendered = new Map<Audience, Rendered | null>();
		for (const subscriber of this.subscribers) {
			if (subscriber.siteId !== event.siteId) continue;
			let message = rendered.get(subscriber.audience);
			if (message === undefined) {
				message = await this.render(event, subscriber.audience, config);
				rendered.set(subscriber.audience, message);
			}
			if (!message) continue;
			subscriber.write(message.bytes);
			if (message.patientId) subscriber.holder.shown?.([message.patientId]);
		}
		if (rendered.size === 0) this.readModel.unheard(event);
	}

	/** A removed device's open streams end at once (its next request is refused too). */
	private async endRemovedDevice(deviceId: string): Promise<void> {
		const held = [...this.subscribers].filter((s) => s.holder.deviceId === deviceId);
		if (held.length === 0) return;
		const device = await this.db
			.selectFrom('devices')
			.select('revoked_at')
			.where('id', '=', deviceId)
			.executeTakeFirst();
		if (device && device.revoked_at === null) return;
		for (const subscriber of held) this.end(subscriber);
	}

	/** Ends every open stream of these staff sessions (signed out, timed out, ended elsewhere). */
	endSessions(idHashes: readonly string[]): void {
		const ended = new Set(idHashes);
		for (const subscriber of this.subscribers) {
			const hash = subscriber.holder.sessionIdHash;
			if (hash !== undefined && ended.has(hash)) this.end(subscriber);
		}
	}

	private end(subscriber: Subscriber): void {
		this.subscribers.delete(subscriber);
		try {
			subscriber.holder.end();
		} catch {
			// Already closed by the client.
		}
	}

	/** The SSE bytes of one event for one audience, or null when that audience does not get it. */
	private async render(
		event: LoggedEvent,
		audience: Audience,
		config: SiteConfig
	): Promise<Rendered | null> {
		const live = await this.readModel.liveEvent(event, audience, config);
		if (!live) return null;
		const patientId = live.type === 'queue.upsert' ? live.entry.patient?.id : undefined;
		return { bytes: sseMessage(live.id, 'queue', live), patientId };
	}

	private heartbeat(): void {
		const beat = encoder.encode(`: heartbeat ${Date.now()}\n\n`);
		for (const subscriber of this.subscribers) subscriber.write(beat);
		// With each beat, sessions that timed out end, and take their desk streams with them.
		this.enqueue(async () => this.endSessions(await endExpiredSessions(this.db)));
	}
}
