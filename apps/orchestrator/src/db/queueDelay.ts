/**
 * Standing queue delay of the database connections, measured the way CoDel measures a packet
 * queue (K. Nichols, V. Jacobson, "Controlling Queue Delay", ACM Queue 10(5), 2012): each query
 * records how long it waited for a connection (its sojourn time); at the end of every interval
 * (default 100 ms, CoDel's) the standing delay is the MINIMUM wait seen in that interval. A burst
 * that the pool absorbs within an interval leaves some query with no wait, so the minimum stays
 * near 0; only a queue that never drains during a whole interval shows, and it shows after one
 * interval (a mean over a long window reacts late in both directions: it keeps refusing after
 * the queue has drained, and the database idles).
 *
 * An interval in which queries waited but none got a connection adds the whole interval to the
 * standing delay (the database is stuck, or every connection is held by slow work).
 */
export class QueueDelayMonitor {
  private min = Infinity;
  private count = 0;
  private standing = 0;
  private readonly timer: NodeJS.Timeout;

  /**
   * @param waiting queries waiting for a connection right now (the pool's `waitingCount`).
   * @param intervalMs the measuring interval (default 100 ms, CoDel's).
   */
  constructor(private readonly waiting: () => number, private readonly intervalMs = 100) {
    this.timer = setInterval(() => this.roll(), intervalMs);
    this.timer.unref();
  }

  /** Records one connection acquisition that waited `ms` (>= 0). */
  record(ms: number): void {
    this.count++;
    if (ms < this.min) this.min = ms;
  }

  /** The standing queue delay of the last completed interval (ms): 0 when the queue drained. */
  get standingDelayMs(): number {
    return this.standing;
  }

  private roll(): void {
    if (this.count > 0) this.standing = this.min;
    else this.standing = this.waiting() > 0 ? this.standing + this.intervalMs : 0;
    this.min = Infinity;
    this.count = 0;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
