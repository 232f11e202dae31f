import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Standing delay of the event loop, measured the way CoDel measures a packet queue (K. Nichols,
 * V. Jacobson, "Controlling Queue Delay", ACM Queue 10(5), 2012): a timer that should fire every
 * `resolutionMs` records how late it fires (Node's `monitorEventLoopDelay`); at the end of every
 * interval (default 100 ms, CoDel's) the standing delay is the MINIMUM lateness of that interval.
 *
 * When the process is CPU-bound (embedded PGlite runs its queries on this thread), work queues in
 * the event loop, not at a database connection: every loop turn is long and even the best timer
 * of an interval fires late. A burst, a garbage collection or a few milliseconds descheduled in
 * favour of another process (PostgreSQL on the same cores) delays some samples, not all of them,
 * so the minimum stays low; a mean over a long window instead mixes the two and reacts late in
 * both directions.
 *
 * An interval without any sample (the loop was blocked for all of it) counts as the time since
 * the last reading.
 *
 * Only a delay of this process's own work counts: when the process used less than `minCpuShare`
 * of the interval's wall time on the CPU, its timers were late because other processes held the
 * cores (a browser decoding video, a build, PostgreSQL), which refusing sessions would not fix, and
 * the interval's standing delay is 0. (A process that is the bottleneck runs all the time: about
 * 1.0 core for the event loop plus its helper threads.)
 */
export class LoopDelayMonitor {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private standing = 0;
  private last = performance.now();
  private lastCpuMs: number;
  private readonly intervalMs: number;
  private readonly resolutionMs: number;
  private readonly minCpuShare: number;
  private readonly cpuMs: () => number;

  /**
   * @param opts.intervalMs the measuring interval (default 100 ms, CoDel's).
   * @param opts.resolutionMs the sampling timer's period (default 5 ms); lateness is measured beyond it.
   * @param opts.minCpuShare share of an interval (0-1) this process must have used the CPU for its delay to count (default 0.8).
   * @param opts.cpuMs CPU time this process has used so far (ms; default `process.cpuUsage()`, user + system; tests inject one).
   */
  constructor(opts: { intervalMs?: number; resolutionMs?: number; minCpuShare?: number; cpuMs?: () => number } = {}) {
    this.intervalMs = opts.intervalMs ?? 100;
    this.resolutionMs = opts.resolutionMs ?? 5;
    this.minCpuShare = opts.minCpuShare ?? 0.8;
    this.cpuMs = opts.cpuMs ?? (() => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    });
    this.lastCpuMs = this.cpuMs();
    const { intervalMs, resolutionMs } = this;
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.histogram.enable();
    this.timer = setInterval(() => this.roll(), intervalMs);
    this.timer.unref();
  }

  /** The standing event-loop delay of the last completed interval (ms, >= 0). */
  get standingDelayMs(): number {
    return this.standing;
  }

  private roll(): void {
    const now = performance.now();
    const cpu = this.cpuMs();
    const share = (cpu - this.lastCpuMs) / Math.max(1, now - this.last);
    // The histogram holds whole timer periods (ns); lateness is what exceeds the resolution.
    const late = this.histogram.count > 0 ? Math.max(0, this.histogram.min / 1e6 - this.resolutionMs) : Math.max(0, now - this.last - this.intervalMs);
    this.standing = share >= this.minCpuShare ? late : 0;
    this.histogram.reset();
    this.last = now;
    this.lastCpuMs = cpu;
  }

  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
