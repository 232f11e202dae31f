/**
 * Reviewing the AI: workers' verdicts on the handoffs they received (wrap-up), the AI trainers'
 * review queue (a sample of AI-only conversations plus every flagged one), turn labels, and the
 * export of labelled conversations in the escalation evaluation set's format
 * (`apps/orchestrator/data/escalation-eval/README.md`), personal data redacted throughout.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { HandoffVerdict, Language, ReasonCode, TurnLabel, type ReviewItem, type ReviewTurn, type ReviewWhy } from '@telekiosk/shared';
import type { DatabaseSchema } from '../db/schema.ts';
import { AuthError, OrchestratorError } from '../errors.ts';
import { redactText } from '../privacy/redact.ts';
import type { AuditSink } from './knowledgeService.ts';

const DAY_MS = 86_400_000;
/** At most this many ended sessions are scanned per queue request (newest first). */
export const REVIEW_SCAN_LIMIT = 2000;
/** CSAT ratings at or below this are "low" (1..5 scale). */
export const LOW_CSAT_MAX = 2;

/**
 * Whether a session falls in the review sample: a stable hash of its id, so every node and every
 * request samples the same sessions. `ratePercent` 0..100.
 */
export function inSample(sessionId: string, ratePercent: number): boolean {
  const h = createHash('sha256').update(sessionId).digest().readUInt32BE(0);
  return (h % 10_000) < ratePercent * 100;
}

/** Verdicts, the review queue, labels and the export; see the module comment. */
export class ReviewService {
  constructor(private readonly deps: { db: Kysely<DatabaseSchema>; audit: AuditSink; sampleRatePercent: number; now?: () => number }) {}

  /** Share of AI-only conversations sampled into the queue (percent). */
  get sampleRatePercent(): number {
    return this.deps.sampleRatePercent;
  }

  private now(): Date {
    return new Date(this.deps.now ? this.deps.now() : Date.now());
  }

