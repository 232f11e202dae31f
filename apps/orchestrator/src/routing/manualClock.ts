import type { Clock } from './types.ts';

/**
 * A manual clock for tests and simulations: timers fire only when {@link advance} moves time
 * past them, in due order (ties by creation), each with `now()` equal to its due time.
 * Timers live in a binary min-heap (cancelled ones are dropped lazily), so thousands of
 * timers stay cheap.
 */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly heap: { at: number; id: number; fn: () => void }[] = [];
  private readonly live = new Set<number>();

  /** @param start initial time (ms since epoch). */
  constructor(start = 1_000_000) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.live.add(id);
    this.push({ at: this.t + Math.max(0, ms), id, fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.live.delete(handle as number);
  };

  /** Number of pending (not cancelled) timers. */
  get pending(): number {
    return this.live.size;
  }

  /** Moves time forward by `ms`, firing due timers in order (timers they create fire too if due). */
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > target) break;
      this.pop();
      if (!this.live.delete(top.id)) continue;
      this.t = Math.max(this.t, top.at);
      top.fn();
    }
    this.t = target;
  }

  private push(e: { at: number; id: number; fn: () => void }): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l]!, h[m]!)) m = l;
      if (r < h.length && less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function less(a: { at: number; id: number }, b: { at: number; id: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
