import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { WorkerState } from '@telekiosk/shared';
import type { KpiService } from './kpiQueries.ts';
import type { KpiReport } from './protocol.ts';

/**
 * Prometheus metrics for `GET /metrics` (text exposition format 0.0.4), on a private
 * {@link Registry} (never prom-client's global one).
 *
 * KPI metrics are read from {@link KpiService} when scraped (prom-client `collect` callbacks;
 * one refresh is shared by all metrics of a scrape and cached for `cacheMs`):
 * - counters over all sessions ever stored (monotonic: sessions are never deleted, and a
 *   session that escalated, was answered, abandoned or contained stays so), for PromQL
 *   `increase()`/`rate()`: `telekiosk_sessions_total`, `telekiosk_escalations_total{reason}`
 *   (escalated sessions carrying that reason; a session can carry several),
 *   `telekiosk_escalated_sessions_total`, `telekiosk_answered_sessions_total`,
 *   `telekiosk_abandoned_sessions_total`, `telekiosk_contained_sessions_total`;
 * - gauges over the sessions created in the trailing window (`windowMs`, default 24 h), with
 *   the definitions of `KpiReport` but as ratios 0..1 instead of percent:
 *   `telekiosk_escalation_ratio`, `telekiosk_abandonment_ratio`, `telekiosk_containment_ratio`,
 *   `telekiosk_resolution_ratio`, `telekiosk_handback_ratio`,
 *   `telekiosk_first_response_seconds{quantile="0.5"|"0.9"}` (escalation -> worker accept),
 *   `telekiosk_csat_mean{escalated="true"|"false"}` (1..5) and `telekiosk_csat_ratings{escalated}`;
 *   a value with no data (zero denominator) is `NaN`, as PromQL itself gives for 0/0;
 * - `telekiosk_kpi_window_seconds` (the window) and `telekiosk_kpi_refresh_errors_total`.
 *   When a refresh fails the KPI metrics keep their last values and the error counter grows.
 *
 * Live gauges set by the orchestrator with {@link KpiMetrics.setLive}: `telekiosk_queue_waiting`,
 * `telekiosk_workers{state}` (every `WorkerState`), `telekiosk_devices_online`.
 */
export interface KpiMetrics {
  /** The private registry (add more metrics to it if needed). */
  registry: Registry;
  /** Sets the live gauges; omitted fields keep their value. Missing worker states are set to 0. */
  setLive(live: LiveMetrics): void;
  /** `Content-Type` of {@link KpiMetrics.metrics}' output. */
  contentType: string;
  /** The exposition text; refreshes the KPI metrics from the database first. Never rejects on a database error. */
  metrics(): Promise<string>;
}

/** Live values only the running orchestrator knows. */
export interface LiveMetrics {
  /** Sessions waiting in the routing queue now. */
  queueWaiting?: number;
  /** Connected console users per worker state. */
  workers?: Partial<Record<WorkerState, number>>;
  /** Devices whose kiosk socket is connected now. */
  devicesOnline?: number;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Trailing window of the ratio/percentile/CSAT gauges, ms (default 24 h). */
  windowMs?: number;
  /** How long one KPI refresh is reused, ms (default 1000: one refresh per scrape). */
  cacheMs?: number;
  /** Also collect prom-client's default Node process metrics (`process_*`, `nodejs_*`). Default false. */
  defaultMetrics?: boolean;
  /** Called when a refresh fails (log it). */
  onError?: (err: unknown) => void;
  /** Clock (tests). */
  now?: () => Date;
}

interface Snapshot {
  allTime: KpiReport;
  window: KpiReport;
}

const ratio = (n: number, d: number) => (d === 0 ? Number.NaN : n / d);
const orNaN = (v: number | null) => (v === null ? Number.NaN : v);

