import type { Alert, EscalationReason, HandoffPackage, SessionEmergency, SessionView, TranscriptEntry } from '@telekiosk/shared';
import { evaluateTurn, evaluateTurnWithJudge, type PolicyDecision } from '../policy/index.ts';
import type { SessionEvent } from '../db/store.ts';
import type { SessionContext } from './context.ts';
import { buildHandoffPackage, priorityFor, withSafety, TURN_ANSWERS_KEPT, type IntakeFacts } from './handoff.ts';
import { notice } from './notices.ts';
import type { IntakeTurn } from './ports.ts';
import { HANDLED_ELSEWHERE_CATEGORY } from '../intake/knowledgeBaseFile.ts';
import { isLang, packFor } from '../intake/lexicon/index.ts';

/**
 * True when the intake answered with a "handled elsewhere" article: flagged by the embedded
 * engine, or an article of that category named by a provider. The policy counts such a turn as
 * unanswered by this office.
 */
export function handledElsewhere(turn: IntakeTurn): boolean {
  return !!turn.handledElsewhere || turn.analysis?.category === HANDLED_ELSEWHERE_CATEGORY;
}

/** The policy's flags of an intake answer: handled elsewhere, or the covered article an unanswered question is near. */
function answerFlags(turn: IntakeTurn): { handledElsewhere?: true; nearArticle?: string } {
  return { ...(handledElsewhere(turn) ? { handledElsewhere: true as const } : {}), ...(turn.nearArticle ? { nearArticle: turn.nearArticle.id } : {}) };
}

const emptyFacts = (): IntakeFacts => ({ intent: 'unknown', category: null, articlesUsed: [], actionsTaken: [], sentiment: 'neutral', collectedFields: {}, flags: [] });

/**
 * The AI's side of a session and the handoff: each intake turn (the assistant answers, the
 * escalation policy decides), what the intake learned (kept in the database, so a restart keeps
 * it), escalation to a person with the handoff package, and safety escalations (staff alerted,
 * the visitor shown the emergency screen). The summary in the package is extractive at first so
 * no visitor waits on an LLM before entering the queue; an LLM summary, when configured, follows
 * as a newer package (`handoff:update` to the worker).
 */
export class Escalation {
  private readonly facts = new Map<string, IntakeFacts>();
  /** Sessions whose waiting visitor's emergency is being raised (two quick lines raise one alert). */
  private readonly raising = new Set<string>();

  constructor(private readonly ctx: SessionContext) {}

  /** Drops the in-memory facts of a session (ended). */
  forget(sessionId: string): void {
    this.facts.delete(sessionId);
  }

  /** A session just created: its facts are empty (nothing stored yet), so the first turn need not read them. */
  began(sessionId: string): void {
    this.facts.set(sessionId, emptyFacts());
  }

  /** Details stated in passing (name, case number, contact...) go into the handoff's collected fields. */
  async collect(sessionId: string, fields: Record<string, string>): Promise<void> {
    if (Object.keys(fields).length === 0) return;
    const f = await this.factsOf(sessionId);
    Object.assign(f.collectedFields, fields);
  }

