import type { KpiDailyPoint, KpiFilter, KpiReasonRate, KpiReport } from '@telekiosk/shared';

/** The report filter form as typed: calendar dates `YYYY-MM-DD` (empty = open), device and language (empty = all). */
export interface KpiForm {
  from: string;
  to: string;
  deviceId: string;
  language: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of a date in local time. */
export function localDateString(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The default form: the last 7 days including today, all devices and languages. */
export function defaultKpiForm(today: Date): KpiForm {
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
  return { from: localDateString(from), to: localDateString(today), deviceId: '', language: '' };
}

/** Local midnight of a `YYYY-MM-DD` date plus `days`, or null when it is not a real date. */
function localMidnight(date: string, days = 0): Date | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const out = new Date(y, mo - 1, d + days);
  const check = new Date(y, mo - 1, d);
  if (check.getFullYear() !== y || check.getMonth() !== mo - 1 || check.getDate() !== d) return null;
  return out;
}

export type KpiFormProblem = 'fromInvalid' | 'toInvalid' | 'range';

/**
 * The `kpi:report` filter of a form: `from` is the start of the first day and `to` the start of
 * the day after the last (exclusive), both in local time; `timeZone` makes the daily points
 * follow the same calendar days.
 */
export function kpiFilterFromForm(form: KpiForm, timeZone?: string): { ok: true; filter: KpiFilter } | { ok: false; problem: KpiFormProblem } {
  const filter: KpiFilter = {};
  if (form.from) {
    const d = localMidnight(form.from);
    if (!d) return { ok: false, problem: 'fromInvalid' };
    filter.from = d.toISOString();
  }
  if (form.to) {
    const d = localMidnight(form.to, 1);
    if (!d) return { ok: false, problem: 'toInvalid' };
    filter.to = d.toISOString();
  }
  if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) return { ok: false, problem: 'range' };
  if (form.deviceId) filter.deviceId = form.deviceId;
  if (form.language) filter.language = form.language as KpiFilter['language'];
  if (timeZone) filter.timeZone = timeZone;
  return { ok: true, filter };
}

/** Query string of a filter for `GET /api/kpi.csv` and `/api/sessions.csv` (same fields as the request). */
export function kpiQueryString(filter: KpiFilter): string {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'deviceId', 'language', 'site', 'timeZone'] as const) {
    const v = filter[key];
    if (v) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Milliseconds as seconds with one decimal, or null. */
export function msToSeconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}

/** Reasons that occurred, most frequent first (the report lists every code, zeros included). */
export function reasonsWithCounts(report: KpiReport): KpiReasonRate[] {
  return report.escalationByReason.filter((r) => r.sessions > 0).sort((a, b) => b.sessions - a.sessions || a.code.localeCompare(b.code));
}

/** Totals over the daily points (for the chart's text alternative). */
export function dailyTotals(daily: readonly KpiDailyPoint[]): { days: number; sessions: number; escalations: number; answered: number; abandoned: number; busiest: KpiDailyPoint | null } {
  let busiest: KpiDailyPoint | null = null;
  const t = { days: daily.length, sessions: 0, escalations: 0, answered: 0, abandoned: 0 };
  for (const d of daily) {
    t.sessions += d.sessions;
    t.escalations += d.escalations;
    t.answered += d.answered;
    t.abandoned += d.abandoned;
    if (!busiest || d.sessions > busiest.sessions) busiest = d;
  }
  return { ...t, busiest };
}