/** Creates the metrics registry fed by `kpi` (see {@link KpiMetrics} for the metric list). */
export function createMetrics(kpi: KpiService, opts: MetricsOptions = {}): KpiMetrics {
  const windowMs = opts.windowMs ?? 24 * 3600_000;
  const cacheMs = opts.cacheMs ?? 1000;
  const now = opts.now ?? (() => new Date());
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });

  let errors = 0;
  let cached: { at: number; promise: Promise<Snapshot | null> } | null = null;
  /** The shared refresh of this scrape: null when it failed (metrics keep their last values). */
  const snapshot = (): Promise<Snapshot | null> => {
    const t = now().getTime();
    if (cached && t - cached.at < cacheMs) return cached.promise;
    const promise = (async () => {
      try {
        const allTime = await kpi.report({});
        const window = await kpi.report({ from: new Date(t - windowMs).toISOString() });
        return { allTime, window };
      } catch (err) {
        errors++;
        opts.onError?.(err);
        return null;
      }
    })();
    cached = { at: t, promise };
    return promise;
  };
  const registers = [registry];

  // --- counters over all stored sessions ---------------------------------------------
  const allTimeCounter = (name: string, help: string, pick: (r: KpiReport) => number) =>
    new Counter({
      name,
      help,
      registers,
      async collect() {
        const s = await snapshot();
        if (!s) return;
        this.reset();
        this.inc(pick(s.allTime));
      },
    });
  allTimeCounter('telekiosk_sessions_total', 'Sessions started (after consent), all time.', (r) => r.counts.sessions);
  allTimeCounter('telekiosk_escalated_sessions_total', 'Sessions handed off to the human queue, all time.', (r) => r.counts.escalated);
  allTimeCounter('telekiosk_answered_sessions_total', 'Escalated sessions a worker accepted, all time.', (r) => r.counts.answered);
  allTimeCounter('telekiosk_abandoned_sessions_total', 'Escalated sessions that ended before a worker accepted, all time.', (r) => r.counts.abandoned);
  allTimeCounter('telekiosk_contained_sessions_total', 'Sessions ended without escalation (AI only), all time.', (r) => r.counts.contained);
  new Counter({
    name: 'telekiosk_escalations_total',
    help: 'Escalated sessions carrying each reason code, all time (a session can carry several reasons).',
    labelNames: ['reason'],
    registers,
    async collect() {
      const s = await snapshot();
      if (!s) return;
      this.reset();
      for (const r of s.allTime.escalationByReason) this.inc({ reason: r.code }, r.sessions);
    },
  });

  // --- gauges over the trailing window -----------------------------------------------
  const windowText = `sessions created in the last ${Math.round(windowMs / 1000)} s`;
  const windowGauge = (name: string, help: string, pick: (r: KpiReport) => number) =>
    new Gauge({
      name,
      help: `${help} (${windowText}; NaN when undefined)`,
      registers,
      async collect() {
        const s = await snapshot();
        if (s) this.set(pick(s.window));
      },
    });
  windowGauge('telekiosk_escalation_ratio', 'Escalated / all sessions', (r) => ratio(r.counts.escalated, r.counts.sessions));
  windowGauge('telekiosk_abandonment_ratio', 'Escalated sessions ended before a worker answered / escalated sessions', (r) => ratio(r.counts.abandoned, r.counts.escalated));
  windowGauge('telekiosk_containment_ratio', 'Sessions ended without escalation / all sessions', (r) => ratio(r.counts.contained, r.counts.sessions));
  windowGauge('telekiosk_resolution_ratio', 'Answered sessions with disposition resolved / answered sessions', (r) => ratio(r.counts.resolved, r.counts.answered));
  windowGauge('telekiosk_handback_ratio', 'Answered sessions with disposition handback_ai / answered sessions', (r) => ratio(r.counts.handedBack, r.counts.answered));
  new Gauge({
    name: 'telekiosk_first_response_seconds',
    help: `Time from escalation to a worker accepting, quantiles over answered ${windowText} (NaN when none)`,
    labelNames: ['quantile'],
    registers,
    async collect() {
      const s = await snapshot();
      if (!s) return;
      const fr = s.window.firstResponseMs;
      this.set({ quantile: '0.5' }, fr.p50 === null ? Number.NaN : fr.p50 / 1000);
      this.set({ quantile: '0.9' }, fr.p90 === null ? Number.NaN : fr.p90 / 1000);
    },
  });
  new Gauge({
    name: 'telekiosk_csat_mean',
    help: `Mean CSAT rating 1..5 of escalated (true) and AI-only (false) ${windowText} (NaN when no rating)`,
    labelNames: ['escalated'],
    registers,
    async collect() {
      const s = await snapshot();
      if (!s) return;
      this.set({ escalated: 'true' }, orNaN(s.window.csat.escalated.mean));
      this.set({ escalated: 'false' }, orNaN(s.window.csat.aiOnly.mean));
    },
  });
  new Gauge({
    name: 'telekiosk_csat_ratings',
    help: `CSAT ratings given, escalated (true) and AI-only (false) ${windowText}`,
    labelNames: ['escalated'],
    registers,
    async collect() {
      const s = await snapshot();
      if (!s) return;
      this.set({ escalated: 'true' }, s.window.csat.escalated.count);
      this.set({ escalated: 'false' }, s.window.csat.aiOnly.count);
    },
  });
  new Gauge({ name: 'telekiosk_kpi_window_seconds', help: 'Trailing window of the telekiosk_*_ratio, first_response and csat gauges, seconds', registers }).set(windowMs / 1000);
  new Counter({
    name: 'telekiosk_kpi_refresh_errors_total',
    help: 'KPI refreshes from the database that failed (KPI metrics then keep their last values).',
    registers,
    async collect() {
      await snapshot();
      this.reset();
      this.inc(errors);
    },
  });

  // --- live gauges -------------------------------------------------------------------
  const queueWaiting = new Gauge({ name: 'telekiosk_queue_waiting', help: 'Sessions waiting in the routing queue now', registers });
  const workers = new Gauge({ name: 'telekiosk_workers', help: 'Connected console users per worker state now', labelNames: ['state'], registers });
  const devicesOnline = new Gauge({ name: 'telekiosk_devices_online', help: 'Devices with a connected kiosk socket now', registers });
  for (const state of WorkerState.options) workers.set({ state }, 0);

  return {
    registry,
    contentType: registry.contentType,
    setLive(live) {
      if (live.queueWaiting !== undefined) queueWaiting.set(live.queueWaiting);
      if (live.devicesOnline !== undefined) devicesOnline.set(live.devicesOnline);
      if (live.workers) for (const state of WorkerState.options) workers.set({ state }, live.workers[state] ?? 0);
    },
    metrics: () => registry.metrics(),
  };
}
