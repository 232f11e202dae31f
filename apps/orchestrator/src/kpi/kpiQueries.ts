import { qualityReport } from './quality.ts';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { ReasonCode, toWireIssues } from '@telekiosk/shared';
import type { DatabaseSchema } from '../db/schema.ts';
import { OrchestratorError } from '../errors.ts';
import { KpiFilter, type KpiCsat, type KpiDailyPoint, type KpiReasonRate, type KpiReport } from './protocol.ts';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** Longest gap-filled `daily` range (days); longer requested ranges are filled only between the first and last session. */
export const MAX_DAILY_POINTS = 731;

/** Default and maximum number of rows of {@link KpiService.sessionRows}. */
export const MAX_SESSION_ROWS = 100_000;

/**
 * Validates a KPI filter (e.g. `Object.fromEntries(url.searchParams)` or a console payload).
 * @throws OrchestratorError `bad_request` with `issues` (dotted field paths) when invalid.
 */
export function parseKpiFilter(input: unknown): KpiFilter {
  const parsed = KpiFilter.safeParse(input ?? {});
  if (!parsed.success) throw Object.assign(new OrchestratorError('bad_request', 'invalid KPI filter'), { issues: toWireIssues(parsed.error) });
  return parsed.data;
}

/** One session as exported by `GET /api/sessions.csv` (no transcript text, no personal data). */
export interface SessionKpiRow {
  id: string;
  deviceId: string;
  language: string;
  /** ISO 8601 instants; null when the step did not happen (yet). */
  createdAt: string;
  escalatedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  /** Escalation reason codes in the order they were recorded, without duplicates. */
  reasons: string[];
  disposition: string | null;
  /** CSAT rating 1..5, null when not given. */
  rating: number | null;
}

/** WHERE clause of the sessions a filter selects (`site` = the device's `location`, see {@link KpiFilter}). */
function sessionWhere(f: KpiFilter) {
  return (eb: ExpressionBuilder<DatabaseSchema, 'sessions'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.from) c.push(eb('sessions.created_at', '>=', new Date(f.from)));
    if (f.to) c.push(eb('sessions.created_at', '<', new Date(f.to)));
    if (f.deviceId) c.push(eb('sessions.device_id', '=', f.deviceId));
    if (f.language) c.push(eb('sessions.language', '=', f.language));
    if (f.site) {
      const site = f.site;
      c.push(eb.exists(eb.selectFrom('devices').select('devices.id').whereRef('devices.id', '=', 'sessions.device_id').where('devices.location', '=', site)));
    }
    return eb.and(c);
  };
}

// Session predicates (columns of `sessions`), shared by the aggregate queries.
const ESCALATED = sql`escalated_at is not null`;
const ANSWERED = sql`answered_at is not null`;
const ABANDONED = sql`escalated_at is not null and answered_at is null and ended_at is not null`;
const WAITING = sql`escalated_at is not null and answered_at is null and ended_at is null`;
const countIf = (cond: RawBuilder<unknown>) => sql<string>`count(*) filter (where ${cond})`;
/** Escalation -> worker accept, in ms (float8 so percentile_cont accepts it on every PostgreSQL). */
const FIRST_RESPONSE_MS = sql`(extract(epoch from (answered_at - escalated_at)) * 1000)::float8`;
/** The `reasons` array of an `escalated` event's data, or an empty array when it is missing or malformed. */
const REASONS = sql`case when jsonb_typeof(session_events.data -> 'reasons') = 'array' then session_events.data -> 'reasons' else '[]'::jsonb end`;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (v: number | null, digits: number): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);
/** n / d x 100 rounded to 2 decimals; null when d is 0. */
export const percent = (n: number, d: number): number | null => (d === 0 ? null : round((n / d) * 100, 2));
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Calendar day `YYYY-MM-DD` of an instant in a time zone. */
function dayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Fills missing days with zeros between `first` and `last` (inclusive). */
function fillDays(points: KpiDailyPoint[], first: string, last: string): KpiDailyPoint[] {
  const byDay = new Map(points.map((p) => [p.date, p]));
  const out: KpiDailyPoint[] = [];
  for (let n = dayNumber(first); n <= dayNumber(last); n++) {
    const date = dayString(n);
    out.push(byDay.get(date) ?? { date, sessions: 0, escalations: 0, answered: 0, abandoned: 0 });
  }
  return out;
}

