/**
 * Embedded intake: offline knowledge-base answers, lexicon-based intents and human-handoff
 * decisions for the Harbor City Office kiosk. See `engine.ts` for the turn contract.
 */
export {
  createEmbeddedIntake,
  DEFAULT_MIN_SCORE,
  EXPLICIT_REQUEST_CONFIDENCE,
  LEXICON_CONFIDENCE,
  summarizeTranscript,
  type EmbeddedIntake,
  type EmbeddedIntakeOptions,
  type Escalation,
  type EscalationReason,
  type IntakeTurnInput,
  type IntakeTurnResult,
  type TranscriptEntry,
} from './engine.ts';
export {
  DEFAULT_KNOWLEDGE_BASE_PATH,
  KnowledgeBase,
  KnowledgeBaseError,
  knowledgeBaseFileSchema,
  type Article,
  type KbSearchHit,
  type KnowledgeBaseFile,
  type LocalizedArticle,
} from './knowledgeBase.ts';
export { findExtraPersonRequest, findLexiconMatch, languageOrder, stripLexicon, type ExtraRequestMatch, type LexiconMatch } from './lexicon.ts';
export { EXTRA_REQUEST_LANGS, REQUEST_PERSON_EXTRA, type ExtraRequestLang } from './lexicon/requestPerson.ts';
export { isLang, LANGS, LANGUAGE_PACKS, packFor, type Lang, type LanguagePack } from './lexicon/index.ts';
export { normalizeText } from './text.ts';
