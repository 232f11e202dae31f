import type { SessionKpiRow } from './kpiQueries.ts';
import type { KpiCsat, KpiReport } from './protocol.ts';

/**
 * CSV export of KPI reports and sessions.
 *
 * No CSV library is installed (neither `csv-stringify` nor `papaparse`), so this is a small
 * RFC 4180 encoder:
 * - records end with CRLF (the last one too); fields are separated by `,`;
 * - a field containing `"`, `,`, CR or LF is enclosed in double quotes and each `"` is doubled;
 *   other fields are written as-is (spaces are significant and kept);
 * - text is UTF-8; non-ASCII is written unchanged. `bom: true` prepends U+FEFF so that
 *   spreadsheet programs (Excel) detect UTF-8 — recommended for downloads.
 * - `null`/`undefined` become an empty field; numbers use `String(n)` (non-finite -> empty);
 *   dates become ISO 8601.
 *
 * One deliberate addition to RFC 4180 (on by default, `neutralizeFormulas: false` to turn off):
 * CSV/formula injection protection (OWASP). A *string* field starting with `=`, `+`, `-`, `@`,
 * TAB or CR is prefixed with `'` so a spreadsheet shows it as text instead of evaluating it.
 * Numbers are never prefixed (negative numbers stay numbers).
 */

/** A value of one CSV field. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/** Options of the encoder. */
export interface CsvOptions {
  /** Prepend a UTF-8 byte order mark (U+FEFF). Default false. */
  bom?: boolean;
  /** Prefix formula-like strings with `'` (see module doc). Default true. */
  neutralizeFormulas?: boolean;
}

