/**
 * Shape of a language pack: everything the embedded intake needs to know about one visitor
 * language. Adding a language (ko, fr, de, pt, ...) means adding one file of this shape under
 * `src/intake/lexicon/` and registering it in `lexicon/index.ts` — no engine code changes.
 */

/**
 * How text of this language is split into search terms.
 * - `spaced`: words separated by spaces/punctuation (en, es, fr, de, pt...). Lowercased, diacritics
 *   folded, optional naive plural stripping. Lexicon patterns match on word boundaries.
 * - `cjk`: no reliable spaces (ja, zh; also fine for ko). `Intl.Segmenter` word segments plus
 *   character bigrams of Han/Katakana/Hangul runs. Lexicon patterns match as substrings.
 */
export type Segmentation = 'spaced' | 'cjk';

/** Lexicon categories recognised in visitor utterances. */
export type LexiconCategory =
  | 'requestPerson'
  | 'greeting'
  | 'thanks'
  | 'negativeFeedback'
  | 'affirm'
  | 'decline';

/** Every reply the embedded intake can say, in one language. */
export interface ReplyCatalog {
  /** Friendly welcome that says what the kiosk can help with. */
  greeting: string;
  /** Reply to thanks / goodbye. */
  thanks: string;
  /** "I'm not sure about that" — must offer to connect a staff member (a "yes" then escalates). */
  unknown: string;
  /**
   * "Not sure" for a detail of a covered topic that no article holds ({@link IntakeTurnResult.nearArticle}):
   * names the topic (`{topic}` = the article's title in this language) and, like `unknown`, must
   * offer a staff member, so a "yes" then escalates.
   */
  unknownNear: string;
  /** Reply when the visitor declines the offer of a staff member. */
  anythingElse: string;
  /** Said when handing the visitor to a human, per escalation reason. */
  escalation: { explicit_request: string; out_of_scope: string; repeated_failure: string };
  /** Labels for `summarizeTranscript`. */
  summary: { first: string; latest: string; topics: string; none: string; listSeparator: string };
}

/**
 * One language's data.
 *
 * Pattern mini-syntax (one string per phrase; see `lexicon.ts`):
 * - slots are separated by spaces; `a|b|c` = alternatives; a trailing `?` makes a slot optional;
 *   `_` inside an alternative stands for a space (`staff_member`).
 * - `*` = a short gap (up to 3 words for `spaced`, up to 6 characters for `cjk`).
 * - `^` / `$` anchor the pattern to the start / end of the (normalised) utterance.
 * - a pattern starting with `re:` is a raw regular expression run on the normalised text
 *   (`spaced`: words joined by single spaces and padded with one space each side;
 *   `cjk`: all whitespace and punctuation removed). Write it already normalised (lowercase,
 *   no accents).
 * Literals are normalised like the input (NFKC, lowercase, Latin accents folded), so patterns
 * may be written naturally (`ayudó`, `ＡＩ`).
 */
export interface LanguagePack {
  /** BCP-47 code; also passed to `Intl.Segmenter`. */
  code: string;
  /** Endonym, for UIs and logs. */
  name: string;
  segmentation: Segmentation;
  /** Strip a trailing plural `s` from search terms (en/es-like languages). */
  stripPlural?: boolean;
  /**
   * Split compound words for search (German "Sperrmüllabholung" -> "sperrmull" + "abholung")
   * against the knowledge base's own vocabulary in this language (see `text.ts`).
   */
  decompound?: boolean;
  /**
   * Endings removed from the end of a word before search, longest first (Korean particles and
   * copulas: "주차장은" -> "주차장", "어디예요" -> "어디"). Normalised like the input.
   */
  particles?: readonly string[];
  /**
   * Verb endings removed from a word that keeps at least two characters without them, after no
   * particle matched, in list order (Korean: "버리고" -> "버리", "반납해야" -> "반납").
   */
  verbEndings?: readonly string[];
  /**
   * Elided words written before an apostrophe and dropped before search (French: "d'identité" ->
   * "identite", "l'acte" -> "acte", "j'ai" -> "ai"). Without them the apostrophe was removed and
   * the words fused ("didentite").
   */
  elisions?: readonly string[];
  /** Terms ignored by search (written naturally; normalised on load). */
  stopwords: readonly string[];
  patterns: Readonly<Record<LexiconCategory, readonly string[]>>;
  replies: ReplyCatalog;
}
