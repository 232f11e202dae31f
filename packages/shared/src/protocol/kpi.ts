import { z } from 'zod';
import { defineRequest } from './ack.ts';
import { Id, IsoTime, Language } from '../common.ts';

/**
 * Supervisor KPIs computed from persisted sessions (orchestrator `src/kpi/kpiQueries.ts`).
 *
 * Conventions used by every field below:
 * - **Cohort by creation time.** A session belongs to the report (and to a day of `daily`)
 *   by its `created_at`; its escalation, answer and end are counted with it even when they
 *   happen later (e.g. after midnight).
 * - **Percent** values are 0..100, rounded to 2 decimals, and `null` when the denominator is 0
 *   (never NaN). Each names its denominator; the raw numerators and denominators are in
 *   {@link KpiCounts} so a consumer can recompute or aggregate them.
 * - **Milliseconds** are rounded to whole ms; `null` when there is no sample.
 * - Sessions still in progress are counted as they stand at `generatedAt` (e.g. a session still
 *   waiting for a worker is escalated but neither answered nor abandoned; see `counts.waiting`).
 */

/** IANA time zone name accepted by the runtime, e.g. `UTC`, `Asia/Tokyo`. */
export const TimeZoneName = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. UTC or Asia/Tokyo');

/**
 * Which sessions a KPI report covers. All fields optional and combined with AND. Every value
 * is a string, so the same schema parses `GET /api/kpi?from=...&deviceId=...` query strings.
 */
export const KpiFilter = z
  .object({
    /** Sessions created at or after this instant (inclusive). */
    from: IsoTime.optional(),
    /** Sessions created before this instant (exclusive). */
    to: IsoTime.optional(),
    /** Only sessions of this device. */
    deviceId: Id.optional(),
    /** Only sessions in this visitor language. */
    language: Language.optional(),
    /**
     * Only sessions of devices at this site. There is no `site` column yet: until there is, a
     * site is matched exactly (case-sensitive) against the device's free-text `location`.
     */
    site: z.string().trim().min(1).max(200).optional(),
    /** Time zone for the calendar days of `daily` (default `UTC`). The from/to instants are absolute. */
    timeZone: TimeZoneName.optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), { message: 'from must be before to', path: ['to'] });
export type KpiFilter = z.infer<typeof KpiFilter>;

/** Raw counts (sessions) behind the percentages; each a count of sessions in the report. */
export const KpiCounts = z.object({
  /** Sessions created in the filter (all states). */
  sessions: z.number().int().nonnegative(),
  /** Sessions handed off to the human queue (`escalated_at` set). */
  escalated: z.number().int().nonnegative(),
  /** Escalated sessions a worker accepted (`answered_at` set). */
  answered: z.number().int().nonnegative(),
  /** Escalated sessions that ended before any worker accepted (visitor left, idle reset). */
  abandoned: z.number().int().nonnegative(),
  /** Escalated sessions still waiting in the queue at `generatedAt` (neither answered nor ended). */
  waiting: z.number().int().nonnegative(),
  /** Sessions that have ended (any path). */
  ended: z.number().int().nonnegative(),
  /** Sessions that ended without ever being escalated (served by the AI assistant alone). */
  contained: z.number().int().nonnegative(),
  /** Answered sessions ended with disposition `resolved`. */
  resolved: z.number().int().nonnegative(),
  /** Answered sessions ended with disposition `handback_ai` (worker returned the visitor to the assistant). */
  handedBack: z.number().int().nonnegative(),
  /** Sessions with a CSAT rating. */
  rated: z.number().int().nonnegative(),
});
export type KpiCounts = z.infer<typeof KpiCounts>;

/** Escalations with one reason code. A session can carry several reasons, so these overlap. */
export const KpiReasonRate = z.object({
  /** Reason code, normally a `ReasonCode` (stored codes unknown to this version are kept as-is). */
  code: z.string(),
  /** Sessions whose escalation carried this reason. */
  sessions: z.number().int().nonnegative(),
  /** `sessions` / all sessions x 100 (percent); null when there are no sessions. */
  percentOfSessions: z.number().nullable(),
  /** `sessions` / escalated sessions x 100 (percent, share of handoffs); null when none escalated. */
  percentOfEscalated: z.number().nullable(),
});
export type KpiReasonRate = z.infer<typeof KpiReasonRate>;

