import { version } from '$app/environment';
import type { Jwks } from '$lib/check-in-token';
import type { JWK } from 'jose';
import type { PublicSiteConfig } from '$lib/schemas/site-config';
import type { StaffPinHash } from '$lib/schemas/staff-pin';
import { isLanguage, translator, type Language, type Params } from '$lib/i18n';
import type { I18n } from '$lib/i18n/context.svelte';
import { kioskEnglish, type KioskDictionary, type KioskKey } from '$lib/i18n/kiosk';
import { kioskDb, type KioskDb } from './db';
import type { EnrollProblem } from './pairing';
import { RosterStore } from './roster-store';
import { SyncEngine } from './sync-engine.svelte';
import { KioskFlow } from './flow.svelte';
import type { VisitAnalytics } from './visit-analytics';
import { Backoff } from '$lib/backoff';

interface Bootstrap {
	device: { id: string; name: string };
	site: PublicSiteConfig;
	jwks: Jwks;
	/** Patients' edits and card photos are sealed to it; absent from servers before 005. */
	intakeKey?: JWK;
	/** The staff panel's PIN, hashed; null when the site set none (absent from older servers). */
	staffPin?: StaffPinHash | null;
	version: string;
}

export type KioskState = 'loading' | 'enroll' | 'ready' | 'unavailable';

/** How a visit ended, for step analytics (see `resetForNextPatient`). */
export type ResetReason = 'done' | 'cancel' | 'idle' | 'error';

export type { EnrollProblem } from './pairing';

/**
 * The kiosk as a whole: enrollment, cached site settings and keys, the outbox's sync engine,
 * the roster, and the patient flow. Everything needed to check a patient in is in IndexedDB,
 * so a kiosk that boots without network still works once it has been online one time. It is also
 * the kiosk's translations (`I18n`): the page sets it as the kiosk's i18n context.
 */
export class KioskApp implements I18n<KioskKey> {
	#state = $state<KioskState>('loading');
	#bootstrap = $state<Bootstrap | null>(null);
	#language = $state<Language>('en');
	#enrollProblem = $state<EnrollProblem | null>(null);
	#spanish = $state<KioskDictionary | null>(null);
	#largeText = $state(false);

	readonly db: KioskDb;
	readonly sync: SyncEngine;
	readonly roster: RosterStore;
	readonly flow: KioskFlow;
	/**
	 * Step analytics and the feedback question (issue 10): screens, times, counts, never a patient.
	 * Loaded with the first visit, not with the kiosk (DESIGN §9); calls wait for it in order.
	 */
	#analytics: Promise<VisitAnalytics | null> | null = null;
	#stops: (() => void)[] = [];
	/** A paired kiosk that has never reached the server waits for it, never a dead end. */
	readonly #startRetry = new Backoff({ baseMs: 2000, maxMs: 30_000 });

