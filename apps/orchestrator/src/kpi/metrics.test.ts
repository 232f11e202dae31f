import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as globalRegistry } from 'prom-client';
import { openDatabase } from '../db/database.ts';
import { KpiService } from './kpiQueries.ts';
import { createMetrics } from './metrics.ts';
import { kpiFixture, type Fixture } from './testFixture.ts';

/** The sample lines (not comments) of an exposition text. */
const samples = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('/metrics from stored KPIs', () => {
  let fx: Fixture;
  let kpi: KpiService;
  beforeAll(async () => {
    fx = await kpiFixture();
    kpi = new KpiService(fx.database.db);
  });
  afterAll(() => fx.database.close());

  it('exposes all-time counters, window gauges and live gauges in the text format', async () => {
    // Window: the 24 h before 03-05 12:00 UTC -> S7 (intake), S8 (waiting), S9 (answered after 40 s, in call).
    const m = createMetrics(kpi, { now: () => new Date('2026-03-05T12:00:00Z') });
    m.setLive({ queueWaiting: 2, workers: { available: 3, busy: 1 }, devicesOnline: 4 });
    const text = await m.metrics();
    expect(m.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = samples(text);
    for (const expected of [
      'telekiosk_sessions_total 9',
      'telekiosk_escalated_sessions_total 6',
      'telekiosk_answered_sessions_total 4',
      'telekiosk_abandoned_sessions_total 1',
      'telekiosk_contained_sessions_total 2',
      'telekiosk_escalations_total{reason="explicit_request"} 3',
      'telekiosk_escalations_total{reason="safety"} 1',
      'telekiosk_escalations_total{reason="intake_timeout"} 0',
      `telekiosk_escalation_ratio ${2 / 3}`,
      'telekiosk_abandonment_ratio 0',
      'telekiosk_containment_ratio 0',
      'telekiosk_resolution_ratio 0',
      'telekiosk_handback_ratio 0',
      'telekiosk_first_response_seconds{quantile="0.5"} 40',
      'telekiosk_first_response_seconds{quantile="0.9"} 40',
      'telekiosk_csat_mean{escalated="true"} Nan',
      'telekiosk_csat_mean{escalated="false"} Nan',
      'telekiosk_csat_ratings{escalated="true"} 0',
      'telekiosk_kpi_window_seconds 86400',
      'telekiosk_kpi_refresh_errors_total 0',
      'telekiosk_queue_waiting 2',
      'telekiosk_workers{state="available"} 3',
      'telekiosk_workers{state="busy"} 1',
      'telekiosk_workers{state="offline"} 0',
      'telekiosk_devices_online 4',
    ]) {
      expect(lines).toContain(expected);
    }
    expect(text).toContain('# TYPE telekiosk_sessions_total counter');
    expect(text).toContain('# TYPE telekiosk_abandonment_ratio gauge');
    expect(text).toMatch(/# HELP telekiosk_escalations_total .+/);
    expect(text).not.toContain('process_cpu'); // default metrics are opt-in
    expect(await globalRegistry.metrics()).not.toContain('telekiosk_'); // private registry
  });

  it('computes the KPIs once per scrape and follows new data on the next scrape', async () => {
    let t = new Date('2026-03-04T01:00:00Z').getTime(); // window from 03-03 01:00: S4, S5, S6 (+ S7..S9)
    const spy = vi.spyOn(kpi, 'report');
    const m = createMetrics(kpi, { now: () => new Date(t), windowMs: 3600_000 * 24 * 365 * 10 });
    const first = samples(await m.metrics());
    expect(spy).toHaveBeenCalledTimes(2); // all-time + window, shared by every metric
    expect(first).toContain('telekiosk_csat_mean{escalated="false"} 4'); // S1 5, S6 3 (10-year window = all)
    expect(first).toContain('telekiosk_handback_ratio 0.25');
    expect(first).toContain('telekiosk_first_response_seconds{quantile="0.5"} 35');
    await fx.store.rateSession(fx.ids.S3, 1);
    t += 5000;
    const second = samples(await m.metrics());
    expect(spy).toHaveBeenCalledTimes(4);
    expect(second).toContain(`telekiosk_csat_mean{escalated="true"} ${(4 + 2 + 5 + 1) / 4}`);
    await fx.database.db.updateTable('sessions').set({ rating: null }).where('id', '=', fx.ids.S3).execute(); // restore the fixture
    spy.mockRestore();
  });

  it('keeps serving when the database fails, counting the error', { timeout: 60_000 }, async () => {
    const broken = await openDatabase({ dataDir: 'memory://' });
    const errors: unknown[] = [];
    const m = createMetrics(new KpiService(broken.db), { onError: (e) => errors.push(e) });
    expect(samples(await m.metrics())).toContain('telekiosk_sessions_total 0');
    await broken.close();
    const m2 = createMetrics(new KpiService(broken.db), { onError: (e) => errors.push(e) });
    const text = await m2.metrics();
    expect(samples(text)).toContain('telekiosk_kpi_refresh_errors_total 1');
    expect(samples(text)).toContain('telekiosk_queue_waiting 0');
    expect(errors).toHaveLength(1);
  });

  it('adds default process metrics on request', async () => {
    const m = createMetrics(kpi, { defaultMetrics: true });
    expect(await m.metrics()).toContain('process_cpu_user_seconds_total');
  });
});
