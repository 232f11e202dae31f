/**
 * Assembling a {@link PolicyDecision} from the reasons that fired (`decide`): enabled reasons only,
 * ordered by the policy's priorities, routing skills, urgency and the decision's confidence; and
 * the decision for the start-screen choice "talk to a person". Split from evaluate.ts, which finds
 * the reasons (2026-12-07). Pure and deterministic.
 */
import type { Language, ReasonCode, Urgency } from '@telekiosk/shared';
import type { PolicyDecision } from './evaluate.ts';
import { LOWEST_PRIORITY, type Policy } from './policySchema.ts';
import type { scoreSentiment } from './sentiment.ts';

/** A reason that fired, before the policy's enabled reasons and priorities are applied. `confidence` is 0..1. */
export interface Candidate {
  code: ReasonCode;
  evidence: string;
  confidence: number;
  department?: string | null;
  alertStaff?: boolean;
}

/** Order among reasons of the same priority: most urgent first. */
const REASON_ORDER = [
  'safety', 'vulnerable_visitor', 'explicit_request', 'visitor_choice', 'negative_sentiment', 'sensitive_topic',
  'restricted_action', 'policy_exception', 'repeated_failure', 'out_of_scope', 'intake_timeout',
] as const satisfies readonly ReasonCode[];

/** Urgency for a priority: 0 or a staff alert -> critical, <= 2 high, <= 5 normal, else low. */
export function urgencyForPriority(priority: number, alertStaff = false): Urgency {
  if (priority === 0 || alertStaff) return 'critical';
  return priority <= 2 ? 'high' : priority <= 5 ? 'normal' : 'low';
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The decision from the fired `candidates`: reasons the policy disables are flagged
 * (`disabled:<code>`) and dropped; the rest are sorted by priority, then {@link REASON_ORDER}.
 * Not escalating: confidence 0.9 lowered by negativity and an unanswered turn, never below 0.5.
 */
export function decide(
  policy: Policy,
  candidates: Candidate[],
  flags: string[],
  ctx: { language: Language; sentiment: ReturnType<typeof scoreSentiment>; unanswered: boolean; entryId: string | null; intakeDepartment: string | null },
): PolicyDecision {
  const enabled = new Set(policy.enabledReasons);
  for (const c of candidates) if (!enabled.has(c.code)) flags.push(`disabled:${c.code}`);
  const fired = candidates
    .filter((c) => enabled.has(c.code))
    .sort((a, b) => policy.priorities[a.code] - policy.priorities[b.code] || REASON_ORDER.indexOf(a.code) - REASON_ORDER.indexOf(b.code));
  const escalate = fired.length > 0;
  const priority = escalate ? Math.min(...fired.map((c) => policy.priorities[c.code])) : LOWEST_PRIORITY;
  const alertStaff = fired.some((c) => c.alertStaff);
  if (alertStaff) flags.push('alert_staff');
  const department = escalate ? (fired.find((c) => c.department)?.department ?? ctx.intakeDepartment ?? policy.defaultDepartment) : null;
  const negativity = Math.max(0, -ctx.sentiment.score) / Math.max(policy.thresholds.negativeSentiment, 0.01);
  const calm = round2(Math.max(0.5, 0.9 - 0.3 * Math.min(1, negativity) - (ctx.unanswered ? 0.2 : 0)));
  return {
    escalate,
    reasons: fired.map((c) => ({ code: c.code, evidence: c.evidence, entryId: ctx.entryId })),
    priority,
    urgency: escalate ? urgencyForPriority(priority, alertStaff) : 'low',
    alertStaff,
    skills: { language: ctx.language, department },
    language: ctx.language,
    confidence: escalate ? round2(Math.max(...fired.map((c) => c.confidence))) : calm,
    sentiment: ctx.sentiment.label,
    sentimentScore: ctx.sentiment.score,
    flags: [...new Set(flags)],
  };
}

/**
 * Decision for the start-screen choice "talk to a person" (`visitor_choice`): escalates at once
 * with confidence 1, unless the policy disables `visitor_choice` (then `escalate: false` and the
 * flag `disabled:visitor_choice`; the kiosk should not offer the choice).
 */
export function visitorChoiceDecision(policy: Policy, opts: { language?: Language; entryId?: string | null } = {}): PolicyDecision {
  const language = opts.language ?? policy.defaultLanguage;
  const choice: Candidate = { code: 'visitor_choice', evidence: 'visitor chose "talk to a person" on the start screen', confidence: 1 };
  return decide(policy, [choice], [], {
    language,
    sentiment: { score: 0, label: 'neutral', cues: [], strong: [] },
    unanswered: false,
    entryId: opts.entryId ?? null,
    intakeDepartment: null,
  });
}
