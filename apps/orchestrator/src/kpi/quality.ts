/**
 * The AI's quality in the KPI report ({@link KpiQuality}): workers' wrap-up verdicts per reason
 * and language, trainers' answer labels, unanswered and referred questions per day and repeat contacts after
 * escalation. Same cohort rule as the rest of the report: sessions selected by their creation
 * time and the filter.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { HandoffVerdict, REPEAT_CONTACT_DAYS, type KpiQuality, type KpiVerdictGroup } from '@telekiosk/shared';
import type { DatabaseSchema } from '../db/schema.ts';

type Db = Kysely<DatabaseSchema>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const percent = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);
const DAY_MS = 86_400_000;

function group(key: string, verdicts: HandoffVerdict['escalation'][]): KpiVerdictGroup {
  const right = verdicts.filter((v) => v === 'right').length;
  const earlier = verdicts.filter((v) => v === 'earlier').length;
  const unnecessary = verdicts.filter((v) => v === 'unnecessary').length;
  return { key, judged: verdicts.length, right, earlier, unnecessary, precisionPercent: percent(right + earlier, verdicts.length) };
}

/** Groups verdict choices by key, most judged first (pure; exported for tests). */
export function verdictGroups(rows: { keys: string[]; escalation: HandoffVerdict['escalation'] }[]): KpiVerdictGroup[] {
  const by = new Map<string, HandoffVerdict['escalation'][]>();
  for (const r of rows) for (const k of new Set(r.keys)) by.set(k, [...(by.get(k) ?? []), r.escalation]);
  return [...by.entries()].map(([k, v]) => group(k, v)).sort((a, b) => b.judged - a.judged || a.key.localeCompare(b.key));
}

/**
 * Computes {@link KpiQuality} for the sessions `selected` (a `select id from sessions where ...`).
 * @param timeZone IANA zone of the daily dates.
 */
export async function qualityReport(db: Db, selected: SelectQueryBuilder<DatabaseSchema, 'sessions', { id: string }>, timeZone: string): Promise<KpiQuality> {
  // Verdicts with the session's language and escalation reasons.
  const verdictRows = await db
    .selectFrom('session_verdicts as v')
    .innerJoin('sessions as s', 's.id', 'v.session_id')
    .select(['v.session_id', 'v.verdict', 's.language'])
    .where('v.session_id', 'in', selected)
    .execute();
  const reasonRows = await db
    .selectFrom('session_events as e')
    .select(['e.session_id', sql<string[]>`coalesce((select array_agg(distinct r.elem ->> 'code') from jsonb_array_elements(case when jsonb_typeof(e.data -> 'reasons') = 'array' then e.data -> 'reasons' else '[]'::jsonb end) as r(elem)), '{}')`.as('codes')])
    .where('e.type', '=', 'escalated')
    .where('e.session_id', 'in', verdictRows.length ? verdictRows.map((r) => r.session_id) : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  const reasonsOf = new Map<string, string[]>();
  for (const r of reasonRows) reasonsOf.set(r.session_id, [...(reasonsOf.get(r.session_id) ?? []), ...(r.codes ?? []).filter(Boolean)]);
  const verdicts = verdictRows.flatMap((r) => {
    const v = HandoffVerdict.safeParse(r.verdict);
    return v.success ? [{ sessionId: r.session_id, language: r.language, verdict: v.data }] : [];
  });
  const escalations = verdicts.map((v) => v.verdict.escalation);

  // Trainers' labels on answers.
  const labels = await db
    .selectFrom('review_labels')
    .select([sql<string>`count(*)`.as('n'), sql<string>`count(*) filter (where label = 'correct')`.as('correct')])
    .where('label', 'in', ['correct', 'wrong_answer', 'knowledge_gap'])
    .where('session_id', 'in', selected)
    .executeTakeFirstOrThrow();

  // Questions the assistant handled, and those it could not answer, per day.
  const questionRows = await db
    .selectFrom('session_events')
    .select([
      sql<string>`to_char((created_at at time zone ${timeZone})::date, 'YYYY-MM-DD')`.as('day'),
      sql<string>`count(*)`.as('questions'),
      sql<string>`count(*) filter (where data ->> 'intent' = 'unknown')`.as('unanswered'),
      sql<string>`count(*) filter (where data ->> 'handledElsewhere' = 'true')`.as('referred'),
    ])
    .where('type', '=', 'intake_answered')
    .where('session_id', 'in', selected)
    .groupBy('day')
    .orderBy('day')
    .execute();
  const daily = questionRows.map((r) => ({ date: r.day, questions: num(r.questions), unanswered: num(r.unanswered), referred: num(r.referred) }));
  const questions = daily.reduce((s, d) => s + d.questions, 0);
  const unanswered = daily.reduce((s, d) => s + d.unanswered, 0);
  const referred = daily.reduce((s, d) => s + d.referred, 0);

  // Repeat contact: escalated sessions with a case number seen again within the window.
  const CASE = sql<string>`sessions.intake_facts -> 'collectedFields' ->> 'case_number'`;
  const cases = await db
    .selectFrom('sessions')
    .select(['sessions.id', 'sessions.created_at', CASE.as('case_number')])
    .where('sessions.id', 'in', selected)
    .where('sessions.escalated_at', 'is not', null)
    .where(sql<boolean>`${CASE} is not null`)
    .execute();
  let repeated = 0;
  if (cases.length) {
    const later = await db
      .selectFrom('sessions')
      .select(['sessions.id', 'sessions.created_at', CASE.as('case_number')])
      .where(sql<boolean>`upper(${CASE}) in (${sql.join(cases.map((c) => c.case_number.toUpperCase()))})`)
      .execute();
    for (const c of cases) {
      const t0 = new Date(c.created_at).getTime();
      if (later.some((l) => l.id !== c.id && l.case_number.toUpperCase() === c.case_number.toUpperCase() && new Date(l.created_at).getTime() > t0 && new Date(l.created_at).getTime() - t0 <= REPEAT_CONTACT_DAYS * DAY_MS)) repeated++;
    }
  }

  const judgedAnswers = verdicts.filter((v) => v.verdict.answers !== 'none');
  return {
    verdicts: {
      overall: group('all', escalations),
      byReason: verdictGroups(verdicts.map((v) => ({ keys: reasonsOf.get(v.sessionId) ?? [], escalation: v.verdict.escalation }))),
      byLanguage: verdictGroups(verdicts.map((v) => ({ keys: [v.language], escalation: v.verdict.escalation }))),
    },
    packageMissingPercent: percent(verdicts.filter((v) => v.verdict.package === 'missing').length, verdicts.length),
    answers: {
      trainerLabelled: num(labels.n),
      trainerCorrect: num(labels.correct),
      trainerAccuracyPercent: percent(num(labels.correct), num(labels.n)),
      workerJudged: judgedAnswers.length,
      workerWrong: judgedAnswers.filter((v) => v.verdict.answers === 'wrong').length,
    },
    knowledgeGaps: { questions, unanswered, unansweredPercent: percent(unanswered, questions), referred, referredPercent: percent(referred, questions), daily },
    repeatContact: { windowDays: REPEAT_CONTACT_DAYS, withCaseNumber: cases.length, repeated, percent: percent(repeated, cases.length) },
  };
}
