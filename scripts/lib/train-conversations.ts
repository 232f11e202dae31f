/**
 * The development and training conversations the escalation classifier learns from
 * (`scripts/train-escalation.ts`; see `apps/orchestrator/data/escalation-model/DATA.md`,
 * "Development conversations"): which sets, and how their visitor turns are labelled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isModelLabel, type ModelLabel } from '../../apps/orchestrator/src/policy/model/labels.ts';
import { Conversation } from './eval-conversations.ts';

/**
 * One visitor turn to train on: `labels` empty = none; `judgedFor` the labels its loss counts for
 * (absent = every label); `tag` is `conv:<reason>`.
 */
export interface ConversationRow { lang: string; labels: ModelLabel[]; tag: string; text: string; judgedFor?: ModelLabel[] }

/**
 * Development conversation sets (`apps/orchestrator/data/escalation-<set>/*.jsonl`) whose visitor
 * turns are trained on: every development set read and fixed against before 2026-12-08 (dev2-dev17),
 * written by helper sessions from the same briefs as the blind sets, whose figures are in-sample
 * from then on; and `train1`, `train2`, written from the same brief for training only (never
 * measured). Kept out: the newest development set (dev18, the development measurement) and
 * later ones, every `escalation-eval*` set (blind or held out) and both safety probes.
 */
export const TRAIN_CONVERSATION_SETS = ['dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11', 'dev12', 'dev13', 'dev14', 'dev15', 'dev16', 'dev17', 'train1', 'train2'] as const;
/** Sets whose visitor lines no conversation row may repeat word for word (measured, never trained on). */
const HELD_OUT_PREFIXES = ['escalation-eval', 'escalation-probe'];
/** A must-escalate conversation's reason -> the model label its trigger turn teaches (conversation-level reasons teach none). */
const REASON_LABEL: Record<string, ModelLabel> = {
  explicit_request: 'request_person',
  negative_sentiment: 'frustration',
  safety: 'safety',
  vulnerable_visitor: 'vulnerable',
  policy_exception: 'policy_exception',
  restricted_action: 'restricted_action',
};

/**
 * Visitor turns of {@link TRAIN_CONVERSATION_SETS}: every turn of a conversation that must not
 * escalate is `none` for every label (negations, reported speech, routine follow-ups, declines in
 * the words of the same writers as the blind sets); the last visitor turn of one that must
 * escalate for a turn-level reason is a positive for that label only (`judgedFor`: it says
 * nothing about the other labels, and earlier turns are left out, as the trigger may come late).
 * `repeated_failure` and `out_of_scope` conversations teach nothing (their signal is the
 * conversation, not a turn). Turns whose text is a visitor line of a measured set
 * ({@link HELD_OUT_PREFIXES}, dev sets not listed) are dropped. `dataDir` is
 * `apps/orchestrator/data`. Throws on a line that is not a conversation.
 */
export function readConversationRows(dataDir: string): { rows: ConversationRow[]; dropped: number } {
  const heldOut = new Set<string>();
  for (const dir of readdirSync(dataDir).filter((d) => (HELD_OUT_PREFIXES.some((p) => d.startsWith(p)) || (d.startsWith('escalation-dev') && !(TRAIN_CONVERSATION_SETS as readonly string[]).includes(d.slice('escalation-'.length)))))) {
    for (const f of readdirSync(join(dataDir, dir)).filter((x) => x.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(dataDir, dir, f), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const c = Conversation.safeParse(JSON.parse(line));
        if (c.success) for (const t of c.data.turns) if (t.startsWith('V: ')) heldOut.add(t.slice(3).trim());
      }
    }
  }
  const rows: ConversationRow[] = [];
  let dropped = 0;
  for (const set of TRAIN_CONVERSATION_SETS) {
    const dir = join(dataDir, `escalation-${set}`);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) {
      readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, n) => {
        if (!line.trim()) return;
        const parsed = Conversation.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${set}/${f}:${n + 1}: not a conversation: ${parsed.error.issues[0]!.message}`);
        const c = parsed.data;
        const visitor = c.turns.filter((t) => t.startsWith('V: ')).map((t) => t.slice(3).trim());
        const add = (text: string, labels: ModelLabel[], judgedFor?: ModelLabel[]) => {
          if (heldOut.has(text)) dropped++;
          else rows.push({ lang: c.lang, labels, tag: `conv:${c.reason ?? c.expect}`, text, ...(judgedFor ? { judgedFor } : {}) });
        };
        if (c.expect === 'no_escalate') {
          for (const text of visitor) add(text, []);
          return;
        }
        const label = c.reason === 'sensitive_topic' ? (c.topic && isModelLabel(c.topic) ? c.topic : undefined) : REASON_LABEL[c.reason ?? ''];
        if (label) add(visitor.at(-1)!, [label], [label]);
      });
    }
  }
  return { rows, dropped };
}
