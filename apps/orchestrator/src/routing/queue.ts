import type { TaskRec } from './matching.ts';
import type { Department, RoutingConfig } from './types.ts';

/**
 * Queue order. Effective priority with continuous aging is
 *   eff(t, now) = priority - step x (now - createdAt) / 60 000
 * and since `now` is common to all tasks, ordering by eff equals ordering by the static key
 *   priority + step x createdAt / 60 000
 * so a queue stays sorted without re-sorting as time passes (binary insertion, O(log n)
 * search). Bands keep the rules that aging must not break:
 *   0: requeued at head, protected priority (< agingMinPriority, i.e. safety), by age
 *   1: protected priority, by (priority, age) - never aged, never overtaken by aging
 *   2: requeued at head, other priorities, by age
 *   3: everything else, by (aged priority, age)
 * "Age" = `createdAt` (older first), then insertion `seq`.
 */
export function orderKey(t: Pick<TaskRec, 'priority' | 'createdAt' | 'head' | 'seq'>, cfg: RoutingConfig): number[] {
  const protectedBand = t.priority < cfg.agingMinPriority;
  if (t.head) return [protectedBand ? 0 : 2, 0, t.createdAt, t.seq];
  if (protectedBand) return [1, t.priority, t.createdAt, t.seq];
  const step = cfg.agingStepPerMinute;
  return [3, step > 0 ? t.priority + (step * t.createdAt) / 60_000 : t.priority, t.createdAt, t.seq];
}

/** Lexicographic comparison of order keys (negative = `a` first). */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Effective priority now (display value: aging stops at `agingMinPriority`; order uses the key). */
export function effectivePriority(t: Pick<TaskRec, 'priority' | 'createdAt' | 'head'>, now: number, cfg: RoutingConfig): number {
  if (t.priority < cfg.agingMinPriority || cfg.agingStepPerMinute <= 0) return t.priority;
  const aged = t.priority - (cfg.agingStepPerMinute * Math.max(0, now - t.createdAt)) / 60_000;
  return Math.max(cfg.agingMinPriority, Math.round(aged * 100) / 100);
}

/**
 * One department queue: tasks sorted by {@link orderKey} in a plain array (binary search,
 * splice; for a few thousand tasks a memmove beats a balanced tree and keeps index = position).
 */
export class OrderedQueue {
  private readonly items: TaskRec[] = [];
  constructor(readonly name: Department) {}

  get size(): number {
    return this.items.length;
  }

  /** Tasks in order (do not mutate while iterating). */
  get ordered(): readonly TaskRec[] {
    return this.items;
  }

  /** Inserts by key. */
  insert(t: TaskRec): void {
    this.items.splice(this.lowerBound(t.key), 0, t);
  }

  /** Removes; false when absent. */
  remove(t: TaskRec): boolean {
    const i = this.indexOf(t);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }

  /** 0-based index, or -1. */
  indexOf(t: TaskRec): number {
    const i = this.lowerBound(t.key);
    return this.items[i] === t ? i : -1;
  }

  private lowerBound(key: readonly number[]): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.items[mid]!.key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
