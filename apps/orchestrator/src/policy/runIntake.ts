/**
 * Runs the embedded intake engine and the escalation policy together on a conversation: the
 * engine answers every visitor turn (so the policy sees unanswered streaks), then the policy
 * judges the last visitor turn. Used by `npm run intake:classify` and `npm run eval:escalation`.
 */
import type { Language } from '@telekiosk/shared';
import { createEmbeddedIntake, type EmbeddedIntake, type IntakeTurnResult } from '../intake/engine.ts';
import { KnowledgeBase } from '../intake/knowledgeBase.ts';
import { isLang, type Lang } from '../intake/lexicon/index.ts';
import type { IntakeAnswer, PolicyTurn } from './conversation.ts';
import { evaluateTurn, type PolicyDecision } from './evaluate.ts';
import { identifyLanguage } from './language.ts';
import { defaultPolicy, type Policy } from './policySchema.ts';

/** A conversation to classify: turns oldest first (no intake answers needed). */
export interface ConversationInput {
  turns: Omit<PolicyTurn, 'intake'>[];
  /** Visitor's selected language; detected from the visitor turns when absent. */
  language?: Language;
  /** Session start, ms since the epoch. */
  sessionStartedAt?: number;
  /** Current time, ms since the epoch. */
  now?: number;
  /**
   * The reply the assistant gives to the last visitor turn when it is not the engine's own (a
   * provider's reply, or the scripted `A:` line of an evaluation conversation); default the
   * engine's reply.
   */
  reply?: string;
}

/** The engine, its knowledge base (for article departments) and the policy. */
export interface IntakeRunner {
  engine: EmbeddedIntake;
  policy: Policy;
  kb?: KnowledgeBase;
}

/** Result of {@link runIntakeTurn}. */
export interface IntakeTurnOutcome {
  decision: PolicyDecision;
  /** The engine's answer to the last visitor turn (null when there is none). */
  intake: IntakeTurnResult | null;
  /** Language the engine ran in (the knowledge base covers all eight visitor languages). */
  engineLanguage: Lang;
}

/** The engine's language for a visitor language: itself when the KB covers it (all eight now), else `en`. */
export function engineLanguageFor(language: Language): Lang {
  return isLang(language) ? language : 'en';
}

/** Converts an engine result into the {@link IntakeAnswer} the policy reads. */
export function toIntakeAnswer(result: IntakeTurnResult, kb?: KnowledgeBase, kbLanguage?: Lang): IntakeAnswer {
  const id = result.intent.startsWith('kb:') ? result.intent.slice(3) : null;
  return {
    intent: result.intent,
    confidence: result.confidence,
    escalation: result.escalation,
    department: id && kb ? (kb.get(id)?.department ?? null) : null,
    ...(result.handledElsewhere ? { handledElsewhere: true } : {}),
    ...(result.nearArticle ? { nearArticle: result.nearArticle.id } : {}),
    ...(kbLanguage ? { kbLanguage } : {}),
  };
}

/**
 * Runs the engine on each visitor turn (history = the turns before it) and the policy on the
 * last visitor turn. Deterministic.
 */
export function runIntakeTurn(runner: IntakeRunner, input: ConversationInput): IntakeTurnOutcome {
  const visitorText = input.turns.filter((t) => t.role === 'visitor').map((t) => t.text).join('\n');
  const language = input.language ?? identifyLanguage(visitorText, undefined, { ...runner.policy.languageDetection, fallback: runner.policy.defaultLanguage }).language;
  const engineLanguage = engineLanguageFor(language);
  const turns: PolicyTurn[] = [];
  let last: IntakeTurnResult | null = null;
  for (const turn of input.turns) {
    if (turn.role !== 'visitor') {
      turns.push({ ...turn });
      continue;
    }
    const history = turns.map((t) => ({ role: t.role, text: t.text }));
    last = runner.engine.respond({ text: turn.text, language: engineLanguage, history });
    turns.push({ ...turn, intake: toIntakeAnswer(last, runner.kb, engineLanguage) });
  }
  const lastVisitor = turns.findLast((t) => t.role === 'visitor');
  if (lastVisitor?.intake && last) lastVisitor.intake = { ...lastVisitor.intake, reply: input.reply ?? last.reply };
  const { reply: _reply, ...policyInput } = input;
  const decision = evaluateTurn(runner.policy, { ...policyInput, turns, intake: lastVisitor?.intake ?? null });
  return { decision, intake: last, engineLanguage };
}

/**
 * Builds a runner over the bundled knowledge base (or `knowledgeBasePath` / `kb`) and the
 * default policy (or `policy`).
 * @throws KnowledgeBaseError / PolicyError when a file is missing or invalid.
 */
export function createIntakeRunner(opts: { policy?: Policy; kb?: KnowledgeBase; knowledgeBasePath?: string; minScore?: number } = {}): IntakeRunner {
  const kb = opts.kb ?? KnowledgeBase.fromFile(opts.knowledgeBasePath);
  return { engine: createEmbeddedIntake(kb, { minScore: opts.minScore }), policy: opts.policy ?? defaultPolicy(), kb };
}