/**
 * Visitor satisfaction (CSAT) of a group of sessions, from the 1..5 rating asked at the end.
 * `satisfiedPercent` is the contact-center "top-two-box" CSAT score: ratings 4 or 5 over all ratings.
 */
export const KpiCsat = z.object({
  /** Rated sessions in the group. */
  count: z.number().int().nonnegative(),
  /** Mean rating (1..5, 2 decimals); null when no rating. */
  mean: z.number().min(1).max(5).nullable(),
  /** Ratings of 4 or 5 / all ratings x 100 (percent); null when no rating. */
  satisfiedPercent: z.number().nullable(),
});
export type KpiCsat = z.infer<typeof KpiCsat>;

/** One calendar day (in the report time zone) of sessions created that day, for charts. */
export const KpiDailyPoint = z.object({
  /** Calendar day `YYYY-MM-DD` in the report's `timeZone`. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Sessions created that day. */
  sessions: z.number().int().nonnegative(),
  /** Of those, escalated. */
  escalations: z.number().int().nonnegative(),
  /** Of those, answered by a worker. */
  answered: z.number().int().nonnegative(),
  /** Of those, abandoned while waiting. */
  abandoned: z.number().int().nonnegative(),
});
export type KpiDailyPoint = z.infer<typeof KpiDailyPoint>;

/** Workers' verdicts on the escalations of one group (reason or language). */
export const KpiVerdictGroup = z.object({
  /** Reason code or language. */
  key: z.string(),
  /** Escalations judged by the worker who received them. */
  judged: z.number().int().nonnegative(),
  right: z.number().int().nonnegative(),
  /** Right, but should have happened earlier. */
  earlier: z.number().int().nonnegative(),
  unnecessary: z.number().int().nonnegative(),
  /** Escalation precision as judged by workers: (right + earlier) / judged x 100 (percent). */
  precisionPercent: z.number().nullable(),
});
export type KpiVerdictGroup = z.infer<typeof KpiVerdictGroup>;

/** Repeat contacts are counted within this many days after an escalated session. */
export const REPEAT_CONTACT_DAYS = 7;

/**
 * How good the AI is, as the people around it judge it (issue "the people who make the AI
 * better"): workers' wrap-up verdicts, trainers' labels, unanswered questions and repeat contacts.
 */
export const KpiQuality = z.object({
  /** Escalation precision as judged by workers, overall (`key` = `all`), per reason code and per language. */
  verdicts: z.object({ overall: KpiVerdictGroup, byReason: z.array(KpiVerdictGroup), byLanguage: z.array(KpiVerdictGroup) }),
  /** Handoff packages judged as missing something / judged x 100 (percent). */
  packageMissingPercent: z.number().nullable(),
  /**
   * AI answer accuracy: trainers' labels on assistant answers (`correct` / all answer labels x 100,
   * percent) and workers' verdicts (answers judged wrong / verdicts that judged the answers).
   */
  answers: z.object({
    trainerLabelled: z.number().int().nonnegative(),
    trainerCorrect: z.number().int().nonnegative(),
    trainerAccuracyPercent: z.number().nullable(),
    workerJudged: z.number().int().nonnegative(),
    workerWrong: z.number().int().nonnegative(),
  }),
  /**
   * Knowledge gaps: visitor questions the assistant could not answer (intent `unknown`) per
   * calendar day, beside all questions it handled; `unansweredPercent` over the whole report.
   * `referred`: questions answered with a "handled elsewhere" article (the office does not handle
   * the matter; the reply says where it is handled): answered, but not by this office, so neither
   * a knowledge gap nor a question the office served. Counted from the `intake_answered` event's
   * `handledElsewhere` flag (events recorded before it existed count as not referred).
   */
  knowledgeGaps: z.object({
    questions: z.number().int().nonnegative(),
    unanswered: z.number().int().nonnegative(),
    unansweredPercent: z.number().nullable(),
    referred: z.number().int().nonnegative(),
    referredPercent: z.number().nullable(),
    daily: z.array(
      z.object({
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        questions: z.number().int().nonnegative(),
        unanswered: z.number().int().nonnegative(),
        referred: z.number().int().nonnegative(),
      }),
    ),
  }),
  /**
   * Repeat contact after escalation: escalated sessions whose case number (collected during
   * intake) comes back in another session within {@link REPEAT_CONTACT_DAYS} days. Only sessions
   * with a known case number count; visitors are not otherwise identified (privacy by design).
   */
  repeatContact: z.object({
    windowDays: z.number().int().positive(),
    /** Escalated sessions with a case number. */
    withCaseNumber: z.number().int().nonnegative(),
    /** Of those, followed by another session with the same case number within the window. */
    repeated: z.number().int().nonnegative(),
    percent: z.number().nullable(),
  }),
});
export type KpiQuality = z.infer<typeof KpiQuality>;

