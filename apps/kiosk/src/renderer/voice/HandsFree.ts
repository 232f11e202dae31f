import { MAX_UTTERANCE_BYTES } from '@telekiosk/shared';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import type { HandsFreeControl, HandsFreeSource, HandsFreeState } from './HandsFreeContext.tsx';
import { encodeWav } from './wav.ts';

/** Screens where the visitor talks (the microphone is closed everywhere else). */
const TALK_SCREENS = new Set<KioskState['screen']>(['chat', 'waiting', 'call']);

/** The part of `@ricky0123/vad-web`'s MicVAD this controller uses. */
interface Vad {
  start(): Promise<void>;
  pause(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * Hands-free speech input: voice activity detection in the browser with the Silero VAD model
 * that ships inside `@ricky0123/vad-web` (ONNX Runtime Web, WebAssembly). When the visitor
 * turns it on, the microphone listens; each phrase is cut at the pause and sent as a 16 kHz WAV
 * utterance for transcription. Only offered when the orchestrator has speech recognition
 * (`capabilities.speechInput`); push-to-talk stays as the fallback. The model, worklet and
 * WebAssembly files are served from this app (`assetBase`), never from a CDN. Off again when the
 * visitor's session leaves the talking screens (and so on every reset).
 */
export class HandsFree implements HandsFreeSource {
  private vad: Vad | null = null;
  private starting: Promise<void> | null = null;
  private state: HandsFreeState = 'off';
  private available = true;
  private paused = false;
  private closed = false;
  private snapshot: HandsFreeControl;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly client: KioskClient,
    private readonly assetBase: string,
    private readonly load: () => Promise<{ MicVAD: { new: (o: Record<string, unknown>) => Promise<Vad> } }> = () => import('@ricky0123/vad-web') as never,
  ) {
    this.snapshot = this.makeSnapshot();
    this.unsubscribe = client.subscribe(() => this.sync(client.getSnapshot()));
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getSnapshot = () => this.snapshot;

  private makeSnapshot(): HandsFreeControl {
    return { available: this.available, state: this.state, toggle: () => void (this.state === 'off' ? this.start() : this.stop()) };
  }

  private set(p: { state?: HandsFreeState; available?: boolean }) {
    if (p.state !== undefined) this.state = p.state;
    if (p.available !== undefined) this.available = p.available;
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        /* a listener cannot break the controller */
      }
    }
  }

  /**
   * Stops listening off the talking screens and when another connection took over this device
   * (the kiosk has stopped); pauses while a turn is being answered.
   */
  private sync(s: KioskState) {
    if (this.state === 'off') return;
    if (!TALK_SCREENS.has(s.screen) || !s.capabilities.speechInput || s.connection === 'replaced') return void this.stop();
    if (s.busy && !this.paused) {
      this.paused = true;
      void this.vad?.pause();
    } else if (!s.busy && this.paused) {
      this.paused = false;
      void this.vad?.start();
    }
  }

  async start(): Promise<void> {
    if (this.closed || this.state !== 'off' || this.starting) return;
    this.set({ state: 'listening' });
    this.starting = (async () => {
      try {
        const { MicVAD } = await this.load();
        const vad = await MicVAD.new({
          model: 'v5',
          baseAssetPath: this.assetBase,
          onnxWASMBasePath: this.assetBase,
          startOnLoad: true,
          // A pause of about 0.7 s ends a phrase; shorter blips than 0.4 s are ignored.
          redemptionMs: 700,
          minSpeechMs: 400,
          onSpeechStart: () => this.state !== 'off' && this.set({ state: 'hearing' }),
          onVADMisfire: () => this.state !== 'off' && this.set({ state: 'listening' }),
          onSpeechEnd: (audio: Float32Array) => {
            if (this.state === 'off') return;
            this.set({ state: 'listening' });
            void this.client.sendSpeech(encodeWav(audio, 16_000, MAX_UTTERANCE_BYTES), 'audio/wav');
          },
        });
        if (this.state === 'off') await vad.destroy();
        else this.vad = vad;
      } catch (err) {
        console.warn('voice activity detection unavailable; push-to-talk remains', err);
        this.set({ state: 'off', available: false });
      } finally {
        this.starting = null;
      }
    })();
    await this.starting;
  }

  stop(): void {
    const vad = this.vad;
    this.vad = null;
    this.paused = false;
    if (this.state !== 'off') this.set({ state: 'off' });
    void vad?.destroy();
  }

  close(): void {
    this.closed = true;
    this.stop();
    this.unsubscribe();
  }
}