  /** One intake turn for a stored visitor line: the assistant's reply, the policy decision, escalation when due. */
  async intakeTurn(session: SessionView, visitorEntry: TranscriptEntry): Promise<{ reply: TranscriptEntry; session: SessionView }> {
    const transcript = await this.ctx.store.transcript(session.id);
    const history = transcript
      .filter((e) => (e.speaker === 'visitor' || e.speaker === 'assistant') && e.seq < visitorEntry.seq)
      .map((e) => ({ role: e.speaker as 'visitor' | 'assistant', text: e.text }));
    const turn = await this.ctx.options.intake.respond({ text: visitorEntry.text, language: session.language, history });
    await this.remember(session.id, turn, visitorEntry.id);
    const decision = await this.evaluatePolicy(session, turn, transcript.filter((e) => e.seq <= visitorEntry.seq));
    // The policy, when there is one, decides: it already weighs the engine's own escalation (a
    // decline, a near-article question, the streak's rules can overrule it). The engine's reply
    // then promises a handoff nobody makes ("I'll connect you now"); the visitor reads the offer
    // of a person instead, which the engine recognises on the next turn ("yes" accepts it).
    const overruled = !!decision && !decision.escalate && !!turn.escalation;
    const replyText = overruled ? offerOfPerson(session.language) : turn.reply;
    const reply = await this.ctx.append(session, 'assistant', replyText, { notifyDevice: false });
    // What the assistant did with the question: the article (and published version) it answered
    // from, or `unknown` (a knowledge gap); trainers and the gap report read these.
    // `handledElsewhere`: the article says where the matter is handled (a referral, counted apart
    // in the KPI report); `nearArticle`: the covered article an unknown question was a detail of.
    const top = turn.intent.startsWith('kb:') ? turn.articles.find((a) => `kb:${a.id}` === turn.intent) ?? turn.articles[0] : undefined;
    const data = {
      questionId: visitorEntry.id,
      replyId: reply.id,
      intent: turn.intent,
      article: top ? { id: top.id, version: top.version ?? null } : null,
      ...answerFlags(turn),
    };
    const events: SessionEvent[] = [{ type: 'intake_answered', actor: 'system', data }];
    // Without a policy (or when it failed) the engine's own escalation stands.
    const reasons: EscalationReason[] = decision
      ? decision.escalate
        ? decision.reasons.map((r) => ({ ...r, entryId: r.entryId ?? visitorEntry.id }))
        : []
      : turn.escalation
        ? [{ code: turn.escalation.reason, evidence: turn.escalation.evidence, entryId: visitorEntry.id }]
        : [];
    if (reasons.length === 0 && decision) {
      events.push({
        type: 'policy_checked',
        actor: 'system',
        data: { confidence: decision.confidence, sentiment: decision.sentiment, flags: decision.flags, ...(overruled ? { overruledEngine: turn.escalation!.reason } : {}) },
      });
    }
    // The facts and the turn's audit events: one statement.
    await this.ctx.store.saveIntakeFacts(session.id, await this.factsOf(session.id), events, this.ctx.now());
    if (reasons.length > 0) return { reply, session: await this.escalate(session, reasons, decision) };
    return { reply, session };
  }

