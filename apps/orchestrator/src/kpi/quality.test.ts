import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiService } from './kpiQueries.ts';
import { KpiReport } from './protocol.ts';
import { at, kpiFixture, type Fixture } from './testFixture.ts';
import { verdictGroups } from './quality.ts';

const NOW = new Date('2026-03-06T00:00:00.000Z');

/**
 * The AI-quality part of the KPI report, hand-computed on the nine-session fixture
 * (testFixture.ts) plus: verdicts S2 right, S4 unnecessary (answers wrong, package missing),
 * S5 earlier; trainer labels on S1 (correct) and S6 (wrong answer); questions S1 (2, one
 * unanswered, 03-02) and S6 (1 unanswered, 03-03); case number AB-1234 on S2 and again on S6
 * (a day later: a repeat contact), ZZ-9999 on S5 only.
 */
describe('KPI quality: verdicts, labels, knowledge gaps, repeat contact', () => {
  let fx: Fixture;
  let kpi: KpiService;
  beforeAll(async () => {
    fx = await kpiFixture();
    kpi = new KpiService(fx.database.db, { now: () => NOW });
    const db = fx.database.db;
    const verdict = (id: string, v: object, day: number) => db.insertInto('session_verdicts').values({ session_id: id, worker_id: 'w1', verdict: JSON.stringify(v), created_at: at(day, 23, 0) }).execute();
    await verdict(fx.ids.S2, { escalation: 'right', answers: 'none', wrongEntryIds: [], package: 'enough' }, 2);
    await verdict(fx.ids.S4, { escalation: 'unnecessary', answers: 'wrong', wrongEntryIds: [], package: 'missing', missing: 'the case number' }, 3);
    await verdict(fx.ids.S5, { escalation: 'earlier', answers: 'right', wrongEntryIds: [], package: 'enough' }, 3);
    const line = async (id: string, speaker: 'visitor' | 'assistant', text: string, when: Date) =>
      (await fx.store.appendTranscript({ sessionId: id, speaker, text, language: 'en', translation: null, translationStatus: 'same_language' }, when)).id;
    const q1 = await line(fx.ids.S1, 'visitor', 'When do you open?', at(2, 9, 1));
    const a1 = await line(fx.ids.S1, 'assistant', 'We open at 8:30.', at(2, 9, 1));
    const q2 = await line(fx.ids.S1, 'visitor', 'Can I park a bicycle?', at(2, 9, 2));
    const q3 = await line(fx.ids.S6, 'visitor', 'Where is the bicycle parking?', at(3, 13, 1));
    const a3 = await line(fx.ids.S6, 'assistant', 'We open at 8:30.', at(3, 13, 1));
    await fx.store.recordEvent(fx.ids.S1, 'intake_answered', 'system', { questionId: q1, replyId: a1, intent: 'kb:office-hours', article: { id: 'office-hours', version: 1 } }, at(2, 9, 1));
    await fx.store.recordEvent(fx.ids.S1, 'intake_answered', 'system', { questionId: q2, replyId: 'x', intent: 'unknown', article: null }, at(2, 9, 2));
    await fx.store.recordEvent(fx.ids.S6, 'intake_answered', 'system', { questionId: q3, replyId: a3, intent: 'unknown', article: null }, at(3, 13, 1));
    // A referral: answered with a handled-elsewhere article (not a gap, not served here).
    const q4 = await line(fx.ids.S1, 'visitor', 'Where do I renew my passport?', at(3, 14, 1));
    await fx.store.recordEvent(fx.ids.S1, 'intake_answered', 'system', { questionId: q4, replyId: 'y', intent: 'kb:elsewhere-passports', article: { id: 'elsewhere-passports', version: 1 }, handledElsewhere: true }, at(3, 14, 1));
    const label = (id: string, entry: string, l: string) => db.insertInto('review_labels').values({ session_id: id, entry_id: entry, label: l, reason: null, trainer_id: 't1', created_at: NOW }).execute();
    await label(fx.ids.S1, a1, 'correct');
    await label(fx.ids.S6, a3, 'wrong_answer');
    await label(fx.ids.S1, q2, 'should_not_escalate'); // not an answer label: not counted in accuracy
    await fx.store.saveIntakeFacts(fx.ids.S2, { collectedFields: { case_number: 'AB-1234' } });
    await fx.store.saveIntakeFacts(fx.ids.S6, { collectedFields: { case_number: 'ab-1234' } });
    await fx.store.saveIntakeFacts(fx.ids.S5, { collectedFields: { case_number: 'ZZ-9999' } });
  });
  afterAll(() => fx.database.close());

  it('reports precision per reason and language, answer accuracy, unanswered questions per day and repeat contacts', async () => {
    const r = await kpi.report();
    expect(KpiReport.parse(r)).toEqual(r);
    const q = r.quality!;
    expect(q.verdicts.overall).toEqual({ key: 'all', judged: 3, right: 1, earlier: 1, unnecessary: 1, precisionPercent: 66.67 });
    expect(q.verdicts.byReason).toEqual([
      { key: 'explicit_request', judged: 2, right: 1, earlier: 1, unnecessary: 0, precisionPercent: 100 },
      { key: 'safety', judged: 1, right: 0, earlier: 1, unnecessary: 0, precisionPercent: 100 },
      { key: 'visitor_choice', judged: 1, right: 0, earlier: 0, unnecessary: 1, precisionPercent: 0 },
    ]);
    expect(q.verdicts.byLanguage.map((g) => [g.key, g.judged, g.precisionPercent])).toEqual([['en', 2, 100], ['es', 1, 0]]);
    expect(q.packageMissingPercent).toBe(33.33);
    expect(q.answers).toEqual({ trainerLabelled: 2, trainerCorrect: 1, trainerAccuracyPercent: 50, workerJudged: 2, workerWrong: 1 });
    expect(q.knowledgeGaps).toEqual({
      questions: 4,
      unanswered: 2,
      unansweredPercent: 50,
      referred: 1,
      referredPercent: 25,
      daily: [
        { date: '2026-03-02', questions: 2, unanswered: 1, referred: 0 },
        { date: '2026-03-03', questions: 2, unanswered: 1, referred: 1 },
      ],
    });
    expect(q.repeatContact).toEqual({ windowDays: 7, withCaseNumber: 2, repeated: 1, percent: 50 });
  });

  it('follows the report filter, and gives nulls (never NaN) when nothing was judged', async () => {
    const es = (await kpi.report({ language: 'es' })).quality!;
    expect(es.verdicts.overall).toMatchObject({ judged: 1, unnecessary: 1, precisionPercent: 0 });
    expect(es.knowledgeGaps).toEqual({ questions: 0, unanswered: 0, unansweredPercent: null, referred: 0, referredPercent: null, daily: [] });
    const none = (await kpi.report({ from: '2026-03-05T00:00:00Z' })).quality!;
    expect(none.verdicts.overall.precisionPercent).toBeNull();
    expect(none.answers.trainerAccuracyPercent).toBeNull();
    expect(none.repeatContact.percent).toBeNull();
  });

  it('groups a session with several reasons under each of them once', () => {
    expect(verdictGroups([{ keys: ['a', 'b', 'a'], escalation: 'right' }, { keys: ['a'], escalation: 'unnecessary' }])).toEqual([
      { key: 'a', judged: 2, right: 1, earlier: 0, unnecessary: 1, precisionPercent: 50 },
      { key: 'b', judged: 1, right: 1, earlier: 0, unnecessary: 0, precisionPercent: 100 },
    ]);
  });
});

describe('KPI quality in the report CSV', () => {
  it('lists precision per reason and language, accuracy, unanswered questions and repeat contacts', async () => {
    const fx = await kpiFixture();
    try {
      await fx.database.db.insertInto('session_verdicts').values({ session_id: fx.ids.S2, worker_id: 'w1', verdict: JSON.stringify({ escalation: 'unnecessary', answers: 'none', wrongEntryIds: [], package: 'enough' }), created_at: NOW }).execute();
      const { reportToCsv } = await import('./csv.ts');
      const csv = reportToCsv(await new KpiService(fx.database.db, { now: () => NOW }).report());
      expect(csv).toContain('escalation_precision_by_workers,reason=explicit_request,0,percent');
      expect(csv).toContain('verdicts_judged,language=en,1,count');
      expect(csv).toContain('repeat_contact_rate,window_days=7,,percent');
      expect(csv).toContain('questions_referred,,0,count');
      expect(csv).toContain('questions_referred_rate,,,percent');
    } finally {
      await fx.database.close();
    }
  });
});