	constructor(db: KioskDb = kioskDb()) {
		this.db = db;
		this.sync = new SyncEngine(db, { appVersion: version });
		this.roster = new RosterStore(db);
		this.roster.onKeys = (jwks) => this.keysChanged(jwks);
		this.flow = new KioskFlow(db, this.roster, this.sync, () => {
			const b = this.#bootstrap;
			if (!b) throw new Error('kiosk used before it was set up');
			return {
				site: b.site,
				jwks: b.jwks,
				intakeKey: b.intakeKey ?? null,
				preferLanguage: (l) => {
					// Theirs if the site speaks it; the header's toggle still switches back.
					if (isLanguage(l) && b.site.languages.includes(l)) this.setLanguage(l);
				}
			};
		});
		this.flow.onScreen = (screen) => {
			const at = Date.now();
			// Nobody at the kiosk yet: nothing to load for.
			if (screen.name !== 'welcome' || this.#analytics) this.#analyse((a) => a.saw(screen, at));
		};
	}

	get state() {
		return this.#state;
	}
	get site(): PublicSiteConfig | null {
		return this.#bootstrap?.site ?? null;
	}
	/** This tablet as reception named it when pairing (the staff panel shows it). */
	get device(): { id: string; name: string } | null {
		return this.#bootstrap?.device ?? null;
	}
	/** The staff panel's PIN, hashed; null when the site set none. */
	get staffPin(): StaffPinHash | null {
		return this.#bootstrap?.staffPin ?? null;
	}
	get language() {
		return this.#language;
	}
	/** A code, worded by the pairing screen in the language on screen. */
	get enrollProblem(): EnrollProblem | null {
		return this.#enrollProblem;
	}
	/** The patient asked for larger text (the header's toggle); the next patient starts without. */
	get largeText() {
		return this.#largeText;
	}
	setLargeText(on: boolean) {
		this.#largeText = on;
	}

	t = $derived.by(() => {
		const t = translator(
			{ en: kioskEnglish, ...(this.#spanish ? { es: this.#spanish } : {}) },
			this.#language
		);
		return (key: KioskKey, params?: Params) => t(key, params);
	});

	setLanguage(language: Language) {
		this.#language = language;
		if (language === 'es' && !this.#spanish) {
			void import('$lib/i18n/kiosk-es').then((module) => (this.#spanish = module.default));
		}
	}

	otherLanguage(): Language | null {
		const languages = this.site?.languages ?? ['en'];
		return languages.find((l) => l !== this.#language) ?? null;
	}

	async start(): Promise<void> {
		const cached = await this.db.getMeta<Bootstrap>('bootstrap');
		try {
			const response = await fetch('/api/kiosk/bootstrap', { credentials: 'same-origin' });
			if (response.status === 401) {
				// Never paired, or removed while it was off: nothing of the site stays behind.
				await this.unpaired();
				return;
			}
			if (!response.ok) throw new Error(`bootstrap: ${response.status}`);
			const fresh = (await response.json()) as Bootstrap;
			await this.db.setMeta('bootstrap', fresh);
			this.ready(fresh);
		} catch {
			// Offline (or the server is down): run on what we cached last time.
			if (cached) this.ready(cached);
			else if (navigator.onLine) {
				this.#state = 'unavailable';
				this.#startRetry.schedule(() => void this.start());
			} else this.#state = 'enroll';
		}
	}

	async enroll(input: string): Promise<void> {
		this.#enrollProblem = null;
		const { pairKiosk } = await import('./pairing');
		const problem = await pairKiosk(input);
		if (problem) this.#enrollProblem = problem;
		else await this.start();
	}

	/**
	 * Reception removed this kiosk (the server now answers 401): forget the site and its roster
	 * and show the pairing screen, without anyone touching the tablet.
	 */
	private async unpaired(): Promise<void> {
		this.stop();
		this.flow.reset();
		this.#bootstrap = null;
		await this.db.transaction('rw', this.db.meta, this.db.roster, async () => {
			await this.db.meta.delete('bootstrap');
			await this.db.roster.clear();
		});
		this.#state = 'enroll';
	}

	/** Keys from a fresh roster: the next scan verifies with them, also after a reload offline. */
	private async keysChanged(jwks: Jwks): Promise<void> {
		const current = this.#bootstrap;
		if (!current || JSON.stringify(current.jwks) === JSON.stringify(jwks)) return;
		const updated = { ...current, jwks };
		this.#bootstrap = updated;
		await this.db.setMeta('bootstrap', $state.snapshot(updated));
	}

	private ready(bootstrap: Bootstrap) {
		this.#bootstrap = bootstrap;
		const first = bootstrap.site.languages[0];
		this.setLanguage(isLanguage(first) ? first : 'en');
		this.#state = 'ready';
		if (this.#stops.length === 0)
			this.#stops.push(this.sync.start(), this.keepRosterFresh(), this.watchForRemoval());
	}

	/** The sync engine's heartbeat is the kiosk's link to the server: a 401 means it was removed. */
	private watchForRemoval(): () => void {
		return $effect.root(() => {
			$effect(() => {
				// After this effect's run: unpaired() tears down the root this effect lives in.
				if (this.sync.phase === 'not-enrolled') queueMicrotask(() => void this.unpaired());
			});
		});
	}

	/** Roster: purge at the end of the site's day, refresh on a timer and when the network returns. */
	private keepRosterFresh(): () => void {
		const refresh = async () => {
			const site = this.site;
			if (!site) return;
			await this.roster.purgeStale(site.timezone);
			await this.roster.refresh().catch(() => undefined);
		};
		void refresh();
		const minutes = this.site?.roster.refreshMinutes ?? 5;
		const timer = setInterval(() => void refresh(), minutes * 60_000);
		const onOnline = () => void refresh();
		window.addEventListener('online', onOnline);
		return () => {
			clearInterval(timer);
			window.removeEventListener('online', onOnline);
		};
	}

	/**
	 * Back to the welcome screen with nothing of the last patient kept; a waiting update installs
	 * now. `why` says how the visit ended (step analytics): `done` the patient finished or left a
	 * screen with nothing more to do, `cancel` they pressed back / start over, `idle` the idle
	 * timer, `error` the kiosk recovered from a fault.
	 */
	resetForNextPatient(why: ResetReason = 'done'): void {
		// Before the reset: the record closes on the screen the visit ended on.
		const [at, language] = [Date.now(), this.#language];
		this.#analyse((a) => a.end(why, language, at));
		this.flow.reset();
		this.#largeText = false;
		const first = this.site?.languages[0];
		this.setLanguage(isLanguage(first) ? first : 'en');
		void activateWaitingServiceWorker();
	}

	/** "How easy was checking in today?" answered, 1 (very hard) to 5 (very easy). */
	feedback(score: number): void {
		const [at, language] = [Date.now(), this.#language];
		this.#analyse((a) => a.feedback(score, language, at));
	}

	#analyse(use: (analytics: VisitAnalytics) => void): void {
		this.#analytics ??= import('./visit-analytics')
			.then(({ VisitAnalytics }) => new VisitAnalytics(this.sync))
			.catch(() => {
				// Offline before the chunk was cached: unrecorded for now; the next visit tries again.
				this.#analytics = null;
				return null;
			});
		void this.#analytics.then((analytics) => analytics && use(analytics));
	}

	stop(): void {
		this.#startRetry.cancel();
		for (const stop of this.#stops) stop();
		this.#stops = [];
	}
}

/** A new release's service worker waits until no patient is mid-check-in, then takes over. */
async function activateWaitingServiceWorker(): Promise<void> {
	const registration = await navigator.serviceWorker?.getRegistration();
	registration?.waiting?.postMessage({ type: 'SKIP_WAITING' });
}