/** Supervisor KPI report. Definitions follow common contact-center conventions (noted per field). */
export const KpiReport = z.object({
  /** When the report was computed. */
  generatedAt: IsoTime,
  /** The filter as applied. */
  filter: KpiFilter,
  /** Time zone of `daily` dates. */
  timeZone: z.string(),
  /** Raw counts (numerators and denominators of the percentages). */
  counts: KpiCounts,
  /** Total sessions created in the filter (same as `counts.sessions`). */
  sessionsTotal: z.number().int().nonnegative(),
  /** Escalation rate: escalated / all sessions x 100 (percent). */
  escalationRatePercent: z.number().nullable(),
  /** Escalation rate per reason code; every known `ReasonCode` is listed (zeros included), most frequent first. */
  escalationByReason: z.array(KpiReasonRate),
  /**
   * Time to first human response after handoff (ms): `answered_at - escalated_at` of answered
   * sessions, i.e. from the handoff to a worker accepting (contact-center "speed of answer").
   * Percentiles are continuous (`percentile_cont`, linear interpolation).
   */
  firstResponseMs: z.object({
    /** Answered sessions measured. */
    count: z.number().int().nonnegative(),
    /** Median (ms). */
    p50: z.number().nullable(),
    /** 90th percentile (ms). */
    p90: z.number().nullable(),
    /** Mean (ms), the "average speed of answer". */
    mean: z.number().nullable(),
  }),
  /**
   * Abandonment while waiting: abandoned / escalated sessions x 100 (percent). Contact-center
   * "abandon rate" (abandoned / contacts that entered the queue); no short-abandon threshold.
   */
  abandonmentRatePercent: z.number().nullable(),
  /** Resolution after handoff: answered sessions with disposition `resolved` / answered sessions x 100 (percent). */
  resolutionRatePercent: z.number().nullable(),
  /** Handback rate: answered sessions with disposition `handback_ai` / answered sessions x 100 (percent). */
  handbackRatePercent: z.number().nullable(),
  /**
   * Containment: sessions that ended without escalation / all sessions x 100 (percent); the
   * chatbot/IVR "containment rate". Escalation + containment + sessions still in AI intake = 100%.
   */
  containmentRatePercent: z.number().nullable(),
  /** CSAT of escalated sessions, AI-only (never escalated) sessions, and all rated sessions. */
  csat: z.object({ escalated: KpiCsat, aiOnly: KpiCsat, overall: KpiCsat }),
  /**
   * Predicted vs actual wait, over answered sessions whose visitor was shown a wait estimate
   * (the first `wait_predicted` event with a range, see `QueueStatus.estimateRangeMs`): actual =
   * from that moment to a worker accepting. Null figures when there is no such session.
   */
  waitPrediction: z.object({
    /** Answered sessions that were shown an estimate range. */
    count: z.number().int().nonnegative(),
    /** Mean of |actual - estimate| (ms). */
    meanAbsErrorMs: z.number().nullable(),
    /** Mean of actual - estimate (ms): positive means visitors waited longer than they were told. */
    meanBiasMs: z.number().nullable(),
    /** Sessions whose actual wait fell inside the range shown / count x 100 (percent). */
    withinRangePercent: z.number().nullable(),
  }),
  /** One point per calendar day from `from` (or the first session) to `to` (or the last), gaps filled with zeros. */
  daily: z.array(KpiDailyPoint),
  /** The AI's quality as workers and trainers judge it; optional: added after the first reports shipped. */
  quality: KpiQuality.optional(),
});
export type KpiReport = z.infer<typeof KpiReport>;

/** Console requests of supervisors about KPIs (the orchestrator refuses other roles). */
export const kpiConsoleRequests = {
  /** Compute the KPI report for a filter. */
  'kpi:report': defineRequest(KpiFilter, KpiReport, ['supervisor']),
} as const;
