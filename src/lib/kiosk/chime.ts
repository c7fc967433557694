/**
 * A short rising two-note chime for a successful read, made with Web Audio (no sound file to
 * download or cache). The patient tapped "Scan my code" just before, so the browser lets the
 * page play sound. A kiosk without audio simply stays silent.
 */
export function playReadChime(): void {
	try {
		const audio = new AudioContext();
		const gain = audio.createGain();
		gain.connect(audio.destination);
		const start = audio.currentTime;
		gain.gain.setValueAtTime(0.0001, start);
		gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
		gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
		for (const [frequency, at] of [
			[880, 0],
			[1320, 0.12]
		] as const) {
			const tone = audio.createOscillator();
			tone.frequency.value = frequency;
			tone.connect(gain);
			tone.start(start + at);
			tone.stop(start + at + 0.2);
		}
		setTimeout(() => void audio.close(), 600);
	} catch {
		// No audio output (or Web Audio disabled): the visual tick is the feedback.
	}
}
