/**
 * Whether what is left of a greeting or thanks still asks something ("Hallo, ich arbeite hier mit
 * Blue Card, kann ich das verlängern?" is that question, not a greeting). Used by the embedded
 * intake engine (./engine.ts).
 */
import { type Lang, packFor } from './lexicon/index.ts';
import { analyze, hasCjk } from './text.ts';

/**
 * Content words ({@link analyze} units) at which what is left of a greeting is a question of its
 * own ("Hallo, ich arbeite hier mit Blue Card, kann ich das verlängern?"), not a courtesy
 * ("Hi, quick question", "Bonjour madame, excusez-moi").
 */
export const GREETING_QUESTION_UNITS = 3;
/** Characters (CJK scripts, no spaces or punctuation) at which what is left of a greeting is a question of its own. */
export const GREETING_QUESTION_CJK_CHARS = 12;
/** Japanese only: characters other than hiragana (kanji, katakana) at which what is left of a greeting is a question of its own. */
export const GREETING_QUESTION_CJK_CONTENT = 6;

/**
 * True when `residual` (a turn with its greeting or thanks words removed; `question`: the turn has
 * a question mark) asks something of its own. After a greeting: {@link GREETING_QUESTION_UNITS}
 * content words (Latin scripts), {@link GREETING_QUESTION_CJK_CHARS} CJK characters or, in
 * Japanese, {@link GREETING_QUESTION_CJK_CONTENT} that are not hiragana, or a question mark with
 * two content words.
 * After thanks (closings are often long: "thanks, that was really helpful, have a lovely day"):
 * only a question mark with two content words ("Thanks. And the bus to the airport?").
 */
export function asksBesides(residual: string, lang: Lang, afterGreeting: boolean, question: boolean): boolean {
  const units = analyze(residual, packFor(lang)).units.length;
  if (question && units >= 2) return true;
  if (!afterGreeting) return false;
  if (hasCjk(residual)) {
    const chars = Array.from(residual.replace(/[\s\p{P}\p{S}]/gu, ''));
    if (chars.length >= GREETING_QUESTION_CJK_CHARS) return true;
    // Japanese kana endings carry the politeness ("よろしくお願いします"), kanji and katakana the
    // matter; Chinese and Korean courtesies ("我想咨询一下", "잘 부탁드립니다") are all content
    // characters, so they need the full length (review, 2026-12-06).
    return lang === 'ja' && chars.filter((c) => !/\p{Script=Hiragana}/u.test(c)).length >= GREETING_QUESTION_CJK_CONTENT;
  }
  return units >= GREETING_QUESTION_UNITS;
}
