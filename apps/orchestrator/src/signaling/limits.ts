import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { CapacityError } from '../errors.ts';
import type { QueueDelayMonitor } from '../db/queueDelay.ts';
import type { LoopDelayMonitor } from './loopDelay.ts';

/**
 * Per-connection and per-device rate limits (rate-limiter-flexible, token bucket per key), so
 * one client flooding events cannot starve the others. Limits are events per second with a
 * burst of the same size.
 */
export class SocketLimits {
  private readonly perConnection: RateLimiterMemory;
  private readonly telemetry: RateLimiterMemory;

  /**
   * @param eventsPerSecond any events of one connection (default 40).
   * @param telemetryPerSecond `device:telemetry` reports of one device (default 10; a kiosk sends one every 5 s and on changes, at most about 3 per second).
   */
  constructor(opts: { eventsPerSecond?: number; telemetryPerSecond?: number } = {}) {
    this.perConnection = new RateLimiterMemory({ points: opts.eventsPerSecond ?? 40, duration: 1 });
    this.telemetry = new RateLimiterMemory({ points: opts.telemetryPerSecond ?? 10, duration: 1 });
  }

  /**
   * Counts one event of a connection (and of its device for telemetry).
   * @throws CapacityError `rate_limited` with the time until the next event is allowed.
   */
  async check(connectionId: string, event: string, deviceId?: string): Promise<void> {
    await consume(this.perConnection, connectionId, `${event} from this connection`);
    if (deviceId && event === 'device:telemetry') await consume(this.telemetry, deviceId, 'telemetry from this device');
  }
}

async function consume(limiter: RateLimiterMemory, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw CapacityError.rateLimited(what, res.msBeforeNext);
    throw res;
  }
}

/**
 * Why a new session was refused: the node drains, the event loop has a standing delay (the
 * process is CPU-bound), the database has a standing connection queue, or too many starts are in
 * flight.
 */
export type AdmissionRefusal = 'draining' | 'loop_delay' | 'db_queue' | 'concurrent_starts';

/**
 * Admission control for new sessions: above capacity, `session:start` is refused at once with
 * `unavailable` and a retry-after (the kiosk tells the visitor) instead of latency growing for
 * everyone. Capacity is exceeded when one of the two places work queues has a STANDING queue,
 * measured CoDel-style (the minimum delay over the last 100 ms interval above a target):
 * - the event loop ({@link LoopDelayMonitor}; the process is CPU-bound, e.g. on embedded PGlite,
 *   whose queries run on this thread), above `loopDelayTargetMs`; counted only for intervals in
 *   which the process itself used most of a core;
 * - the database's connections ({@link QueueDelayMonitor}; PostgreSQL is the bottleneck), above
 *   `dbQueueTargetMs`;
 * or when too many starts are in flight at once.
 *
 * (Event-loop utilization, and before it a mean event-loop delay over one second, were tried and
 * dropped: on cores shared with PostgreSQL, time descheduled counts as busy, and utilization
 * refused sessions at two thirds of capacity; the one-second mean reacted a second late both ways
 * and let the completed rate above saturation fall to 80% of it on PGlite.)
 *
 * Both signals are re-read on every start and react within one interval in both directions:
 * sessions already admitted keep the process busy while new ones are refused, and admission opens
 * again as soon as the queue drains, so the completed rate above saturation stays near the
 * saturation rate instead of swinging between admitting everyone and no one.
 */
export class Admission {
  private inFlight = 0;
  /** Times (ms, monotonic) of the starts admitted in the last second, oldest first. */
  private readonly recent: number[] = [];

  /**
   * @param loopDelayMs the event loop's standing delay now (ms; {@link LoopDelayMonitor.standingDelayMs}).
   * @param loopDelayTargetMs standing event-loop delay above which new sessions are refused (default 10 ms).
   * @param loopMinStartsPerS the event-loop signal applies only while at least this many sessions were admitted in the last second (default 8): then sessions are what keeps the loop busy and refusing them helps; a burst of other work (seeding, re-indexing the knowledge base) with a visitor or two arriving does not refuse them.
   * @param maxConcurrentStarts session starts in progress at once (default 64).
   * @param retryAfterMs suggested retry delay (default 5000 ms).
   * @param dbQueueDelayMs the database's standing connection-queue delay now (ms; {@link QueueDelayMonitor.standingDelayMs}).
   * @param dbQueueTargetMs standing delay above which new sessions are refused (default 5 ms, CoDel's target).
   */
  constructor(private readonly opts: { loopDelayMs?: () => number; loopDelayTargetMs?: number; loopMinStartsPerS?: number; maxConcurrentStarts?: number; retryAfterMs?: number; dbQueueDelayMs?: () => number; dbQueueTargetMs?: number } = {}) {}

  /** The database's standing connection-queue delay now (ms; 0 without a database signal). */
  get dbQueueDelayMs(): number {
    return this.opts.dbQueueDelayMs?.() ?? 0;
  }

  /** The event loop's standing delay now (ms; 0 without a loop signal). */
  get loopDelayMs(): number {
    return this.opts.loopDelayMs?.() ?? 0;
  }

  private draining = false;

  /** New sessions refused since start, by reason (exported as `telekiosk_admission_refusals_total{reason}`). */
  readonly refusals: Record<AdmissionRefusal, number> = { draining: 0, loop_delay: 0, db_queue: 0, concurrent_starts: 0 };

  /** Sessions admitted in the last second. */
  private startsLastSecond(): number {
    const since = performance.now() - 1000;
    while (this.recent.length > 0 && this.recent[0]! < since) this.recent.shift();
    return this.recent.length;
  }

  /** The node drains: every new session is refused (the kiosk retries on another node). */
  drain(): void {
    this.draining = true;
  }

  /**
   * Runs `fn` as one admitted session start.
   * @throws CapacityError `unavailable` with a retry-after when above capacity.
   */
  async admit<T>(fn: () => Promise<T>): Promise<T> {
    const reason: AdmissionRefusal | null = this.draining
      ? 'draining'
      : this.loopDelayMs > (this.opts.loopDelayTargetMs ?? 10) && this.startsLastSecond() >= (this.opts.loopMinStartsPerS ?? 8)
        ? 'loop_delay'
        : this.dbQueueDelayMs > (this.opts.dbQueueTargetMs ?? 5)
          ? 'db_queue'
          : this.inFlight >= (this.opts.maxConcurrentStarts ?? 64)
            ? 'concurrent_starts'
            : null;
    if (reason) {
      this.refusals[reason]++;
      throw CapacityError.overloaded(this.opts.retryAfterMs ?? 5000);
    }
    this.recent.push(performance.now());
    this.inFlight++;
    try {
      return await fn();
    } finally {
      this.inFlight--;
    }
  }

}