  /**
   * Stores the verdict of the worker who received a handoff (replaces an earlier one); the
   * free-text `missing` is redacted. Also recorded as a `verdict` session event.
   * @throws OrchestratorError `not_found` (no such session), `conflict` (never handed to a person);
   * AuthError `forbidden` when the caller did not receive the handoff.
   */
  async giveVerdict(workerId: string, sessionId: string, input: HandoffVerdict): Promise<void> {
    const db = this.deps.db;
    const s = await db.selectFrom('sessions').select(['worker_id', 'escalated_at']).where('id', '=', sessionId).executeTakeFirst();
    if (!s) throw new OrchestratorError('not_found', `sessionId: no session ${sessionId}`);
    if (!s.escalated_at) throw new OrchestratorError('conflict', `sessionId: session ${sessionId} was never handed to a person`);
    if (s.worker_id !== workerId) {
      const received = await db
        .selectFrom('session_events')
        .select('id')
        .where('session_id', '=', sessionId)
        .where('type', 'in', ['accepted', 'transferred'])
        .where('actor', '=', `worker:${workerId}`)
        .executeTakeFirst();
      if (!received) throw AuthError.forbidden('a verdict comes from a worker who received the handoff');
    }
    const verdict = HandoffVerdict.parse({ ...input, ...(input.missing ? { missing: redactText(input.missing) } : {}) });
    const now = this.now();
    await db
      .insertInto('session_verdicts')
      .values({ session_id: sessionId, worker_id: workerId, verdict: JSON.stringify(verdict), created_at: now })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ worker_id: workerId, verdict: JSON.stringify(verdict), created_at: now }))
      .execute();
    const { missing: _missing, ...choices } = verdict;
    await db.insertInto('session_events').values({ session_id: sessionId, type: 'verdict', actor: `worker:${workerId}`, data: JSON.stringify(choices), created_at: now }).execute();
  }

  /** The verdict on a session, null when none was given. */
  async verdictOf(sessionId: string): Promise<HandoffVerdict | null> {
    const r = await this.deps.db.selectFrom('session_verdicts').select('verdict').where('session_id', '=', sessionId).executeTakeFirst();
    return r ? HandoffVerdict.parse(r.verdict) : null;
  }

  /** Sessions that ended in the last `days` and belong in the review queue, with why; newest first. */
  async queue(days: number, limit: number): Promise<ReviewItem[]> {
    const db = this.deps.db;
    const since = new Date(this.now().getTime() - days * DAY_MS);
    const sessions = await db
      .selectFrom('sessions')
      .select(['id', 'language', 'created_at', 'escalated_at', 'answered_at', 'rating'])
      .where('state', '=', 'ended')
      .where('created_at', '>=', since)
      .where('erased_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(REVIEW_SCAN_LIMIT)
      .execute();
    if (sessions.length === 0) return [];
    const ids = sessions.map((s) => s.id);
    const verdicts = new Map((await db.selectFrom('session_verdicts').select(['session_id', 'verdict']).where('session_id', 'in', ids).execute()).map((r) => [r.session_id, HandoffVerdict.safeParse(r.verdict).data]));
    const repeated = new Set(
      (
        await db
          .selectFrom('transcript_entries')
          .select('session_id')
          .where('session_id', 'in', ids)
          .where('speaker', '=', 'visitor')
          .groupBy(['session_id', sql`lower(trim(text))`])
          .having(sql`count(*)`, '>', 1)
          .execute()
      ).map((r) => r.session_id),
    );
    const labelled = new Map((await db.selectFrom('review_labels').select(['session_id', sql<number>`count(*)::int`.as('n')]).where('session_id', 'in', ids).groupBy('session_id').execute()).map((r) => [r.session_id, Number(r.n)]));
    const items: ReviewItem[] = [];
    for (const s of sessions) {
      const why: ReviewWhy[] = [];
      const escalated = s.escalated_at !== null;
      if (!escalated && inSample(s.id, this.deps.sampleRatePercent)) why.push('sample');
      if (s.rating !== null && s.rating <= LOW_CSAT_MAX) why.push('low_csat');
      if (repeated.has(s.id)) why.push('repeated_question');
      if (escalated && s.answered_at === null) why.push('abandoned_wait');
      const v = verdicts.get(s.id);
      if (v?.escalation === 'unnecessary') why.push('verdict_unnecessary');
      if (v?.escalation === 'earlier') why.push('verdict_earlier');
      if (v?.answers === 'wrong') why.push('verdict_wrong_answer');
      if (why.length === 0) continue;
      items.push({ sessionId: s.id, language: Language.catch('en').parse(s.language), createdAt: new Date(s.created_at).toISOString(), why, escalated, rating: s.rating, labelled: labelled.get(s.id) ?? 0 });
      if (items.length >= limit) break;
    }
    return items;
  }

  /**
   * One conversation for review: redacted turns with the escalation decided at each visitor turn,
   * the article each answer came from, and the labels so far.
   * @throws OrchestratorError `not_found` (no such session, or erased).
   */
  async session(trainerId: string, sessionId: string): Promise<{ turns: ReviewTurn[]; verdict: HandoffVerdict | null; why: ReviewWhy[] }> {
    const db = this.deps.db;
    const s = await db.selectFrom('sessions').select(['id', 'erased_at', 'created_at']).where('id', '=', sessionId).executeTakeFirst();
    if (!s || s.erased_at) throw new OrchestratorError('not_found', `sessionId: no session ${sessionId} to review`);
    const entries = await db.selectFrom('transcript_entries').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
    const events = await db.selectFrom('session_events').select(['type', 'data']).where('session_id', '=', sessionId).where('type', 'in', ['intake_answered']).execute();
    const articleOf = new Map<string, { id: string; version: number | null }>();
    for (const e of events) {
      const d = e.data as { replyId?: string; article?: { id: string; version: number | null } | null };
      if (d.replyId && d.article) articleOf.set(d.replyId, d.article);
    }
    const pkg = await db.selectFrom('handoff_packages').select('package').where('session_id', '=', sessionId).orderBy('created_at').limit(1).executeTakeFirst();
    const escalatedAt = new Map<string, ReasonCode[]>();
    for (const r of ((pkg?.package as { reasons?: { code: string; entryId: string | null }[] } | undefined)?.reasons ?? [])) {
      const code = ReasonCode.safeParse(r.code);
      if (r.entryId && code.success) escalatedAt.set(r.entryId, [...(escalatedAt.get(r.entryId) ?? []), code.data]);
    }
    const labels = new Map((await db.selectFrom('review_labels').selectAll().where('session_id', '=', sessionId).execute()).map((l) => [l.entry_id, l]));
    const turns: ReviewTurn[] = entries.map((e) => {
      const l = labels.get(e.id);
      return {
        entryId: e.id,
        seq: e.seq,
        speaker: e.speaker as ReviewTurn['speaker'],
        text: redactText(e.text),
        language: Language.catch('en').parse(e.language),
        escalatedFor: escalatedAt.get(e.id) ?? [],
        article: articleOf.get(e.id) ?? null,
        label: l ? TurnLabel.parse(l.label) : null,
        labelReason: l?.reason ? ReasonCode.parse(l.reason) : null,
      };
    });
    const item = (await this.queueItemWhy(sessionId)) ?? [];
    await this.deps.audit.audit({ actor: `worker:${trainerId}`, action: 'review.viewed', subject: `session:${sessionId}` }, this.now());
    return { turns, verdict: await this.verdictOf(sessionId), why: item };
  }

  private async queueItemWhy(sessionId: string): Promise<ReviewWhy[] | null> {
    const s = await this.deps.db.selectFrom('sessions').select(['created_at']).where('id', '=', sessionId).executeTakeFirst();
    if (!s) return null;
    const days = Math.max(1, Math.ceil((this.now().getTime() - new Date(s.created_at).getTime()) / DAY_MS) + 1);
    return (await this.queue(Math.min(days, 365), REVIEW_SCAN_LIMIT)).find((i) => i.sessionId === sessionId)?.why ?? null;
  }

  /**
   * Labels one turn (replaces an earlier label); audited.
   * @throws OrchestratorError `not_found` (the entry is not a line of that session), `bad_request`
   * (an escalation label on a line that is not the visitor's, or an answer label on one that is not the assistant's).
   */
  async label(trainerId: string, req: { sessionId: string; entryId: string; label: TurnLabel; reason?: ReasonCode }): Promise<void> {
    const db = this.deps.db;
    const e = await db.selectFrom('transcript_entries').select(['speaker']).where('id', '=', req.entryId).where('session_id', '=', req.sessionId).executeTakeFirst();
    if (!e) throw new OrchestratorError('not_found', `entryId: ${req.entryId} is not a line of session ${req.sessionId}`);
    const visitorLabel = req.label === 'should_escalate' || req.label === 'should_not_escalate';
    if (visitorLabel && e.speaker !== 'visitor') throw new OrchestratorError('bad_request', `label: ${req.label} labels a visitor line; this line is the ${e.speaker}'s`);
    if (!visitorLabel && e.speaker !== 'assistant') throw new OrchestratorError('bad_request', `label: ${req.label} labels an assistant answer; this line is the ${e.speaker}'s`);
    const now = this.now();
    await db
      .insertInto('review_labels')
      .values({ session_id: req.sessionId, entry_id: req.entryId, label: req.label, reason: req.reason ?? null, trainer_id: trainerId, created_at: now })
      .onConflict((oc) => oc.columns(['session_id', 'entry_id']).doUpdateSet({ label: req.label, reason: req.reason ?? null, trainer_id: trainerId, created_at: now }))
      .execute();
    await this.deps.audit.audit({ actor: `worker:${trainerId}`, action: 'review.labelled', subject: `session:${req.sessionId}`, data: { entryId: req.entryId, label: req.label, ...(req.reason ? { reason: req.reason } : {}) } }, now);
  }

  /**
   * Every escalation label as one evaluation conversation: the visitor and assistant lines up to
   * and including the labelled visitor line, redacted; `expect` from the label, `reason` from the
   * label (or the reason the system gave there, else `explicit_request`). Audited.
   */
  async exportJsonl(trainerId: string): Promise<{ jsonl: string; conversations: number }> {
    const db = this.deps.db;
    const labels = await db
      .selectFrom('review_labels as l')
      .innerJoin('sessions as s', 's.id', 'l.session_id')
      .select(['l.session_id', 'l.entry_id', 'l.label', 'l.reason', 's.language'])
      .where('l.label', 'in', ['should_escalate', 'should_not_escalate'])
      .where('s.erased_at', 'is', null)
      .orderBy('l.created_at')
      .execute();
    const lines: string[] = [];
    const transcripts = new Map<string, { id: string; seq: number; speaker: string; text: string }[]>();
    for (const l of labels) {
      let t = transcripts.get(l.session_id);
      if (!t) {
        t = await db.selectFrom('transcript_entries').select(['id', 'seq', 'speaker', 'text']).where('session_id', '=', l.session_id).orderBy('seq').execute();
        transcripts.set(l.session_id, t);
      }
      const at = t.find((e) => e.id === l.entry_id);
      if (!at) continue;
      const turns = t.filter((e) => e.seq <= at.seq && (e.speaker === 'visitor' || e.speaker === 'assistant')).map((e) => `${e.speaker === 'visitor' ? 'V' : 'A'}: ${redactText(e.text)}`);
      const escalate = l.label === 'should_escalate';
      lines.push(
        JSON.stringify({
          id: `review-${l.session_id.slice(0, 8)}-${at.seq}`,
          lang: Language.catch('en').parse(l.language),
          expect: escalate ? 'escalate' : 'no_escalate',
          ...(escalate ? { reason: l.reason ?? 'explicit_request' } : {}),
          tag: `review:${l.label}`,
          turns,
        }),
      );
    }
    await this.deps.audit.audit({ actor: `worker:${trainerId}`, action: 'review.exported', subject: 'review', data: { conversations: lines.length } }, this.now());
    return { jsonl: lines.map((l) => `${l}\n`).join(''), conversations: lines.length };
  }
}