/** `Content-Type` for CSV responses (RFC 4180 / RFC 7111 media type, UTF-8). */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** Encodes one field (quoted and escaped when needed). */
export function csvField(value: CsvValue, opts: CsvOptions = {}): string {
  let s: string;
  if (value === null || value === undefined) s = '';
  else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? 'true' : 'false';
  else if (value instanceof Date) s = Number.isNaN(value.getTime()) ? '' : value.toISOString();
  else s = (opts.neutralizeFormulas ?? true) && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Encodes a header and rows as an RFC 4180 document (CRLF after every record). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, opts: CsvOptions = {}): string {
  const lines = [header.map((h) => csvField(h, opts)).join(',')];
  for (const row of rows) lines.push(row.map((v) => csvField(v, opts)).join(','));
  return (opts.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

/** Columns of {@link reportToCsv}. */
export const REPORT_CSV_HEADER = ['metric', 'segment', 'value', 'unit'] as const;

/**
 * The KPI report as one "long" table `metric,segment,value,unit` (one row per number, so any
 * spreadsheet can pivot it). `segment` is empty or `reason=<code>`, `group=<escalated|ai_only|overall>`,
 * `date=<YYYY-MM-DD>`. Units: `count`, `percent` (0..100), `ms`, `rating` (1..5), `iso8601`, `text`.
 * A null KPI (zero denominator) is an empty `value`.
 */
export function reportToCsv(r: KpiReport, opts: CsvOptions = {}): string {
  type Row = [metric: string, segment: string, value: CsvValue, unit: string];
  const rows: Row[] = [
    ['generated_at', '', r.generatedAt, 'iso8601'],
    ['filter_from', '', r.filter.from ?? null, 'iso8601'],
    ['filter_to', '', r.filter.to ?? null, 'iso8601'],
    ['filter_device_id', '', r.filter.deviceId ?? null, 'text'],
    ['filter_language', '', r.filter.language ?? null, 'text'],
    ['filter_site', '', r.filter.site ?? null, 'text'],
    ['time_zone', '', r.timeZone, 'text'],
    ['sessions_total', '', r.sessionsTotal, 'count'],
    ['sessions_escalated', '', r.counts.escalated, 'count'],
    ['sessions_answered', '', r.counts.answered, 'count'],
    ['sessions_abandoned', '', r.counts.abandoned, 'count'],
    ['sessions_waiting', '', r.counts.waiting, 'count'],
    ['sessions_ended', '', r.counts.ended, 'count'],
    ['sessions_contained', '', r.counts.contained, 'count'],
    ['sessions_resolved', '', r.counts.resolved, 'count'],
    ['sessions_handed_back', '', r.counts.handedBack, 'count'],
    ['sessions_rated', '', r.counts.rated, 'count'],
    ['escalation_rate', '', r.escalationRatePercent, 'percent'],
  ];
  for (const x of r.escalationByReason) {
    const seg = `reason=${x.code}`;
    rows.push(['escalations_by_reason', seg, x.sessions, 'count'], ['escalation_rate_by_reason', seg, x.percentOfSessions, 'percent'], ['escalation_share_by_reason', seg, x.percentOfEscalated, 'percent']);
  }
  rows.push(
    ['first_response_count', '', r.firstResponseMs.count, 'count'],
    ['first_response_p50', '', r.firstResponseMs.p50, 'ms'],
    ['first_response_p90', '', r.firstResponseMs.p90, 'ms'],
    ['first_response_mean', '', r.firstResponseMs.mean, 'ms'],
    ['wait_prediction_count', '', r.waitPrediction.count, 'count'],
    ['wait_prediction_mean_abs_error', '', r.waitPrediction.meanAbsErrorMs, 'ms'],
    ['wait_prediction_mean_bias', '', r.waitPrediction.meanBiasMs, 'ms'],
    ['wait_prediction_within_range', '', r.waitPrediction.withinRangePercent, 'percent'],
    ['abandonment_rate', '', r.abandonmentRatePercent, 'percent'],
    ['resolution_rate', '', r.resolutionRatePercent, 'percent'],
    ['handback_rate', '', r.handbackRatePercent, 'percent'],
    ['containment_rate', '', r.containmentRatePercent, 'percent'],
  );
  const csat = (group: string, c: KpiCsat) => {
    rows.push([`csat_count`, `group=${group}`, c.count, 'count'], ['csat_mean', `group=${group}`, c.mean, 'rating'], ['csat_satisfied', `group=${group}`, c.satisfiedPercent, 'percent']);
  };
  csat('escalated', r.csat.escalated);
  csat('ai_only', r.csat.aiOnly);
  csat('overall', r.csat.overall);
  for (const d of r.daily) {
    const seg = `date=${d.date}`;
    rows.push(['daily_sessions', seg, d.sessions, 'count'], ['daily_escalations', seg, d.escalations, 'count'], ['daily_answered', seg, d.answered, 'count'], ['daily_abandoned', seg, d.abandoned, 'count']);
  }
  const q = r.quality;
  if (q) {
    // Escalation precision as judged by workers, overall / per reason / per language.
    for (const [dim, groups] of [['', [q.verdicts.overall]], ['reason', q.verdicts.byReason], ['language', q.verdicts.byLanguage]] as const) {
      for (const g of groups) {
        const seg = dim ? `${dim}=${g.key}` : '';
        rows.push(['verdicts_judged', seg, g.judged, 'count'], ['verdicts_unnecessary', seg, g.unnecessary, 'count'], ['verdicts_earlier', seg, g.earlier, 'count'], ['escalation_precision_by_workers', seg, g.precisionPercent, 'percent']);
      }
    }
    rows.push(
      ['handoff_package_missing', '', q.packageMissingPercent, 'percent'],
      ['answers_labelled_by_trainers', '', q.answers.trainerLabelled, 'count'],
      ['answer_accuracy_by_trainers', '', q.answers.trainerAccuracyPercent, 'percent'],
      ['answers_judged_by_workers', '', q.answers.workerJudged, 'count'],
      ['answers_wrong_by_workers', '', q.answers.workerWrong, 'count'],
      ['questions', '', q.knowledgeGaps.questions, 'count'],
      ['questions_unanswered', '', q.knowledgeGaps.unanswered, 'count'],
      ['questions_unanswered_rate', '', q.knowledgeGaps.unansweredPercent, 'percent'],
      ['questions_referred', '', q.knowledgeGaps.referred, 'count'],
      ['questions_referred_rate', '', q.knowledgeGaps.referredPercent, 'percent'],
      ['repeat_contact_with_case_number', `window_days=${q.repeatContact.windowDays}`, q.repeatContact.withCaseNumber, 'count'],
      ['repeat_contact_rate', `window_days=${q.repeatContact.windowDays}`, q.repeatContact.percent, 'percent'],
    );
    for (const d of q.knowledgeGaps.daily) rows.push(['daily_questions', `date=${d.date}`, d.questions, 'count'], ['daily_questions_unanswered', `date=${d.date}`, d.unanswered, 'count'], ['daily_questions_referred', `date=${d.date}`, d.referred, 'count']);
  }
  return toCsv(REPORT_CSV_HEADER, rows, opts);
}

/** Columns of {@link dailyToCsv}. */
export const DAILY_CSV_HEADER = ['date', 'sessions', 'escalations', 'answered', 'abandoned'] as const;

/** The report's daily series as a wide table, one row per day (for charts in a spreadsheet). */
export function dailyToCsv(r: KpiReport, opts: CsvOptions = {}): string {
  return toCsv(DAILY_CSV_HEADER, r.daily.map((d) => [d.date, d.sessions, d.escalations, d.answered, d.abandoned]), opts);
}

/** Columns of {@link sessionsToCsv}. */
export const SESSIONS_CSV_HEADER = ['id', 'device', 'language', 'created', 'escalated', 'answered', 'ended', 'reasons', 'disposition', 'rating'] as const;

/**
 * One row per session: times as ISO 8601 (UTC), empty when the step did not happen;
 * `reasons` are the escalation reason codes joined with `;`.
 */
export function sessionsToCsv(rows: Iterable<SessionKpiRow>, opts: CsvOptions = {}): string {
  const out: CsvValue[][] = [];
  for (const s of rows) out.push([s.id, s.deviceId, s.language, s.createdAt, s.escalatedAt, s.answeredAt, s.endedAt, s.reasons.join(';'), s.disposition, s.rating]);
  return toCsv(SESSIONS_CSV_HEADER, out, opts);
}

/** A download file name, e.g. `telekiosk-kpi-2026-11-21.csv` (for `Content-Disposition: attachment; filename=...`). */
export function csvFilename(kind: 'kpi' | 'sessions' | 'daily', at: Date): string {
  return `telekiosk-${kind}-${at.toISOString().slice(0, 10)}.csv`;
}
