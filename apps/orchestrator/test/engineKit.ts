/**
 * The embedded intake engine with the default escalation policy, for the policy's unit tests: one
 * runner per test file, warmed up once before its tests (loading the knowledge base, its article
 * classifier and the escalation model takes seconds on a busy machine), and short ways to ask for
 * a decision.
 */
import { beforeAll } from 'vitest';
import type { Language } from '@telekiosk/shared';
import type { PolicyDecision } from '../src/policy/evaluate.ts';
import type { Policy } from '../src/policy/policySchema.ts';
import { createIntakeRunner, runIntakeTurn, type IntakeRunner, type IntakeTurnOutcome } from '../src/policy/runIntake.ts';

/** What {@link engineKit} gives a test file. */
export interface EngineKit {
  runner: IntakeRunner;
  /** The outcome of a conversation's last visitor line; `lines` are `"V: ..."` / `"A: ..."` (a line without either prefix is the visitor's). */
  converse(language: Language, ...lines: string[]): IntakeTurnOutcome;
  /** The decision on one visitor turn, under `policy` (default: the runner's). */
  decide(text: string, language: Language, policy?: Policy): PolicyDecision;
  /** The reason codes of {@link EngineKit.decide}. */
  codesOf(text: string, language: Language): string[];
}

/** Turns run once before a file's tests: one substantive question per language. */
const WARM_UP: readonly [string, Language][] = [
  ['Could I talk to someone about my council tax bill? I was charged twice.', 'en'],
  ['住民票を取りたいんですが、窓口の人と話せますか', 'ja'],
  ['¿Puedo hablar con alguien sobre el recibo del agua?', 'es'],
  ['我想找工作人员问一下户口证明', 'zh'],
  ['전입신고 하려는데 직원이랑 얘기할 수 있어요?', 'ko'],
  ["Je voudrais parler à quelqu'un de ma facture d'eau", 'fr'],
  ['Ich möchte mit jemandem über meine Meldebescheinigung sprechen', 'de'],
  ['Quero falar com alguém sobre o IPTU', 'pt'],
];

/** A runner over the bundled knowledge base and the default policy, warmed up in a `beforeAll` (120 s budget). */
export function engineKit(): EngineKit {
  const runner = createIntakeRunner();
  beforeAll(() => {
    // A greeting stops early; a substantive turn loads every lexicon, the model and the article classifier.
    for (const [text, language] of WARM_UP) runIntakeTurn(runner, { turns: [{ role: 'visitor', text }, { role: 'assistant', text: 'OK?' }, { role: 'visitor', text }], language });
  }, 120_000);
  const converse = (language: Language, ...lines: string[]) => {
    const turns = lines.map((l) => ({ role: l.startsWith('A: ') ? ('assistant' as const) : ('visitor' as const), text: l.replace(/^[AV]: /, '') }));
    return runIntakeTurn(runner, { turns, language });
  };
  const decide = (text: string, language: Language, policy: Policy = runner.policy) => runIntakeTurn({ ...runner, policy }, { turns: [{ role: 'visitor', text }], language }).decision;
  return { runner, converse, decide, codesOf: (text, language) => decide(text, language).reasons.map((r) => r.code) };
}