  /**
   * Escalates a session in intake to a person: queued with a priority (safety first) and a
   * department, handoff package stored, staff alerted for safety cases. Returns the queued
   * session (or the session as it is when it was no longer in intake).
   */
  async escalate(session: SessionView, reasons: EscalationReason[], decision: PolicyDecision | null = null): Promise<SessionView> {
    const { store } = this.ctx;
    const now = this.ctx.now();
    const priority = decision?.priority ?? priorityFor(reasons);
    const queued = await store.markQueued(session.id, now, { type: 'escalated', actor: 'system', data: { reasons, priority, ...(decision ? { department: decision.skills.department } : {}) } });
    if (!queued) return (await store.getSession(session.id)) ?? session;
    if (reasons[0]?.code !== 'visitor_choice') await this.ctx.append(queued, 'system', notice('escalating', session.language));
    const transcript = await store.transcript(session.id);
    const device = await store.fleet.getDevice(session.deviceId);
    const facts = await this.factsOf(session.id);
    const convo = transcript.filter((e) => e.speaker === 'visitor' || e.speaker === 'assistant').map((e) => ({ role: e.speaker as 'visitor' | 'assistant', text: e.text }));
    const build = (summary: string, at: Date): HandoffPackage => {
      const h = buildHandoffPackage({
        sessionId: session.id,
        device: { id: session.deviceId, name: device?.name ?? session.deviceId, location: device?.location ?? '' },
        language: session.language,
        reasons,
        transcript,
        facts: reasons.some((r) => r.code === 'explicit_request' || r.code === 'visitor_choice') && facts.intent === 'unknown' ? { ...facts, intent: 'request_person' } : facts,
        policy: decision ? { urgency: decision.urgency, department: decision.skills.department, sentiment: decision.sentiment } : null,
        summary,
        now: at,
      });
      if (decision) h.flags = [...new Set([...h.flags, ...decision.flags])];
      return h;
    };
    const handoff = build(this.ctx.options.intake.summarize(convo, session.language), now);
    await store.saveHandoff(handoff, now);
    this.ctx.handoffs.set(session.id, handoff);
    const safety = priority === 0 || reasons.some((r) => r.code === 'safety');
    if (decision?.alertStaff || safety) {
      const evidence = reasons.find((r) => r.code === 'safety')?.evidence ?? reasons[0]?.evidence ?? '';
      try {
        await this.ctx.fleet.raiseSafety(session.deviceId, `Session ${session.id.slice(0, 8)}: ${evidence}`);
      } catch (err) {
        this.ctx.log.error({ err, sessionId: session.id }, 'safety alert could not be raised');
      }
    }
    this.ctx.log.info({ sessionId: session.id, reasons: reasons.map((r) => r.code), priority }, 'session escalated');
    this.ctx.notifier.toDevice(session.deviceId, 'session:update', queued);
    if (safety) this.ctx.notifier.toDevice(session.deviceId, 'session:emergency', { sessionId: session.id, acknowledged: false, emergencyNumber: this.ctx.options.emergencyNumber ?? null } satisfies SessionEmergency);
    // Department queue from the policy; safety cases go to everyone at once (no department wait).
    const department = decision && priority > 0 ? (decision.skills.department ?? undefined) : undefined;
    await this.ctx.routing.enqueue({ sessionId: session.id, deviceId: session.deviceId, language: session.language, priority, ...(department ? { department } : {}), createdAt: now.getTime() });
    this.ctx.devices.sessionStateChanged(session.deviceId, 'queued');
    this.ctx.supervision.changed();
    // The LLM summary follows the offer: it never delays the handoff.
    const summarizeAsync = this.ctx.options.intake.summarizeAsync?.bind(this.ctx.options.intake);
    if (summarizeAsync) {
      this.ctx.background('LLM summary', async () => {
        const { text } = await summarizeAsync(convo, session.language);
        if (this.ctx.closed || !this.ctx.handoffs.has(session.id) || text === handoff.summary) return;
        const newer = { ...(this.ctx.handoffs.get(session.id) ?? handoff), summary: text, createdAt: this.ctx.now().toISOString() };
        await store.saveHandoff(newer, this.ctx.now());
        this.ctx.handoffs.set(session.id, newer);
        await this.ctx.offers.handoffUpdated(session.id, newer);
      }, { sessionId: session.id });
    }
    return queued;
  }

  /**
   * A visitor line while the session waits for a person. The assistant does not answer (a
   * person is coming), but the escalation policy still reads the line for safety: an emergency
   * told while waiting ("he is not responding any more") does what a safety escalation does.
   * Facility staff are alerted, the task is raised to priority 0 in the default queue (any
   * worker may take it at once, with `safetyToAnyWorker`), the kiosk is sent `session:emergency`,
   * and the handoff package leads with the safety reason (pushed to a worker already offered the
   * session). Audited as `emergency_while_queued`; the session's `escalated` event (counted by the
   * KPIs) stays the one of its first escalation. A session that is already a safety case is left
   * as it is. A policy failure is logged and changes nothing.
   * @returns true when this line made the session a safety case.
   */
  async queuedLine(session: SessionView, visitorEntry: TranscriptEntry): Promise<boolean> {
    const policy = this.ctx.options.policy;
    if (!policy || session.state !== 'queued') return false;
    const task = await this.ctx.routing.task(session.id);
    if (task && task.priority === 0) return false;
    const transcript = await this.ctx.store.transcript(session.id);
    const turns = transcript
      .filter((e) => (e.speaker === 'visitor' || e.speaker === 'assistant') && e.seq <= visitorEntry.seq)
      .map((e) => ({ role: e.speaker as 'visitor' | 'assistant', text: e.text, entryId: e.id, at: Date.parse(e.createdAt) }));
    let decision: PolicyDecision;
    try {
      decision = evaluateTurn(policy, { turns, language: session.language });
    } catch (err) {
      this.ctx.log.error({ err, sessionId: session.id }, 'escalation policy failed on a line while queued');
      return false;
    }
    const safety = decision.reasons.filter((r) => r.code === 'safety').map((r) => ({ code: r.code, evidence: r.evidence, entryId: r.entryId ?? visitorEntry.id }));
    if (safety.length === 0) return false;
    if (this.raising.has(session.id)) return false;
    this.raising.add(session.id);
    try {
      await this.raiseWhileQueued(session, safety, transcript, decision, task?.priority ?? null);
    } finally {
      this.raising.delete(session.id);
    }
    return true;
  }

