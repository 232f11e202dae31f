import { describe, expect, it, vi } from 'vitest';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { HandsFree } from './HandsFree.ts';

/** A client stand-in: a state store and the one method hands-free calls. */
function fakeClient(screen: KioskState['screen'] = 'chat') {
  let state = { screen, busy: false, capabilities: { speechInput: true, speechOutput: 'browser', translation: 'none' } } as unknown as KioskState;
  const listeners = new Set<() => void>();
  const sent: { bytes: number; mimeType: string }[] = [];
  const client = {
    subscribe: (fn: () => void) => (listeners.add(fn), () => listeners.delete(fn)),
    getSnapshot: () => state,
    sendSpeech: async (audio: Uint8Array, mimeType: string) => void sent.push({ bytes: audio.byteLength, mimeType }),
  };
  const set = (p: Partial<KioskState>) => {
    state = { ...state, ...p };
    for (const l of listeners) l();
  };
  return { client: client as unknown as KioskClient, set, sent };
}

function fakeVad() {
  let opts: Record<string, (...a: unknown[]) => void> = {};
  const vad = { start: vi.fn(async () => {}), pause: vi.fn(async () => {}), destroy: vi.fn(async () => {}) };
  const load = async () => ({ MicVAD: { new: async (o: Record<string, unknown>) => ((opts = o as never), vad) } });
  return { vad, load, fire: (name: string, ...a: unknown[]) => opts[name]!(...a), options: () => opts as Record<string, unknown> };
}

describe('HandsFree', () => {
  it('listens, shows hearing while speech lasts, and sends each phrase as WAV', async () => {
    const { client, sent } = fakeClient();
    const f = fakeVad();
    const hf = new HandsFree(client, '/kiosk/vad/', f.load);
    await hf.start();
    expect(hf.getSnapshot().state).toBe('listening');
    expect(f.options().baseAssetPath).toBe('/kiosk/vad/');
    expect(f.options().onnxWASMBasePath).toBe('/kiosk/vad/');
    f.fire('onSpeechStart');
    expect(hf.getSnapshot().state).toBe('hearing');
    f.fire('onSpeechEnd', new Float32Array(16_000));
    expect(hf.getSnapshot().state).toBe('listening');
    expect(sent).toEqual([{ bytes: 44 + 32_000, mimeType: 'audio/wav' }]);
  });

  it('pauses while a turn is answered and stops off the talking screens', async () => {
    const { client, set } = fakeClient();
    const f = fakeVad();
    const hf = new HandsFree(client, '/v/', f.load);
    await hf.start();
    set({ busy: true });
    expect(f.vad.pause).toHaveBeenCalledTimes(1);
    set({ busy: false });
    expect(f.vad.start).toHaveBeenCalledTimes(1);
    set({ screen: 'rating' });
    expect(hf.getSnapshot().state).toBe('off');
    expect(f.vad.destroy).toHaveBeenCalledTimes(1);
  });

  it('stops listening when another connection took over this device', async () => {
    const { client, set } = fakeClient();
    const f = fakeVad();
    const hf = new HandsFree(client, '/v/', f.load);
    await hf.start();
    expect(hf.getSnapshot().state).toBe('listening');
    set({ connection: 'replaced' });
    expect(hf.getSnapshot().state).toBe('off');
    expect(f.vad.destroy).toHaveBeenCalledTimes(1);
  });

  it('falls back to push-to-talk when the model cannot load', async () => {
    const { client } = fakeClient();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const hf = new HandsFree(client, '/v/', async () => {
      throw new Error('no wasm');
    });
    await hf.start();
    expect(hf.getSnapshot()).toMatchObject({ available: false, state: 'off' });
    warn.mockRestore();
  });
});
