import type { QueueStatus, SessionEmergency, WaitState } from '@telekiosk/shared';

/** An estimate as the visitor reads it: under a minute, about N minutes, or N–M minutes. */
export type Estimate = { kind: 'soon' } | { kind: 'about'; minutes: number } | { kind: 'range'; low: number; high: number };

/**
 * The one thing the waiting screen says, derived from the queue status and the emergency push:
 * - `checking`: nothing heard yet;
 * - `emergency`: a safety escalation (no estimate, no callback);
 * - `no_staff`: nobody on shift or the office is closed (callback at once, no estimate);
 * - `busy`: staff on shift, all occupied, with a measured estimate;
 * - `unknown`: no measured estimate yet (never a number).
 */
export type WaitView =
  | { kind: 'checking' }
  | { kind: 'emergency'; acknowledged: boolean; emergencyNumber: string | null }
  | { kind: 'no_staff'; afterHours: boolean }
  | { kind: 'busy'; position: number; offered: boolean; estimate: Estimate }
  | { kind: 'unknown'; position: number; offered: boolean };

/**
 * The wait state of a queue status: the server's `waitState` when it sends one; from an older
 * server, `no_staff` when it offers a callback and `unknown` otherwise (its single number may
 * have been made up from zero staff, so it is not shown).
 */
export function waitStateOf(q: QueueStatus): WaitState {
  if (q.waitState) return q.waitState;
  return q.callbackReason ? 'no_staff' : 'unknown';
}

export function waitView(queue: QueueStatus | null, emergency: SessionEmergency | null): WaitView {
  if (emergency) return { kind: 'emergency', acknowledged: emergency.acknowledged, emergencyNumber: emergency.emergencyNumber };
  if (!queue) return { kind: 'checking' };
  const state = waitStateOf(queue);
  switch (state) {
    case 'emergency':
      return { kind: 'emergency', acknowledged: false, emergencyNumber: null };
    case 'no_staff':
      return { kind: 'no_staff', afterHours: queue.callbackReason === 'after_hours' };
    case 'busy':
      // "Busy" without a measured range is still "we do not know yet".
      return queue.estimateRangeMs
        ? { kind: 'busy', position: queue.position, offered: queue.offered, estimate: estimateOf(queue.estimateRangeMs) }
        : { kind: 'unknown', position: queue.position, offered: queue.offered };
    case 'unknown':
      return { kind: 'unknown', position: queue.position, offered: queue.offered };
  }
}

/** Whole minutes of a range in ms: under a minute, about N (when both ends round alike), or N–M. */
export function estimateOf(range: { low: number; high: number }): Estimate {
  if (range.high < 60_000) return { kind: 'soon' };
  const low = Math.max(1, Math.round(range.low / 60_000));
  const high = Math.max(low, Math.ceil(range.high / 60_000));
  return low === high ? { kind: 'about', minutes: low } : { kind: 'range', low, high };
}

/** Smallest change of the estimate's midpoint worth telling the visitor about, ms. */
export const ESTIMATE_MARGIN_MIN_MS = 60_000;
/** ... or this share of the estimate last told, whichever is larger. */
export const ESTIMATE_MARGIN_RATIO = 0.25;

/**
 * Whether a new estimate differs from the one the visitor was last told by more than the margin
 * (1 minute or 25 %, whichever is larger): `longer` / `shorter`, or null (no notice).
 */
export function estimateChange(told: { low: number; high: number } | null, next: { low: number; high: number } | null): 'longer' | 'shorter' | null {
  if (!told || !next) return null;
  const a = (told.low + told.high) / 2;
  const b = (next.low + next.high) / 2;
  const margin = Math.max(ESTIMATE_MARGIN_MIN_MS, ESTIMATE_MARGIN_RATIO * a);
  if (b - a > margin) return 'longer';
  if (a - b > margin) return 'shorter';
  return null;
}
