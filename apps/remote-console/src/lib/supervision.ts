import type { SupervisorSnapshot } from '@telekiosk/shared';

type QueueItem = SupervisorSnapshot['queue'][number];

/** Time since `baseMs` was measured: the snapshot value plus the time elapsed since it arrived. */
export function elapsedSince(baseMs: number, snapshotAt: number, now: number): number {
  return baseMs + Math.max(0, now - snapshotAt);
}

export interface QueueSummary {
  waiting: number;
  /** Longest wait right now, ms (0 when nobody waits). */
  longestMs: number;
  /** Waiting visitors per language, most first (ties by name). */
  byLanguage: [string, number][];
  /** Waiting visitors per department, most first (ties by name). */
  byDepartment: [string, number][];
}

function countBy(items: readonly QueueItem[], key: (q: QueueItem) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const q of items) m.set(key(q), (m.get(key(q)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Summary counts of the waiting queue for the supervision board. */
export function queueSummary(queue: readonly QueueItem[], snapshotAt: number, now: number): QueueSummary {
  return {
    waiting: queue.length,
    longestMs: queue.reduce((m, q) => Math.max(m, elapsedSince(q.waitingMs, snapshotAt, now)), 0),
    byLanguage: countBy(queue, (q) => q.language),
    byDepartment: countBy(queue, (q) => q.department),
  };
}

/** Waiting visitors in display order: priority first (0 = safety), then the longest wait. */
export function sortQueue(queue: readonly QueueItem[]): QueueItem[] {
  return [...queue].sort((a, b) => a.priority - b.priority || b.waitingMs - a.waitingMs || a.sessionId.localeCompare(b.sessionId));
}
