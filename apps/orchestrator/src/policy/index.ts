/**
 * Escalation policy: a declarative per-deployment policy file (`data/escalation-policy.json`),
 * multilingual cue lexicons (en ja es zh ko fr de pt) and the pure decision `evaluateTurn`,
 * run after every visitor turn to decide whether, why, how urgently and to whom to hand off.
 */
export {
  CUE_CONFIDENCE,
  EXPLICIT_CONFIDENCE,
  STRONG_CUE_CONFIDENCE,
  evaluateTurn,
  urgencyForPriority,
  visitorChoiceDecision,
  type IntakeAnswer,
  type PolicyDecision,
  type PolicyInput,
  type PolicyTurn,
} from './evaluate.ts';
export {
  CLASSIFIER_MODES,
  type ClassifierSettings,
  DEFAULT_POLICY_PATH,
  LOWEST_PRIORITY,
  PHRASE_REASONS,
  PolicyError,
  PolicyFile,
  defaultPolicy,
  formatIssues,
  loadPolicy,
  parsePolicy,
  type PhraseReason,
  type PhrasesByLanguage,
  type Policy,
  type PolicyIssue,
} from './policySchema.ts';
export {
  createIntakeRunner,
  engineLanguageFor,
  runIntakeTurn,
  toIntakeAnswer,
  type ConversationInput,
  type IntakeRunner,
  type IntakeTurnOutcome,
} from './runIntake.ts';
export { identifyLanguage, SESSION_LANGUAGE_MARGIN, type LanguageGuess, type LanguageOptions } from './language.ts';
export { scoreSentiment, SENTIMENT_LABEL_CUTOFF, SENTIMENT_WEIGHTS, type Sentiment } from './sentiment.ts';
export { correctTypos, findCues, firstHit, oneEditApart, TYPO_MIN_LENGTH, type CueHit, type CueKind } from './cues.ts';
export { contentTokens, findRepeat, isUnanswered, MIN_REPEAT_TOKENS, REPEAT_SIMILARITY, similarity, unansweredStreak } from './conversation.ts';
export { CUE_LEXICONS, segmentationOf, type CueLexicon } from './lexicon/index.ts';
export * from './taxonomy.ts';
export { applyVerdict, evaluateTurnWithJudge, JUDGE_MIN_CONFIDENCE, JUDGE_REASONS, type EscalationJudge, type JudgeInput, type JudgeVerdict } from './judge.ts';
export { classifierSettings, MODE_THRESHOLDS, modelTurn, thresholdsFor, type LabelThresholds, type TurnModel } from './hybrid.ts';
export { cueScope, type CueScope } from './scope.ts';
export { DEFAULT_MODEL_DIR, defaultClassifier, EscalationClassifier, ModelError, type ModelScores } from './model/classifier.ts';
export { MODEL_LABELS, type ModelLabel } from './model/labels.ts';
