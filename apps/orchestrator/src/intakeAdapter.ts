import { KnowledgeBase } from './intake/knowledgeBase.ts';
import { createEmbeddedIntake } from './intake/engine.ts';
import { isLang, type Lang } from './intake/lexicon/index.ts';

/** The engine's knowledge base and lexicons cover these languages; others are answered in English for now. */
const engineLang = (l: string): Lang => (isLang(l) ? l : 'en');
import type { IntakeEngine } from './sessions/sessionService.ts';

/**
 * The embedded (offline, rule-based) intake engine over the knowledge base file, adapted to
 * the session service's {@link IntakeEngine} interface.
 * @throws when the knowledge base file is missing or invalid (the error names the field).
 */
export function embeddedIntakeFromFile(knowledgeBasePath: string): IntakeEngine {
  return embeddedIntake(KnowledgeBase.fromFile(knowledgeBasePath));
}

/** The embedded intake engine over an already loaded knowledge base. */
export function embeddedIntake(kb: KnowledgeBase): IntakeEngine {
  const engine = createEmbeddedIntake(kb);
  return {
    respond: (input) => engine.respond({ ...input, language: engineLang(input.language) }),
    summarize: (entries, language) => engine.summarize(entries, engineLang(language)),
    categoryOf: (id) => kb.get(id)?.category ?? null,
  };
}