/**
 * Supervisor KPIs from the persisted sessions and audit trail (definitions on {@link KpiReport}
 * in `packages/shared/src/protocol/kpi.ts`). Plain PostgreSQL through Kysely: the same queries
 * run on embedded PGlite and on a PostgreSQL server. Read-only.
 */
export class KpiService {
  private readonly now: () => Date;
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    opts: { now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Computes the KPI report of the sessions the filter selects, in one repeatable-read
   * transaction (the parts agree with each other). Three queries: counts, percentiles and CSAT
   * in one aggregate; reason codes; the daily series.
   * @throws OrchestratorError `bad_request` when the filter is invalid; the database's errors otherwise.
   */
  async report(filterInput: unknown = {}): Promise<KpiReport> {
    const filter = parseKpiFilter(filterInput);
    const timeZone = filter.timeZone ?? 'UTC';
    const generatedAt = this.now();
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const agg = await this.aggregate(trx, filter);
        const reasons = await this.reasonCounts(trx, filter);
        const daily = await this.daily(trx, filter, timeZone);
        const wait = await this.waitPrediction(trx, filter);
        const quality = await qualityReport(trx, trx.selectFrom('sessions').select('sessions.id').where(sessionWhere(filter)), timeZone);

        const c = {
          sessions: num(agg.sessions),
          escalated: num(agg.escalated),
          answered: num(agg.answered),
          abandoned: num(agg.abandoned),
          waiting: num(agg.waiting),
          ended: num(agg.ended),
          contained: num(agg.contained),
          resolved: num(agg.resolved),
          handedBack: num(agg.handed_back),
          rated: num(agg.rated_all),
        };
        const csat = (count: unknown, mean: unknown, satisfied: unknown): KpiCsat => {
          const n = num(count);
          return { count: n, mean: round(numOrNull(mean), 2), satisfiedPercent: percent(num(satisfied), n) };
        };
        const known = new Set<string>(ReasonCode.options);
        const byReason: KpiReasonRate[] = [...ReasonCode.options, ...[...reasons.keys()].filter((k) => !known.has(k)).sort()]
          .map((code) => {
            const n = reasons.get(code) ?? 0;
            return { code, sessions: n, percentOfSessions: percent(n, c.sessions), percentOfEscalated: percent(n, c.escalated) };
          })
          .sort((a, b) => b.sessions - a.sessions); // stable: ties keep ReasonCode order

        let first = filter.from ? dayIn(new Date(filter.from), timeZone) : daily[0]?.date;
        let last = filter.to ? dayIn(new Date(Date.parse(filter.to) - 1), timeZone) : daily.at(-1)?.date;
        if (first && last && dayNumber(last) - dayNumber(first) + 1 > MAX_DAILY_POINTS) {
          first = daily[0]?.date;
          last = daily.at(-1)?.date;
        }

        return {
          generatedAt: generatedAt.toISOString(),
          filter,
          timeZone,
          counts: c,
          sessionsTotal: c.sessions,
          escalationRatePercent: percent(c.escalated, c.sessions),
          escalationByReason: byReason,
          firstResponseMs: {
            count: num(agg.fr_count),
            p50: round(numOrNull(agg.fr_p50), 0),
            p90: round(numOrNull(agg.fr_p90), 0),
            mean: round(numOrNull(agg.fr_mean), 0),
          },
          abandonmentRatePercent: percent(c.abandoned, c.escalated),
          resolutionRatePercent: percent(c.resolved, c.answered),
          handbackRatePercent: percent(c.handedBack, c.answered),
          containmentRatePercent: percent(c.contained, c.sessions),
          csat: {
            escalated: csat(agg.rated_esc, agg.mean_esc, agg.sat_esc),
            aiOnly: csat(agg.rated_ai, agg.mean_ai, agg.sat_ai),
            overall: csat(agg.rated_all, agg.mean_all, agg.sat_all),
          },
          waitPrediction: {
            count: num(wait.n),
            meanAbsErrorMs: round(numOrNull(wait.mae), 0),
            meanBiasMs: round(numOrNull(wait.bias), 0),
            withinRangePercent: percent(num(wait.within), num(wait.n)),
          },
          daily: first && last && first <= last ? fillDays(daily, first, last) : daily,
          quality,
        } satisfies KpiReport;
      });
  }

  /**
   * The sessions the filter selects, oldest first, for the per-session CSV.
   * @param opts.limit at most this many rows (default and cap {@link MAX_SESSION_ROWS}).
   */
  async sessionRows(filterInput: unknown = {}, opts: { limit?: number } = {}): Promise<SessionKpiRow[]> {
    const filter = parseKpiFilter(filterInput);
    const limit = Math.max(1, Math.min(opts.limit ?? MAX_SESSION_ROWS, MAX_SESSION_ROWS));
    const rows = await this.db
      .selectFrom('sessions')
      .where(sessionWhere(filter))
      .select(['id', 'device_id', 'language', 'created_at', 'escalated_at', 'answered_at', 'ended_at', 'disposition', 'rating'])
      .select((eb) =>
        eb
          .selectFrom('session_events')
          .innerJoinLateral(sql<{ code: string | null; pos: number }>`(select r.elem ->> 'code' as code, r.pos from jsonb_array_elements(${REASONS}) with ordinality as r(elem, pos))`.as('reason'), (j) => j.onTrue())
          .select(sql<unknown>`coalesce(jsonb_agg(reason.code order by session_events.id, reason.pos), '[]'::jsonb)`.as('codes'))
          .whereRef('session_events.session_id', '=', 'sessions.id')
          .where('session_events.type', '=', 'escalated')
          .as('reasons'),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      language: r.language,
      createdAt: iso(r.created_at)!,
      escalatedAt: iso(r.escalated_at),
      answeredAt: iso(r.answered_at),
      endedAt: iso(r.ended_at),
      reasons: [...new Set((Array.isArray(r.reasons) ? r.reasons : []).filter((x): x is string => typeof x === 'string'))],
      disposition: r.disposition,
      rating: r.rating === null ? null : Number(r.rating),
    }));
  }

  /** Counts, first-response percentiles and CSAT in one pass over the filtered sessions. */
  private aggregate(db: Db, f: KpiFilter) {
    const rated = (cond: RawBuilder<unknown>) => sql`rating is not null and ${cond}`;
    const csatCols = (suffix: string, cond: RawBuilder<unknown>) => [
      countIf(rated(cond)).as(`rated_${suffix}`),
      sql<string | null>`avg(rating) filter (where ${rated(cond)})`.as(`mean_${suffix}`),
      countIf(sql`rating >= 4 and ${cond}`).as(`sat_${suffix}`),
    ];
    return db
      .selectFrom('sessions')
      .where(sessionWhere(f))
      .select([
        sql<string>`count(*)`.as('sessions'),
        countIf(ESCALATED).as('escalated'),
        countIf(ANSWERED).as('answered'),
        countIf(ABANDONED).as('abandoned'),
        countIf(WAITING).as('waiting'),
        countIf(sql`ended_at is not null`).as('ended'),
        countIf(sql`ended_at is not null and escalated_at is null`).as('contained'),
        countIf(sql`${ANSWERED} and disposition = 'resolved'`).as('resolved'),
        countIf(sql`${ANSWERED} and disposition = 'handback_ai'`).as('handed_back'),
        countIf(sql`${ANSWERED} and ${ESCALATED}`).as('fr_count'),
        sql<number | null>`percentile_cont(0.5) within group (order by ${FIRST_RESPONSE_MS}) filter (where ${ANSWERED} and ${ESCALATED})`.as('fr_p50'),
        sql<number | null>`percentile_cont(0.9) within group (order by ${FIRST_RESPONSE_MS}) filter (where ${ANSWERED} and ${ESCALATED})`.as('fr_p90'),
        sql<number | null>`avg(${FIRST_RESPONSE_MS}) filter (where ${ANSWERED} and ${ESCALATED})`.as('fr_mean'),
        ...csatCols('esc', ESCALATED),
        ...csatCols('ai', sql`escalated_at is null`),
        ...csatCols('all', sql`true`),
      ])
      .executeTakeFirstOrThrow();
  }

  /** Distinct escalated sessions per reason code (from the `escalated` events of the filtered sessions). */
  private async reasonCounts(db: Db, f: KpiFilter): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('session_events')
      .innerJoinLateral(sql<{ code: string | null }>`(select r.elem ->> 'code' as code from jsonb_array_elements(${REASONS}) as r(elem))`.as('reason'), (j) => j.onTrue())
      .where('session_events.type', '=', 'escalated')
      .where('session_events.session_id', 'in', db.selectFrom('sessions').select('sessions.id').where(sessionWhere(f)))
      .where('reason.code', 'is not', null)
      .select(['reason.code', sql<string>`count(distinct session_events.session_id)`.as('n')])
      .groupBy('reason.code')
      .execute();
    return new Map(rows.map((r) => [r.code!, num(r.n)]));
  }

  /**
   * Predicted vs actual wait: each answered filtered session's first `wait_predicted` event that
   * carries an estimate and a range (`{ estimateMs, range: { low, high } }`), against the time from
   * that event to the worker's accept. Malformed events are skipped.
   */
  private async waitPrediction(db: Db, f: KpiFilter) {
    const first = db
      .selectFrom('session_events')
      .where('session_events.type', '=', 'wait_predicted')
      .where(sql<SqlBool>`jsonb_typeof(session_events.data -> 'estimateMs') = 'number' and jsonb_typeof(session_events.data -> 'range' -> 'low') = 'number' and jsonb_typeof(session_events.data -> 'range' -> 'high') = 'number'`)
      .where('session_events.session_id', 'in', db.selectFrom('sessions').select('sessions.id').where(sessionWhere(f)).where('sessions.answered_at', 'is not', null))
      .distinctOn('session_events.session_id')
      .orderBy('session_events.session_id')
      .orderBy('session_events.created_at')
      .select([
        'session_events.session_id',
        'session_events.created_at',
        sql<number>`(session_events.data ->> 'estimateMs')::float8`.as('est'),
        sql<number>`(session_events.data -> 'range' ->> 'low')::float8`.as('low'),
        sql<number>`(session_events.data -> 'range' ->> 'high')::float8`.as('high'),
      ])
      .as('p');
    const ACTUAL = sql`(extract(epoch from (sessions.answered_at - p.created_at)) * 1000)::float8`;
    return db
      .selectFrom(first)
      .innerJoin('sessions', 'sessions.id', 'p.session_id')
      .select([
        sql<string>`count(*)`.as('n'),
        sql<number | null>`avg(abs(${ACTUAL} - p.est))`.as('mae'),
        sql<number | null>`avg(${ACTUAL} - p.est)`.as('bias'),
        sql<string>`count(*) filter (where ${ACTUAL} between p.low and p.high)`.as('within'),
      ])
      .executeTakeFirstOrThrow();
  }

  /** Sessions per creation day in `timeZone` (days without sessions are absent; filled by the caller). */
  private async daily(db: Db, f: KpiFilter, timeZone: string): Promise<KpiDailyPoint[]> {
    const t = db
      .selectFrom('sessions')
      .where(sessionWhere(f))
      .select([sql<string>`to_char((created_at at time zone ${timeZone})::date, 'YYYY-MM-DD')`.as('day'), 'escalated_at', 'answered_at', 'ended_at'])
      .as('t');
    const rows = await db
      .selectFrom(t)
      .select(['t.day', sql<string>`count(*)`.as('sessions'), countIf(ESCALATED).as('escalations'), countIf(ANSWERED).as('answered'), countIf(ABANDONED).as('abandoned')])
      .groupBy('t.day')
      .orderBy('t.day')
      .execute();
    return rows.map((r) => ({ date: r.day, sessions: num(r.sessions), escalations: num(r.escalations), answered: num(r.answered), abandoned: num(r.abandoned) }));
  }
}
