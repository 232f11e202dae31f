import pg from 'pg';
import { POSTGRES_ADMIN_URL, postgresReachable } from '../../test/postgres.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReasonCode } from '@telekiosk/shared';
import { openDatabase } from '../db/database.ts';
import { OrchestratorError } from '../errors.ts';
import { KpiService, parseKpiFilter } from './kpiQueries.ts';
import { KpiReport, kpiConsoleRequests } from './protocol.ts';
import { at, emptyFixtureDb, kpiFixture, SITE_B, type Fixture } from './testFixture.ts';

const NOW = new Date('2026-03-06T00:00:00.000Z');

/** Every number in the value, recursively. */
function numbers(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.flatMap(numbers);
  if (v && typeof v === 'object') return Object.values(v).flatMap(numbers);
  return [];
}

describe('KpiService on embedded PGlite', () => {
  let fx: Fixture;
  let kpi: KpiService;
  beforeAll(async () => {
    fx = await kpiFixture();
    kpi = new KpiService(fx.database.db, { now: () => NOW });
  });
  afterAll(() => fx.database.close());

  it('computes every KPI over all sessions (hand-computed from the fixture table)', async () => {
    const r = await kpi.report();
    expect(KpiReport.parse(r)).toEqual(r); // valid against the wire schema
    expect(r.generatedAt).toBe(NOW.toISOString());
    expect(r.timeZone).toBe('UTC');
    expect(r.sessionsTotal).toBe(9);
    expect(r.counts).toEqual({ sessions: 9, escalated: 6, answered: 4, abandoned: 1, waiting: 1, ended: 6, contained: 2, resolved: 2, handedBack: 1, rated: 5 });
    expect(r.escalationRatePercent).toBe(66.67); // 6/9
    expect(r.containmentRatePercent).toBe(22.22); // S1, S6 of 9
    expect(r.abandonmentRatePercent).toBe(16.67); // S3 of 6 escalated
    // S2: told 20 s, waited 30 s (inside 10-40 s); S4: told 150 s, waited 120 s (outside 120.5-180 s).
    expect(r.waitPrediction).toEqual({ count: 2, meanAbsErrorMs: 20_000, meanBiasMs: -10_000, withinRangePercent: 50 });
    expect(r.resolutionRatePercent).toBe(50); // S2, S5 of 4 answered
    expect(r.handbackRatePercent).toBe(25); // S4 of 4 answered
    // Waits 10 s, 30 s, 40 s, 120 s: p50 = 30 + 0.5 x 10 s; p90 = 40 + 0.7 x 80 s (linear interpolation); mean 200/4 s.
    expect(r.firstResponseMs).toEqual({ count: 4, p50: 35_000, p90: 96_000, mean: 50_000 });
    expect(r.csat).toEqual({
      escalated: { count: 3, mean: 3.67, satisfiedPercent: 66.67 }, // 4, 2, 5
      aiOnly: { count: 2, mean: 4, satisfiedPercent: 50 }, // 5, 3
      overall: { count: 5, mean: 3.8, satisfiedPercent: 60 },
    });
  });

  it('counts escalations per reason code once per session, most frequent first, all codes listed', async () => {
    const r = await kpi.report();
    expect(r.escalationByReason.map((x) => x.code)).toEqual([
      'explicit_request', // 3: S2 (event recorded twice), S5, S9
      'visitor_choice', 'negative_sentiment', 'sensitive_topic', 'safety', 'out_of_scope', // 1 each, ReasonCode order
      'repeated_failure', 'policy_exception', 'restricted_action', 'vulnerable_visitor', 'intake_timeout', // 0
    ]);
    expect(new Set(r.escalationByReason.map((x) => x.code))).toEqual(new Set(ReasonCode.options));
    expect(r.escalationByReason[0]).toEqual({ code: 'explicit_request', sessions: 3, percentOfSessions: 33.33, percentOfEscalated: 50 });
    expect(r.escalationByReason.find((x) => x.code === 'safety')).toEqual({ code: 'safety', sessions: 1, percentOfSessions: 11.11, percentOfEscalated: 16.67 });
    expect(r.escalationByReason.find((x) => x.code === 'intake_timeout')).toEqual({ code: 'intake_timeout', sessions: 0, percentOfSessions: 0, percentOfEscalated: 0 });
  });

  it('reports a gap-filled daily series in UTC and in a chosen time zone', async () => {
    expect((await kpi.report()).daily).toEqual([
      { date: '2026-03-02', sessions: 3, escalations: 2, answered: 1, abandoned: 1 },
      { date: '2026-03-03', sessions: 3, escalations: 2, answered: 2, abandoned: 0 },
      { date: '2026-03-04', sessions: 0, escalations: 0, answered: 0, abandoned: 0 },
      { date: '2026-03-05', sessions: 3, escalations: 2, answered: 1, abandoned: 0 },
    ]);
    const tokyo = await kpi.report({ timeZone: 'Asia/Tokyo' });
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(tokyo.daily.slice(3)).toEqual([
      { date: '2026-03-05', sessions: 2, escalations: 1, answered: 0, abandoned: 0 }, // S7, S8
      { date: '2026-03-06', sessions: 1, escalations: 1, answered: 1, abandoned: 0 }, // S9 at 08:30 JST
    ]);
  });

  it('filters by date range (from inclusive, to exclusive) and fills the requested days', async () => {
    const r = await kpi.report({ from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z' });
    expect(r.counts).toEqual({ sessions: 3, escalated: 2, answered: 2, abandoned: 0, waiting: 0, ended: 3, contained: 1, resolved: 1, handedBack: 1, rated: 3 });
    expect(r.firstResponseMs).toEqual({ count: 2, p50: 65_000, p90: 109_000, mean: 65_000 }); // 10 s, 120 s
    expect(r.daily.map((d) => [d.date, d.sessions])).toEqual([['2026-03-03', 3], ['2026-03-04', 0]]);
    // Boundaries: a session created exactly at `from` is in, exactly at `to` is out.
    expect((await kpi.report({ from: at(2, 10, 0).toISOString(), to: at(2, 11, 0).toISOString() })).sessionsTotal).toBe(1); // S2 only
  });

  it('filters by device, site (device location) and language', async () => {
    const b = await kpi.report({ deviceId: 'kiosk-b' }); // S3, S5, S7
    expect(b.counts).toMatchObject({ sessions: 3, escalated: 2, answered: 1, abandoned: 1, contained: 0, resolved: 1 });
    expect(b.abandonmentRatePercent).toBe(50);
    expect(b.resolutionRatePercent).toBe(100);
    expect(b.firstResponseMs).toEqual({ count: 1, p50: 10_000, p90: 10_000, mean: 10_000 });
    const site = await kpi.report({ site: SITE_B });
    expect({ ...site, filter: {} }).toEqual({ ...b, filter: {} });
    expect((await kpi.report({ site: 'Nowhere' })).sessionsTotal).toBe(0);

    const ja = await kpi.report({ language: 'ja' }); // S3 abandoned, S8 waiting
    expect(ja.counts).toMatchObject({ sessions: 2, escalated: 2, answered: 0, abandoned: 1, waiting: 1 });
    expect(ja.escalationRatePercent).toBe(100);
    expect(ja.resolutionRatePercent).toBeNull();
    expect(ja.handbackRatePercent).toBeNull();
    expect(ja.firstResponseMs).toEqual({ count: 0, p50: null, p90: null, mean: null });
    expect(ja.csat.escalated).toEqual({ count: 0, mean: null, satisfiedPercent: null });

    const combined = await kpi.report({ deviceId: 'kiosk-a', language: 'en', to: '2026-03-04T00:00:00Z' }); // S1, S2, S6
    expect(combined.counts).toMatchObject({ sessions: 3, escalated: 1, contained: 2 });
  });

  it('returns zeros and nulls, never NaN, when no session matches', async () => {
    const r = await kpi.report({ from: '2027-01-01T00:00:00Z', to: '2027-01-03T00:00:00Z' });
    expect(r.counts).toEqual({ sessions: 0, escalated: 0, answered: 0, abandoned: 0, waiting: 0, ended: 0, contained: 0, resolved: 0, handedBack: 0, rated: 0 });
    for (const v of [r.escalationRatePercent, r.abandonmentRatePercent, r.resolutionRatePercent, r.handbackRatePercent, r.containmentRatePercent]) expect(v).toBeNull();
    expect(r.escalationByReason.every((x) => x.sessions === 0 && x.percentOfSessions === null && x.percentOfEscalated === null)).toBe(true);
    expect(r.daily).toEqual([
      { date: '2027-01-01', sessions: 0, escalations: 0, answered: 0, abandoned: 0 },
      { date: '2027-01-02', sessions: 0, escalations: 0, answered: 0, abandoned: 0 },
    ]);
    expect(numbers(r).some((n) => !Number.isFinite(n))).toBe(false);
    expect(KpiReport.parse(r)).toEqual(r);
  });

  it('rejects invalid filters with bad_request and field paths', async () => {
    const err = await kpi.report({ from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrchestratorError);
    expect(err).toMatchObject({ code: 'bad_request', issues: [{ path: 'to' }] });
    expect(() => parseKpiFilter({ timeZone: 'Mars/Olympus' })).toThrow(OrchestratorError);
    expect(() => parseKpiFilter({ from: 'yesterday' })).toThrow(OrchestratorError);
    expect(() => parseKpiFilter({ language: 'xx' })).toThrow(OrchestratorError);
    expect(parseKpiFilter({ deviceId: 'kiosk-a', extra: 'ignored' })).toEqual({ deviceId: 'kiosk-a' });
    expect(kpiConsoleRequests['kpi:report'].request.safeParse({ site: SITE_B }).success).toBe(true);
  });

  it('lists sessions with their reasons in recorded order, oldest first', async () => {
    const rows = await kpi.sessionRows();
    expect(rows.map((r) => r.id)).toEqual(Object.values(fx.ids));
    expect(rows[4]).toEqual({
      id: fx.ids.S5, deviceId: 'kiosk-b', language: 'en', createdAt: '2026-03-03T12:00:00.000Z', escalatedAt: '2026-03-03T12:05:00.000Z',
      answeredAt: '2026-03-03T12:05:10.000Z', endedAt: '2026-03-03T12:30:00.000Z', reasons: ['safety', 'explicit_request'], disposition: 'resolved', rating: 5,
    });
    expect(rows[0]).toMatchObject({ reasons: [], escalatedAt: null, answeredAt: null, disposition: 'visitor_left', rating: 5 });
    expect(rows[1]!.reasons).toEqual(['explicit_request']); // duplicate event de-duplicated
    expect(rows[7]).toMatchObject({ reasons: ['out_of_scope'], endedAt: null, disposition: null }); // malformed events ignored
    expect((await kpi.sessionRows({ language: 'ja' })).map((r) => r.id)).toEqual([fx.ids.S3, fx.ids.S8]);
    expect(await kpi.sessionRows({}, { limit: 2 })).toHaveLength(2);
  });
});

describe('KpiService on an empty database', () => {
  it('reports zeros and nulls and an empty series', { timeout: 60_000 }, async () => {
    const { database } = await emptyFixtureDb();
    try {
      const kpi = new KpiService(database.db);
      const r = await kpi.report();
      expect(r.sessionsTotal).toBe(0);
      expect(r.daily).toEqual([]);
      expect(r.firstResponseMs).toEqual({ count: 0, p50: null, p90: null, mean: null });
      expect(r.csat.overall).toEqual({ count: 0, mean: null, satisfiedPercent: null });
      expect(numbers(r).some((n) => !Number.isFinite(n))).toBe(false);
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      expect(await kpi.sessionRows()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

const ADMIN_URL = POSTGRES_ADMIN_URL;
const hasPostgres = await postgresReachable();

describe.runIf(hasPostgres)('KpiService on PostgreSQL (machine server or DATABASE_URL)', () => {
  const dbName = `tk_kpi_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  afterAll(async () => {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it('gives the same report and rows as PGlite', { timeout: 60_000 }, async () => {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    const onServer = await kpiFixture(() => openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' }));
    const embedded = await kpiFixture();
    try {
      expect(onServer.database.kind).toBe('postgres');
      const server = new KpiService(onServer.database.db, { now: () => NOW });
      const local = new KpiService(embedded.database.db, { now: () => NOW });
      for (const filter of [{}, { timeZone: 'Asia/Tokyo' }, { site: SITE_B }, { from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z' }]) {
        expect(await server.report(filter)).toEqual(await local.report(filter));
      }
      const strip = (rows: { id: string }[]) => rows.map(({ id: _id, ...rest }) => rest);
      expect(strip(await server.sessionRows())).toEqual(strip(await local.sessionRows()));
    } finally {
      await onServer.database.close();
      await embedded.database.close();
    }
  });
});
