import { describe, expect, it, vi } from 'vitest';
import { startHoldTone, type ToneContext } from './holdTone.ts';

function fakeContext() {
  const started: number[] = [];
  const peaks: number[] = [];
  const ctx = {
    currentTime: 0,
    state: 'running',
    destination: {},
    close: vi.fn(async () => {}),
    createOscillator: () => ({ type: '', frequency: { value: 0 }, connect: () => {}, start: (t = 0) => started.push(t), stop: () => {} }),
    createGain: () => ({ gain: { setValueAtTime: () => {}, linearRampToValueAtTime: (v: number) => peaks.push(v), exponentialRampToValueAtTime: () => {} }, connect: () => {} }),
  } satisfies ToneContext;
  return { ctx, started, peaks };
}

describe('hold tone', () => {
  it('chimes quietly at once and then periodically until stopped, then closes the audio context', () => {
    const { ctx, started, peaks } = fakeContext();
    let tick: (() => void) | null = null;
    const clear = vi.fn();
    const tone = startHoldTone({ createContext: () => ctx, setInterval: (fn) => ((tick = fn), 7), clearInterval: clear });
    expect(started).toHaveLength(2); // two notes
    expect(Math.max(...peaks)).toBeLessThanOrEqual(0.05);
    tick!();
    expect(started).toHaveLength(4);
    tone.stop();
    tone.stop();
    expect(clear).toHaveBeenCalledTimes(1);
    expect(clear).toHaveBeenCalledWith(7);
    expect(ctx.close).toHaveBeenCalledTimes(1);
  });

  it('is silent, and never throws, without Web Audio', () => {
    const set = vi.fn();
    expect(() => startHoldTone({ createContext: () => { throw new Error('no audio'); }, setInterval: set }).stop()).not.toThrow();
    expect(set).not.toHaveBeenCalled();
    // No AudioContext in this environment at all (node): the default is silent too.
    expect(() => startHoldTone().stop()).not.toThrow();
  });

  it('a failing audio graph does not break the hold screen', () => {
    const { ctx } = fakeContext();
    const broken = { ...ctx, createOscillator: () => { throw new Error('device lost'); } };
    expect(() => startHoldTone({ createContext: () => broken, setInterval: () => 1, clearInterval: () => {} }).stop()).not.toThrow();
  });
});