  private async raiseWhileQueued(session: SessionView, safety: EscalationReason[], transcript: TranscriptEntry[], decision: PolicyDecision, previousPriority: number | null): Promise<void> {
    const now = this.ctx.now();
    await this.ctx.record(session.id, 'emergency_while_queued', 'system', { reasons: safety, priority: 0, previousPriority, department: decision.skills.department });
    try {
      await this.ctx.fleet.raiseSafety(session.deviceId, `Session ${session.id.slice(0, 8)}: ${safety[0]!.evidence}`);
    } catch (err) {
      this.ctx.log.error({ err, sessionId: session.id }, 'safety alert could not be raised');
    }
    this.ctx.notifier.toDevice(session.deviceId, 'session:emergency', { sessionId: session.id, acknowledged: false, emergencyNumber: this.ctx.options.emergencyNumber ?? null } satisfies SessionEmergency);
    await this.ctx.routing.raisePriority(session.id, 0, { sessionId: session.id, deviceId: session.deviceId, language: session.language, priority: 0, createdAt: Date.parse(session.createdAt) });
    const before = await this.ctx.handoff(session.id);
    if (before) {
      const handoff = withSafety(before, safety, transcript, now, decision.skills.department);
      await this.ctx.store.saveHandoff(handoff, now);
      this.ctx.handoffs.set(session.id, handoff);
      await this.ctx.offers.handoffUpdated(session.id, handoff);
    }
    this.ctx.log.warn({ sessionId: session.id, reasons: safety.map((r) => r.evidence) }, 'waiting visitor reported an emergency; raised to safety');
    this.ctx.supervision.changed();
  }

  /** The emergency state of a session: set for a safety escalation (acknowledged once staff acknowledged its alert), else null. */
  async emergencyOf(session: SessionView): Promise<SessionEmergency | null> {
    const task = await this.ctx.routing.task(session.id);
    const handoff = task || session.state !== 'intake' ? await this.ctx.handoff(session.id) : undefined;
    const safety = (task && task.priority === 0) || handoff?.reasons.some((r) => r.code === 'safety');
    if (!safety) return null;
    const alerts = (await this.ctx.store.fleet.activeAlerts(session.deviceId)).filter((a) => a.kind === 'safety');
    return { sessionId: session.id, acknowledged: alerts.some((a) => a.state === 'acknowledged'), emergencyNumber: this.ctx.options.emergencyNumber ?? null };
  }

  /** A safety alert changed: when staff acknowledge it, the visitor at that device is told someone is coming. */
  onAlert(alert: Alert): void {
    if (alert.kind !== 'safety' || alert.state !== 'acknowledged') return;
    this.ctx.background('emergency acknowledgement', async () => {
      for (const s of await this.ctx.store.activeSessions(alert.deviceId)) {
        if (s.state === 'ended') continue;
        this.ctx.notifier.toDevice(alert.deviceId, 'session:emergency', { sessionId: s.id, acknowledged: true, emergencyNumber: this.ctx.options.emergencyNumber ?? null } satisfies SessionEmergency);
        this.ctx.recordLater(s.id, 'emergency_acknowledged', `worker:${alert.acknowledgedBy ?? 'staff'}`, { alertId: alert.id });
      }
    });
  }

  /** The facts of a session handed back to the assistant start over. */
  async resetFacts(sessionId: string): Promise<void> {
    const f = emptyFacts();
    this.facts.set(sessionId, f);
    await this.ctx.store.saveIntakeFacts(sessionId, f);
  }

  // --- internals -----------------------------------------------------------------------

  private async factsOf(sessionId: string): Promise<IntakeFacts> {
    let f = this.facts.get(sessionId);
    if (!f) {
      const stored = (await this.ctx.store.intakeFacts(sessionId)) as Partial<IntakeFacts> | null;
      f = { ...emptyFacts(), ...(stored && typeof stored === 'object' ? stored : {}) };
      this.facts.set(sessionId, f);
    }
    return f;
  }

