import type { DeviceRef, EscalationReason, HandoffPackage, Language, TranscriptEntry, Urgency } from '@telekiosk/shared';

/** What the intake learned, carried into the handoff package. */
export interface IntakeFacts {
  intent: string;
  category: string | null;
  articlesUsed: { id: string; title: string; version?: number }[];
  actionsTaken: string[];
  sentiment: HandoffPackage['sentiment'];
  /** Structured details collected (name, case number...). */
  collectedFields: Record<string, string>;
  /** Policy, risk and degradation flags (e.g. `ai_degraded`). */
  flags: string[];
  /**
   * The intake's answer to each visitor line, oldest first (the last {@link TURN_ANSWERS_KEPT}; a
   * list, as the stored JSON does not keep key order): `entryId` (transcript entry), `intent`
   * (`kb:<id>`, `unknown`...), `confidence` 0..1 and the engine's own escalation (its reason only:
   * `evidence` is empty, as it quotes the visitor), `handledElsewhere` (answered with a
   * handled-elsewhere article: unanswered here) and `nearArticle` (an unknown question near that
   * covered article: not unanswered). The policy judges earlier turns by them (unanswered streaks, repeated
   * failure, "the assistant repeated itself"), as `npm run eval:escalation` does. Absent in facts
   * stored before 2026-12-06 (those turns count as answered).
   */
  turnAnswers?: { entryId: string; intent: string; confidence: number; escalation: null | { reason: string; evidence: string }; handledElsewhere?: boolean; nearArticle?: string | null }[];
}

/** How many visitor lines' intake answers {@link IntakeFacts.turnAnswers} keeps (the policy looks back at most a few turns). */
export const TURN_ANSWERS_KEPT = 20;

/** Priority for routing from reason codes: 0 = first (safety), larger = later. */
export function priorityFor(reasons: EscalationReason[]): number {
  const codes = new Set(reasons.map((r) => r.code));
  if (codes.has('safety')) return 0;
  if (codes.has('vulnerable_visitor')) return 1;
  if (codes.has('negative_sentiment') || codes.has('sensitive_topic')) return 3;
  return 5;
}

/** Urgency shown to the worker, from reason codes. */
export function urgencyFor(reasons: EscalationReason[]): Urgency {
  const p = priorityFor(reasons);
  return p === 0 ? 'critical' : p <= 1 ? 'high' : p <= 3 ? 'high' : 'normal';
}

/** Suggested next step per first reason code. */
function nextStep(reasons: EscalationReason[], facts: IntakeFacts): string {
  const code = reasons[0]?.code;
  switch (code) {
    case 'explicit_request':
    case 'visitor_choice':
      return facts.articlesUsed.length
        ? `Greet the visitor; they asked for a person after reading "${facts.articlesUsed.at(-1)!.title}". Confirm what is still open.`
        : 'Greet the visitor and ask how you can help; they asked for a person.';
    case 'out_of_scope':
    case 'repeated_failure':
      return 'The assistant could not answer. Read the last question in the transcript and answer it directly.';
    case 'safety':
      return 'Safety case: check on the visitor immediately and alert facility staff if needed.';
    default:
      return 'Review the summary and transcript, then greet the visitor.';
  }
}

/**
 * Builds the versioned handoff package (v1) from the session's transcript and intake facts.
 * Pure: no I/O.
 */
export function buildHandoffPackage(input: {
  sessionId: string;
  device: DeviceRef;
  language: Language;
  reasons: EscalationReason[];
  transcript: TranscriptEntry[];
  facts: IntakeFacts;
  summary: string;
  now: Date;
  /** Decision of the escalation policy, when one ran: its priority, urgency and department win. */
  policy?: { urgency: Urgency; department: string | null; sentiment: HandoffPackage['sentiment'] } | null;
}): HandoffPackage {
  return {
    version: 1,
    sessionId: input.sessionId,
    createdAt: input.now.toISOString(),
    device: input.device,
    language: input.language,
    reasons: input.reasons,
    summary: input.summary,
    intent: input.facts.intent,
    category: input.facts.category,
    urgency: input.policy?.urgency ?? urgencyFor(input.reasons),
    sentiment: input.facts.sentiment !== 'neutral' ? input.facts.sentiment : (input.policy?.sentiment ?? 'neutral'),
    transcript: input.transcript,
    actionsTaken: input.facts.actionsTaken,
    articlesUsed: input.facts.articlesUsed,
    collectedFields: input.facts.collectedFields,
    flags: [...new Set([...(input.reasons.some((r) => r.code === 'safety') ? ['safety'] : []), ...input.facts.flags])],
    suggestedNextStep: nextStep(input.reasons, input.facts),
    owner: 'queue',
    skills: { language: input.language, department: input.policy?.department ?? null },
  };
}

/**
 * The handoff package of a waiting session that became a safety case (the visitor reported an
 * emergency while queued): the safety reasons lead, urgency `critical`, the `safety` flag, the
 * safety next step, the transcript as it is now and, when the policy named one, its department.
 * Pure: returns a new package (createdAt `now`), the input is not changed.
 */
export function withSafety(handoff: HandoffPackage, safety: EscalationReason[], transcript: TranscriptEntry[], now: Date, department: string | null): HandoffPackage {
  const reasons = [...safety, ...handoff.reasons.filter((r) => r.code !== 'safety')];
  return {
    ...handoff,
    createdAt: now.toISOString(),
    reasons,
    urgency: 'critical',
    transcript,
    flags: [...new Set(['safety', ...handoff.flags])],
    suggestedNextStep: nextStep(reasons, { intent: handoff.intent, category: handoff.category, articlesUsed: handoff.articlesUsed, actionsTaken: handoff.actionsTaken, sentiment: handoff.sentiment, collectedFields: handoff.collectedFields, flags: handoff.flags }),
    skills: { language: handoff.skills?.language ?? handoff.language, department: department ?? handoff.skills?.department ?? null },
  };
}
