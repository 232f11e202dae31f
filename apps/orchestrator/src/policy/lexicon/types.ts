/**
 * Shape of one language's escalation-cue lexicon. Patterns use the intake lexicon mini-syntax
 * (see `src/intake/lexicon/types.ts`): space-separated slots, `a|b` alternatives, `_` = a space
 * inside an alternative, trailing `?` = optional slot, `*` = short gap (3 words / 6 characters),
 * `^`/`$` anchors, `re:` raw regex. Input and literals are NFKC-, case- and accent-normalised.
 * `spaced` languages match whole words; `cjk` ones (ja, zh, ko) match substrings with
 * whitespace and punctuation removed.
 */
import type { Language } from '@telekiosk/shared';
import type { Segmentation } from '../../intake/lexicon/types.ts';
import type {
  ExceptionCue,
  RestrictedCue,
  SafetyCategory,
  SensitiveTopic,
  SentimentCue,
  VulnerableCue,
} from '../taxonomy.ts';

/** Patterns for one category, as written in the lexicon files. */
export type Patterns = readonly string[];

/** One language's cue lexicon. */
export interface CueLexicon {
  code: Language;
  segmentation: Segmentation;
  /**
   * Innocent phrases containing cue words, removed from the text before any cue is matched
   * ("emergency exit", "health insurance", "no problem", "child benefits").
   */
  neutral: Patterns;
  /**
   * Explicit requests for a person, added to the intake engine's patterns for this language
   * (its pack's `requestPerson` for en ja es zh, `intake/lexicon/requestPerson.ts` for ko fr de pt).
   */
  requestPerson: Patterns;
  /** "That did not help", "that's not what I asked" (added to the intake's `negativeFeedback`). */
  negativeFeedback: Patterns;
  /** Sentiment cues; weights are in `sentiment.ts`. */
  sentiment: Readonly<Record<SentimentCue, Patterns>>;
  sensitive: Readonly<Record<SensitiveTopic, Patterns>>;
  safety: Readonly<Record<SafetyCategory, Patterns>>;
  vulnerable: Readonly<Record<VulnerableCue, Patterns>>;
  policyException: Readonly<Record<ExceptionCue, Patterns>>;
  restrictedAction: Readonly<Record<RestrictedCue, Patterns>>;
}