  /**
   * Runs the escalation policy on the conversation so far (after the intake answered the last
   * visitor turn): the embedded rules and classifier, and the LLM judge beside them when one is
   * configured (it can only add reasons; safety stays with the rules; its failure falls back).
   */
  private async evaluatePolicy(session: SessionView, turn: IntakeTurn, transcript: TranscriptEntry[]): Promise<PolicyDecision | null> {
    const policy = this.ctx.options.policy;
    if (!policy) return null;
    // Earlier visitor lines carry the intake's answer to them, so the policy sees an unanswered
    // streak or a failed reply across turns (not only the engine's own decision on the last one).
    const stored = (await this.factsOf(session.id)).turnAnswers;
    const answers = new Map((Array.isArray(stored) ? stored : []).map(({ entryId, ...answer }) => [entryId, answer]));
    const turns = transcript
      .filter((e) => e.speaker === 'visitor' || e.speaker === 'assistant')
      .map((e) => ({ role: e.speaker as 'visitor' | 'assistant', text: e.text, entryId: e.id, at: Date.parse(e.createdAt), ...(e.speaker === 'visitor' && answers.has(e.id) ? { intake: answers.get(e.id)! } : {}) }));
    try {
      return await evaluateTurnWithJudge(policy, {
        turns,
        language: session.language,
        sessionStartedAt: Date.parse(session.createdAt),
        now: this.ctx.clock.now(),
        intake: { intent: turn.intent, confidence: turn.confidence, escalation: turn.escalation, reply: turn.reply, ...answerFlags(turn) },
      }, this.ctx.options.judge ?? null);
    } catch (err) {
      this.ctx.log.error({ err, sessionId: session.id }, 'escalation policy failed; using the intake engine decision');
      return null;
    }
  }

  private async remember(sessionId: string, turn: IntakeTurn, visitorEntryId: string): Promise<void> {
    const f = await this.factsOf(sessionId);
    f.intent = turn.intent;
    // The engine's escalation is kept without its evidence, which quotes the visitor's words: the
    // intake facts outlive a transcript's redaction, and the policy reads earlier turns' answers
    // only for whether they answered.
    const escalation = turn.escalation ? { reason: turn.escalation.reason, evidence: '' } : null;
    const earlier = Array.isArray(f.turnAnswers) ? f.turnAnswers : [];
    f.turnAnswers = [...earlier, { entryId: visitorEntryId, intent: turn.intent, confidence: turn.confidence, escalation, ...answerFlags(turn) }].slice(-TURN_ANSWERS_KEPT);
    if (turn.collectedFields) Object.assign(f.collectedFields, turn.collectedFields);
    if (turn.analysis) {
      f.sentiment = turn.analysis.sentiment;
      if (turn.analysis.category) f.category = turn.analysis.category;
    }
    if (turn.degraded && !f.flags.includes('ai_degraded')) {
      f.flags.push('ai_degraded');
      f.actionsTaken.push(`AI provider unavailable (${turn.degradedReason ?? 'unknown'}); the embedded assistant answered`);
      this.ctx.recordLater(sessionId, 'intake_degraded', 'system', { reason: turn.degradedReason ?? null });
    }
    const top = turn.articles[0];
    if (top && turn.intent.startsWith('kb:')) {
      if (!f.articlesUsed.some((a) => a.id === top.id && a.version === top.version)) f.articlesUsed.push({ id: top.id, title: top.title, ...(top.version ? { version: top.version } : {}) });
      f.actionsTaken.push(`Answered from knowledge article "${top.title}" (${top.id})`);
      f.category = this.ctx.options.intake.categoryOf?.(top.id) ?? f.category;
    }
  }
}

/**
 * The assistant's "I'm not sure, shall I connect you with a staff member?" reply in `language`
 * (the embedded engine's `replies.unknown`, English for a language it has no pack for): said
 * instead of an engine reply that promised a handoff the policy overruled.
 */
export function offerOfPerson(language: string): string {
  return packFor(isLang(language) ? language : 'en').replies.unknown;
}
