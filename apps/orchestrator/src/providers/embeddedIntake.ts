/**
 * The embedded (offline, rule-based) intake seen through the {@link ProviderIntake} interface:
 * used when no LLM is configured, and per turn as the fallback of the LLM intake.
 */
import type { Language } from '@telekiosk/shared';
import { urgencyFor } from '../sessions/handoff.ts';
import type { IntakeEngine, IntakeTurn } from '../sessions/sessionService.ts';
import type { ConversationEntry, IntakeInput, ProviderIntake, ProviderIntakeTurn, SummaryResult } from './intakeSchema.ts';

/**
 * Converts an embedded turn to a {@link ProviderIntakeTurn} (`provider: 'embedded'`).
 * Analysis: category from the answered article (`kb:<id>` intent); urgency from the escalation
 * reason (as in the handoff package) or `normal`; sentiment `negative` after a
 * `repeated_failure` escalation, else `neutral`; confidence is the engine's.
 * @param degradedReason null when the embedded engine is the configured provider; the provider
 *   failure otherwise (sets `degraded: true`).
 */
export function fromEmbeddedTurn(
  turn: IntakeTurn,
  categoryOf: (articleId: string) => string | null,
  degradedReason: string | null,
): ProviderIntakeTurn {
  const articleId = turn.intent.startsWith('kb:') ? turn.intent.slice(3) : null;
  return {
    ...turn,
    collectedFields: {},
    analysis: {
      sentiment: turn.escalation?.reason === 'repeated_failure' ? 'negative' : 'neutral',
      urgency: turn.escalation ? urgencyFor([{ code: turn.escalation.reason, evidence: turn.escalation.evidence, entryId: null }]) : 'normal',
      confidence: turn.confidence,
      category: articleId ? categoryOf(articleId) : null,
    },
    provider: 'embedded',
    degraded: degradedReason !== null,
    degradedReason,
  };
}

/**
 * Wraps the embedded engine as a {@link ProviderIntake} with `provider: 'embedded'`,
 * `degraded: false`. `summarizeAsync` returns the extractive summary.
 * Errors thrown by the embedded engine itself (bugs, not provider failures) propagate.
 */
export function embeddedProviderIntake(embedded: IntakeEngine): ProviderIntake {
  const categoryOf = (id: string) => embedded.categoryOf?.(id) ?? null;
  return {
    async respond(input: IntakeInput): Promise<ProviderIntakeTurn> {
      return fromEmbeddedTurn(await embedded.respond(input), categoryOf, null);
    },
    summarize: (entries: ConversationEntry[], language: Language) => embedded.summarize(entries, language),
    async summarizeAsync(entries: ConversationEntry[], language: Language): Promise<SummaryResult> {
      return { text: embedded.summarize(entries, language), provider: 'embedded', degraded: false, degradedReason: null };
    },
    categoryOf,
  };
}
