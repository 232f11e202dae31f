/** Milliseconds left until `expiresAt` (ISO time) at `now` (epoch ms); never negative. */
export function remainingMs(expiresAt: string, now: number): number {
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return 0;
  return Math.max(0, end - now);
}

/**
 * Formats a remaining time as `m:ss` (rounded up to whole seconds, so "0:01" shows until the
 * very end and "0:00" only once it has expired). Hours are folded into minutes.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Whole seconds left, rounded up (for screen-reader text and urgency styling). */
export function secondsLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** Offers with less than this many seconds left are shown as urgent. */
export const URGENT_SECONDS = 5;
