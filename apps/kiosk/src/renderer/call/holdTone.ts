/** What {@link startHoldTone} needs of the Web Audio API (a fake in tests). */
export interface ToneContext {
  readonly currentTime: number;
  readonly state?: string;
  readonly destination: unknown;
  createOscillator(): { type: string; frequency: { value: number }; connect(n: unknown): unknown; start(t?: number): void; stop(t?: number): void };
  createGain(): { gain: { setValueAtTime(v: number, t: number): unknown; linearRampToValueAtTime(v: number, t: number): unknown; exponentialRampToValueAtTime(v: number, t: number): unknown }; connect(n: unknown): unknown };
  resume?(): Promise<void>;
  close?(): Promise<void>;
}

export interface HoldTone {
  /** Stops the tone and releases the audio context; idempotent. */
  stop(): void;
}

export interface HoldToneOptions {
  /** Makes the audio context (default: the browser's `AudioContext`; none: silent). */
  createContext?: () => ToneContext;
  /** Time between two chimes, ms. */
  intervalMs?: number;
  /** Peak gain of a note (quiet: well under speech level). */
  volume?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (id: unknown) => void;
}

/** A soft descending two-note chime (G5, then E5), repeated while the visitor is on hold. */
const NOTES = [
  { hz: 784, at: 0 },
  { hz: 659.25, at: 0.55 },
];
const NOTE_S = 0.9;

function browserContext(): ToneContext | null {
  const w = globalThis as unknown as { AudioContext?: new () => ToneContext; webkitAudioContext?: new () => ToneContext };
  const Ctor = w.AudioContext ?? w.webkitAudioContext;
  return Ctor ? new Ctor() : null;
}

/**
 * Plays a quiet, periodic hold tone with the Web Audio API until stopped. Never throws: where
 * there is no audio (no `AudioContext`, a context that cannot start) it stays silent.
 */
export function startHoldTone(opts: HoldToneOptions = {}): HoldTone {
  const volume = opts.volume ?? 0.04;
  const every = opts.intervalMs ?? 4000;
  const setI = opts.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
  const clearI = opts.clearInterval ?? ((id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>));
  let ctx: ToneContext | null = null;
  try {
    ctx = opts.createContext ? opts.createContext() : browserContext();
  } catch {
    ctx = null;
  }
  if (!ctx) return { stop: () => {} };
  const audio = ctx;
  const chime = () => {
    try {
      if (audio.state === 'suspended') void audio.resume?.().catch(() => {});
      const t0 = audio.currentTime + 0.05;
      for (const n of NOTES) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = 'sine';
        osc.frequency.value = n.hz;
        const start = t0 + n.at;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.linearRampToValueAtTime(volume, start + 0.06);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + NOTE_S);
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.start(start);
        osc.stop(start + NOTE_S + 0.05);
      }
    } catch {
      /* audio output failed: the hold screen still says it in words */
    }
  };
  chime();
  let timer: unknown = setI(chime, every);
  return {
    stop() {
      if (timer === null) return;
      clearI(timer);
      timer = null;
      try {
        void audio.close?.().catch(() => {});
      } catch {
        /* already closed */
      }
    },
  };
}
