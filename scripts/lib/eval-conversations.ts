/**
 * Playing the held-out escalation conversations (`apps/orchestrator/data/escalation-eval/`) and
 * summarising outcomes; shared by `scripts/eval-escalation.ts` and its LLM-judge part.
 */
import { z } from 'zod';
import { Language } from '@telekiosk/shared';
import type { PolicyDecision } from '../../apps/orchestrator/src/policy/evaluate.ts';

/** One held-out conversation (see the folder's README.md). */
/**
 * One evaluation conversation (a line of a `*.jsonl` file): `turns` are `"V: ..."` visitor and
 * `"A: ..."` assistant lines, at least one visitor line; `reason` names the expected reason code
 * (or the must-not kind), `topic` the sensitive topic.
 */
export const Conversation = z.object({
  id: z.string().min(1),
  lang: Language,
  expect: z.enum(['escalate', 'no_escalate']),
  reason: z.string().min(1).optional(),
  topic: z.string().min(1).optional(),
  tag: z.string().default(''),
  turns: z
    .array(z.string().regex(/^[VA]: /, 'each turn starts with "V: " or "A: "'))
    .min(1)
    .refine((turns) => turns.some((t) => t.startsWith('V: ')), 'at least one "V: " visitor turn'),
});
export type Conversation = z.infer<typeof Conversation>;

/** What happened to one conversation. */
export interface Outcome {
  c: Conversation;
  escalated: boolean;
  decision: PolicyDecision;
  /** 1-based visitor turn of the first escalating decision (or the last turn). */
  turn: number;
  /** Escalated with the expected reason (and topic). */
  reasonOk: boolean;
}
/**
 * One decision step: the conversation so far -> the decision and the engine's reply (if any).
 * `scriptedReply` is the conversation's own `A:` line right after this visitor line, when it has
 * one: the reply the assistant gives to this turn (passed to the policy as the intake's reply).
 */
export type Step = (turns: { role: 'visitor' | 'assistant'; text: string }[], scriptedReply?: string) => { decision: PolicyDecision; intake: { reply: string } | null } | Promise<{ decision: PolicyDecision; intake: { reply: string } | null }>;

export const has = (d: PolicyDecision, code: string) => d.reasons.some((r) => r.code === code);

/**
 * Plays `c` visitor turn by visitor turn with `step`; `A:` lines are used as given, otherwise the
 * engine's reply is inserted; an `A:` line right after a visitor line is also given to `step` as
 * that turn's reply (`scriptedReply`). Stops at the first escalating decision.
 */
export function play(c: Conversation, step: Step): Outcome;
export function play(c: Conversation, step: Step, async: true): Promise<Outcome>;
export function play(c: Conversation, step: Step, async = false): Outcome | Promise<Outcome> {
  const turns: { role: 'visitor' | 'assistant'; text: string }[] = [];
  const lines = c.turns;
  let i = 0;
  let turn = 0;
  let decision: PolicyDecision | null = null;
  const finish = (): Outcome => {
    const d = decision!;
    const reasonOk = d.escalate && !!c.reason && has(d, c.reason) && (!c.topic || d.flags.includes(`sensitive:${c.topic}`));
    return { c, escalated: d.escalate, decision: d, turn, reasonOk };
  };
  const advance = (out: { decision: PolicyDecision; intake: { reply: string } | null }): boolean => {
    decision = out.decision;
    if (decision.escalate) return true;
    if (out.intake && !lines[i + 1]?.startsWith('A: ')) turns.push({ role: 'assistant', text: out.intake.reply });
    return false;
  };
  const next = (): boolean => {
    // Push lines up to and including the next visitor line; false when none is left.
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith('A: ')) turns.push({ role: 'assistant', text: line.slice(3) });
      else {
        turns.push({ role: 'visitor', text: line.slice(3) });
        turn++;
        return true;
      }
    }
    return false;
  };
  // The conversation's own `A:` line right after this visitor line is the reply the assistant
  // gives to it: the policy knows a reply before it is said (sessions/escalation.ts), so it sees an
  // assistant about to repeat itself.
  const scripted = (): string | undefined => (lines[i + 1]?.startsWith('A: ') ? lines[i + 1]!.slice(3) : undefined);
  if (!async) {
    for (; next(); i++) if (advance(step([...turns], scripted()) as { decision: PolicyDecision; intake: { reply: string } | null })) break;
    return finish();
  }
  return (async () => {
    for (; next(); i++) if (advance(await step([...turns], scripted()))) break;
    return finish();
  })();
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;
const rate = (k: number, n: number) => (n ? r3(k / n) : 0);

/** Recall, false escalation, reason accuracy and false explicit-request rate over `outs`. */
export function summary(outs: readonly Outcome[]) {
  const pos = outs.filter((o) => o.c.expect === 'escalate');
  const neg = outs.filter((o) => o.c.expect === 'no_escalate');
  const hit = pos.filter((o) => o.escalated);
  return {
    mustEscalate: pos.length,
    recall: rate(hit.length, pos.length),
    reasonAccuracy: rate(hit.filter((o) => o.reasonOk).length, hit.length),
    mustNot: neg.length,
    falseEscalation: rate(neg.filter((o) => o.escalated).length, neg.length),
    falseExplicitRequest: rate(neg.filter((o) => has(o.decision, 'explicit_request')).length, neg.length),
  };
}
