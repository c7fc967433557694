/**
 * Chime and speech for each new call. Browsers keep audio off until someone touches the page,
 * so the board shows a one-time "Tap to turn on sound" button until then. Every sound is best
 * effort: no audio error may ever reach the board.
 */
import { translator, type Language } from '$lib/i18n';
import { displayDictionaries } from '$lib/i18n/display';
import type { QueueEntryView } from '$lib/queue/types';
import { spokenTicket } from '$lib/display/calls';
import { localeFor } from '$lib/display/labels';

export interface AnnouncerSettings {
	chime: boolean;
	speech: boolean;
	languages: readonly Language[];
}

const CHIME_MS = 1_000;
/** A speech engine that never reports the end must not hold the queue of calls forever. */
const SPEECH_TIMEOUT_MS = 10_000;

export class Announcer {
	#soundOn = $state(false);
	#context: AudioContext | null = null;
	#queue: Promise<void> = Promise.resolve();

	constructor(private readonly settings: AnnouncerSettings) {}

	/** The site wants sound, and the browser has not let us play it yet. */
	get needsTap(): boolean {
		return (this.settings.chime || this.settings.speech) && !this.#soundOn;
	}

	/** Turns sound on at the first touch or key press anywhere; returns the teardown. */
	start(): () => void {
		if (!this.settings.chime && !this.settings.speech) return () => {};
		// Kiosk browsers may allow audio outright, and enrolling on this page was a gesture too.
		if (navigator.userActivation?.hasBeenActive) void this.enable();
		const onGesture = () => void this.enable();
		window.addEventListener('pointerdown', onGesture);
		window.addEventListener('keydown', onGesture);
		return () => {
			window.removeEventListener('pointerdown', onGesture);
			window.removeEventListener('keydown', onGesture);
			this.#context?.close().catch(() => {
				// Already closed: nothing to release.
			});
			this.#context = null;
		};
	}

	/** Must run inside a user gesture (or after one) for the browser to allow it. */
	async enable(confirm = false): Promise<void> {
		if (this.#soundOn && !confirm) return;
		try {
			if (this.settings.chime) {
				this.#context ??= new AudioContext();
				if (this.#context.state !== 'running') await this.#context.resume();
				this.#soundOn = this.#context.state === 'running';
			} else {
				this.#soundOn = true;
			}
			if (confirm && this.#soundOn && this.#context) playChime(this.#context);
		} catch {
			// No audio device or not allowed: the button stays for another try.
			this.#soundOn = false;
		}
	}

	/** Queues the calls; each gets a chime, then the sentence in every site language. */
	announce(calls: readonly QueueEntryView[]): void {
		for (const call of calls) {
			this.#queue = this.#queue
				.then(() => this.#announceOne(call))
				.catch(() => {
					// Sound is a courtesy; the board already shows the call.
				});
		}
	}

	async #announceOne(call: QueueEntryView): Promise<void> {
		if (!this.#soundOn) return;
		if (this.settings.chime && this.#context?.state === 'running') {
			playChime(this.#context);
			await sleep(CHIME_MS);
		}
		if (!this.settings.speech || typeof speechSynthesis === 'undefined') return;
		for (const lang of this.settings.languages) {
			const t = translator(displayDictionaries, lang);
			const ticket = spokenTicket(call.ticket);
			const text = call.roomName
				? t('speechCall', { ticket, room: call.roomName })
				: t('speechCallDesk', { ticket });
			await speak(text, lang);
		}
	}
}

/** Two short sine tones, high then low ("ding-dong"), generated: no audio files to load. */
export function playChime(context: AudioContext): void {
	const start = context.currentTime + 0.05;
	const tones: [frequency: number, offset: number, length: number][] = [
		[880, 0, 0.45],
		[659.25, 0.42, 0.6]
	];
	for (const [frequency, offset, length] of tones) {
		const oscillator = context.createOscillator();
		const gain = context.createGain();
		oscillator.type = 'sine';
		oscillator.frequency.value = frequency;
		gain.gain.setValueAtTime(0.0001, start + offset);
		gain.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02);
		gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + length);
		oscillator.connect(gain).connect(context.destination);
		oscillator.start(start + offset);
		oscillator.stop(start + offset + length + 0.05);
	}
}

function speak(text: string, lang: Language): Promise<void> {
	return new Promise((resolve) => {
		const utterance = new SpeechSynthesisUtterance(text);
		utterance.lang = localeFor(lang);
		const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
		if (voice) utterance.voice = voice;
		utterance.rate = 0.9;
		const timer = setTimeout(resolve, SPEECH_TIMEOUT_MS);
		const done = () => {
			clearTimeout(timer);
			resolve();
		};
		utterance.onend = done;
		utterance.onerror = done;
		speechSynthesis.speak(utterance);
	});
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
