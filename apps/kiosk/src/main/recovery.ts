/**
 * Self-healing decisions for an unattended kiosk: when to reload after the renderer
 * crashed, hung, or the kiosk page failed to load (e.g. the orchestrator was not yet
 * reachable at boot). Pure, with an injectable clock; this module must not import
 * `electron`.
 */

/** Tuning of {@link ReloadBackoff}. */
export interface BackoffOptions {
  /** Delay before the first reload, in ms (default 1000). */
  baseMs?: number;
  /** Upper bound of the delay, in ms (default 60000). */
  maxMs?: number;
  /** After this long (ms) without a failure the delay starts again from `baseMs` (default 300000). */
  stableResetMs?: number;
}

/** Exponential delay for the `attempt`-th consecutive failure (0-based): `baseMs * 2^attempt`, capped at `maxMs`. */
export function backoffDelayMs(attempt: number, baseMs = 1_000, maxMs = 60_000): number {
  const safeAttempt = Math.max(0, Math.min(Math.floor(attempt), 30));
  return Math.min(maxMs, baseMs * 2 ** safeAttempt);
}

/**
 * Tracks consecutive failures and hands out growing reload delays
 * (1 s, 2 s, 4 s, … up to 60 s by default), so a renderer that crashes on every load
 * does not spin the CPU, while a one-off crash reloads almost at once.
 */
export class ReloadBackoff {
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly stableResetMs: number;
  private readonly now: () => number;
  private attempt = 0;
  private lastFailureAt: number | undefined;

  /** Creates a tracker; `now` returns the current time in ms (default `Date.now`). */
  constructor(options: BackoffOptions = {}, now: () => number = Date.now) {
    this.baseMs = options.baseMs ?? 1_000;
    this.maxMs = options.maxMs ?? 60_000;
    this.stableResetMs = options.stableResetMs ?? 300_000;
    this.now = now;
  }

  /** Records a failure and returns how long to wait (ms) before reloading. */
  nextDelayMs(): number {
    const at = this.now();
    if (this.lastFailureAt !== undefined && at - this.lastFailureAt >= this.stableResetMs) this.attempt = 0;
    const delay = backoffDelayMs(this.attempt, this.baseMs, this.maxMs);
    this.attempt += 1;
    this.lastFailureAt = at;
    return delay;
  }

  /** Number of consecutive failures counted so far. */
  get failures(): number {
    return this.attempt;
  }

  /** Forgets past failures (e.g. after the page has been stable). */
  reset(): void {
    this.attempt = 0;
    this.lastFailureAt = undefined;
  }
}

/** How long (ms) a renderer may stay unresponsive before the shell kills and reloads it. */
export const UNRESPONSIVE_GRACE_MS = 15_000;

/** Chromium's `ERR_ABORTED`: a load cancelled by another navigation; not a failure. */
export const ERR_ABORTED = -3;

/** Whether a `did-fail-load` should trigger a retry: main-frame failures other than an aborted load. */
export function shouldRetryFailedLoad(errorCode: number, isMainFrame: boolean): boolean {
  return isMainFrame && errorCode !== ERR_ABORTED && errorCode !== 0;
}
