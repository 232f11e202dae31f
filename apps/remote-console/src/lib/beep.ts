/**
 * Sounds (WebAudio): a short two-tone chime for new offers, a loud repeated two-tone alarm for
 * emergency offers, and a falling three-tone alarm for new critical fleet alerts. Browsers only let audio start after a user gesture, so
 * {@link unlockAudio} is called from the sign-in click and from key presses.
 */
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    return null;
  }
  return ctx;
}

/** Creates or resumes the audio context inside a user gesture. */
export function unlockAudio(): void {
  const c = context();
  if (c && c.state === 'suspended') void c.resume().catch(() => {});
}

/** Plays the offer chime; silently does nothing when audio is unavailable. */
export function beep(): void {
  const c = context();
  if (!c) return;
  if (c.state === 'suspended') void c.resume().catch(() => {});
  const start = c.currentTime + 0.02;
  for (const [i, freq] of [880, 1175].entries()) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    const t0 = start + i * 0.18;
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.16);
    osc.connect(gain).connect(c.destination);
    osc.start(t0);
    osc.stop(t0 + 0.17);
  }
}

/** The alarm for a new critical fleet alert: three falling tones, distinct from the offer chime. */
export function alarm(): void {
  const c = context();
  if (!c) return;
  if (c.state === 'suspended') void c.resume().catch(() => {});
  const start = c.currentTime + 0.02;
  for (const [i, freq] of [988, 784, 659].entries()) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    const t0 = start + i * 0.22;
    osc.type = 'triangle';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.3, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.2);
    osc.connect(gain).connect(c.destination);
    osc.start(t0);
    osc.stop(t0 + 0.21);
  }
}

/**
 * The offer sound of a safety escalation: louder than the chime and unmistakable, the alarm's
 * falling tones in square waves, three times over about two seconds.
 */
export function emergencyChime(): void {
  const c = context();
  if (!c) return;
  if (c.state === 'suspended') void c.resume().catch(() => {});
  const start = c.currentTime + 0.02;
  for (let round = 0; round < 3; round++) {
    for (const [i, freq] of [1046, 784, 1046, 784].entries()) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      const t0 = start + round * 0.75 + i * 0.15;
      osc.type = 'square';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.45, t0 + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.13);
      osc.connect(gain).connect(c.destination);
      osc.start(t0);
      osc.stop(t0 + 0.14);
    }
  }
}
