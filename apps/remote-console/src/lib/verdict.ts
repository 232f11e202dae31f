import type { HandoffPackage, HandoffVerdict, TranscriptEntry } from '@telekiosk/shared';
import type { VerdictInput } from '../client/reviewClient.ts';

/** The wrap-up verdict form as the worker fills it in. */
export interface VerdictForm {
  escalation: HandoffVerdict['escalation'] | null;
  answers: HandoffVerdict['answers'];
  wrongEntryIds: string[];
  package: HandoffVerdict['package'];
  missing: string;
}

/** A fresh form: only the escalation needs a choice (answers `none`, package `enough`). */
export const initialVerdictForm: VerdictForm = { escalation: null, answers: 'none', wrongEntryIds: [], package: 'enough', missing: '' };

/** Longest "what was missing" text the protocol takes. */
export const MISSING_MAX = 500;

/** The assistant's lines before the handoff (what "Were the AI's answers right?" is about). */
export function assistantLines(handoff: HandoffPackage): TranscriptEntry[] {
  return handoff.transcript.filter((e) => e.speaker === 'assistant');
}

/**
 * The verdict to send, or the problem: `escalation` when that question is not answered. Wrong
 * lines are sent only with `answers: wrong`, the missing text only with `package: missing`.
 */
export function verdictFromForm(f: VerdictForm): { ok: true; verdict: VerdictInput } | { ok: false; problem: 'escalation' } {
  if (!f.escalation) return { ok: false, problem: 'escalation' };
  const missing = f.missing.trim().slice(0, MISSING_MAX);
  return {
    ok: true,
    verdict: {
      escalation: f.escalation,
      answers: f.answers,
      wrongEntryIds: f.answers === 'wrong' ? f.wrongEntryIds : [],
      package: f.package,
      ...(f.package === 'missing' && missing ? { missing } : {}),
    },
  };
}
