import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { CapacityError } from '../errors.ts';

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
 * Admission control for new sessions: above capacity, `session:start` is refused at once with
 * `unavailable` and a retry-after (the kiosk tells the visitor) instead of latency growing for
 * everyone. Capacity is exceeded when the event loop lags (mean delay over the last second above
 * `maxLoopDelayMs`), when the database is the bottleneck (more than `maxDbWaiting` queries
 * waiting for a pooled PostgreSQL connection, sampled every 100 ms and averaged over the last
 * second, so a single burst does not refuse anyone; above it a growing share is refused, all at
 * twice the limit) or too many starts are in flight at once.
 */
export class Admission {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private lagMs = 0;
  private inFlight = 0;
  private dbSamples: number[] = [];
  private dbWaitingMean = 0;
  private readonly dbTimer: NodeJS.Timeout | null = null;

  /**
   * @param maxLoopDelayMs mean event-loop delay above which new sessions are refused (default 200 ms).
   * @param maxConcurrentStarts session starts in progress at once (default 64).
   * @param retryAfterMs suggested retry delay (default 5000 ms).
   * @param dbWaiting queries waiting for a database connection now ({@link Database.waiting}).
   * @param maxDbWaiting mean waiting queries above which new sessions are refused (default 10, the pool size): a share
   *   (mean / max - 1) of them, all from twice the limit.
   * @param random source of randomness for that share (tests).
   */
  constructor(private readonly opts: { maxLoopDelayMs?: number; maxConcurrentStarts?: number; retryAfterMs?: number; dbWaiting?: () => number; maxDbWaiting?: number; random?: () => number } = {}) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.lagMs = this.histogram.count > 0 ? this.histogram.mean / 1e6 : 0;
      this.histogram.reset();
    }, 1000);
    this.timer.unref();
    const dbWaiting = opts.dbWaiting;
    if (dbWaiting) {
      this.dbTimer = setInterval(() => {
        this.dbSamples.push(dbWaiting());
        if (this.dbSamples.length > 10) this.dbSamples.shift();
        this.dbWaitingMean = this.dbSamples.reduce((a, b) => a + b, 0) / this.dbSamples.length;
      }, 100);
      this.dbTimer.unref();
    }
  }

  /** Mean queries waiting for a database connection over the last second. */
  get dbWaiting(): number {
    return this.dbWaitingMean;
  }

  /** Mean event-loop delay over the last second (ms). */
  get loopDelayMs(): number {
    return this.lagMs;
  }

  private draining = false;

  /** The node drains: every new session is refused (the kiosk retries on another node). */
  drain(): void {
    this.draining = true;
  }

  /**
   * Runs `fn` as one admitted session start.
   * @throws CapacityError `unavailable` with a retry-after when above capacity.
   */
  async admit<T>(fn: () => Promise<T>): Promise<T> {
    // Database queueing: refuse a share that grows with the overload (none at the limit, all at
    // twice it), so admission does not swing between admitting everyone and no one.
    const dbOver = this.dbWaitingMean / Math.max(this.opts.maxDbWaiting ?? 10, 1e-9) - 1;
    const dbRefuses = dbOver > 0 && (dbOver >= 1 || (this.opts.random ?? Math.random)() < dbOver);
    if (this.draining || this.lagMs > (this.opts.maxLoopDelayMs ?? 200) || dbRefuses || this.inFlight >= (this.opts.maxConcurrentStarts ?? 64)) {
      throw CapacityError.overloaded(this.opts.retryAfterMs ?? 5000);
    }
    this.inFlight++;
    try {
      return await fn();
    } finally {
      this.inFlight--;
    }
  }

  close(): void {
    clearInterval(this.timer);
    if (this.dbTimer) clearInterval(this.dbTimer);
    this.histogram.disable();
  }
}
