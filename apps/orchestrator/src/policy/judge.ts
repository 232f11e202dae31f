/**
 * An LLM judge beside the embedded engine (pure part; the provider is `providers/llmJudge.ts`).
 * The judge may only ADD escalation reasons to the embedded decision: it never removes one, the
 * deterministic safety rules keep deciding staff alerts, and any judge failure (timeout, error,
 * bad answer) leaves the embedded decision as it is, flagged `judge:failed`.
 */
import type { Language, ReasonCode } from '@telekiosk/shared';
import { clip } from '../intake/summary.ts';
import { evaluateTurn, urgencyForPriority, type PolicyDecision, type PolicyInput } from './evaluate.ts';
import type { Policy } from './policySchema.ts';
import { SENSITIVE_TOPICS, type SensitiveTopic } from './taxonomy.ts';

/** Reason codes a judge may propose. */
export const JUDGE_REASONS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'vulnerable_visitor', 'policy_exception', 'restricted_action', 'safety'] as const satisfies readonly ReasonCode[];

/** The judge's structured verdict on the last visitor turn. */
export interface JudgeVerdict {
  /** True if the judge thinks a person should take over now. */
  escalate: boolean;
  /** Proposed reasons with a short quote or explanation; empty when `escalate` is false. */
  reasons: { code: (typeof JUDGE_REASONS)[number]; topic: SensitiveTopic | null; evidence: string; confidence: number }[];
}

/** What the judge sees: the conversation (oldest first) and the visitor's language. */
export interface JudgeInput {
  turns: { role: 'visitor' | 'assistant'; text: string }[];
  language: Language;
}

/** An LLM (or any other) escalation judge. Rejects on provider failure. */
export interface EscalationJudge {
  judge(input: JudgeInput, signal?: AbortSignal): Promise<JudgeVerdict>;
}

/** Minimum judge confidence (0..1) for one of its reasons to be added. */
export const JUDGE_MIN_CONFIDENCE = 0.6;

/**
 * Adds the judge's reasons that the embedded decision lacks (enabled in the policy, confidence >=
 * {@link JUDGE_MIN_CONFIDENCE}), with evidence `LLM judge: ...`, recomputing priority, urgency and
 * department. Staff alerts stay with the rules (`alertStaff` is never set by the judge; a judge
 * `safety` reason escalates at priority 0 and is flagged `judge:safety` for staff to check).
 */
export function applyVerdict(policy: Policy, decision: PolicyDecision, verdict: JudgeVerdict, entryId: string | null = null): PolicyDecision {
  const enabled = new Set(policy.enabledReasons);
  const fired = new Set(decision.reasons.map((r) => r.code));
  const added = verdict.escalate
    ? verdict.reasons.filter((r, i, all) => enabled.has(r.code) && !fired.has(r.code) && r.confidence >= JUDGE_MIN_CONFIDENCE && all.findIndex((x) => x.code === r.code) === i)
    : [];
  const flags = [...decision.flags, `judge:${verdict.escalate ? 'escalate' : 'no_escalation'}`];
  if (!added.length) return { ...decision, flags: [...new Set(flags)] };
  for (const r of added) {
    flags.push(`judge:${r.code}`);
    if (r.code === 'sensitive_topic' && r.topic) flags.push(`sensitive:${r.topic}`);
  }
  const reasons = [
    ...decision.reasons,
    ...added.map((r) => ({ code: r.code, evidence: `LLM judge (${r.confidence.toFixed(2)}): ${clip(r.evidence)}`, entryId })),
  ].sort((a, b) => policy.priorities[a.code] - policy.priorities[b.code]);
  const priority = Math.min(...reasons.map((r) => policy.priorities[r.code]));
  const topic = added.find((r) => r.code === 'sensitive_topic' && r.topic && SENSITIVE_TOPICS.includes(r.topic))?.topic;
  const department = decision.skills.department ?? (topic ? policy.sensitiveTopics[topic].department : policy.defaultDepartment);
  return {
    ...decision,
    escalate: true,
    reasons,
    priority,
    urgency: urgencyForPriority(priority, decision.alertStaff),
    skills: { ...decision.skills, department },
    confidence: Math.max(decision.escalate ? decision.confidence : 0, ...added.map((r) => Math.round(r.confidence * 100) / 100)),
    flags: [...new Set(flags)],
  };
}

/**
 * `evaluateTurn` plus the judge: the embedded decision first (synchronous, always available),
 * then the judge within `timeoutMs` (default 4000 ms). A judge error or timeout returns the
 * embedded decision flagged `judge:failed` (the reason in `judge:failed:<message>` is clipped).
 * With `judge` null this is `evaluateTurn`.
 */
export async function evaluateTurnWithJudge(policy: Policy, input: PolicyInput, judge: EscalationJudge | null, opts: { timeoutMs?: number } = {}): Promise<PolicyDecision> {
  const decision = evaluateTurn(policy, input);
  if (!judge || !input.turns.some((t) => t.role === 'visitor')) return decision;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 4000);
  try {
    const verdict = await judge.judge({ turns: input.turns.map((t) => ({ role: t.role, text: t.text })), language: decision.language }, signal);
    const last = input.turns.findLast((t) => t.role === 'visitor');
    return applyVerdict(policy, decision, verdict, last?.entryId ?? null);
  } catch (err) {
    const why = (err as Error).message.replace(/\s+/g, ' ').slice(0, 60);
    return { ...decision, flags: [...decision.flags, 'judge:failed', `judge:failed:${why}`] };
  }
}
