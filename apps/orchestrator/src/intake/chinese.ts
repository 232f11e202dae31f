/**
 * Traditional -> Simplified Chinese folding for the embedded engines (knowledge-base search and
 * the escalation classifier), so a visitor in Taiwan or Hong Kong who writes 請問一下，我的自然人憑證
 * PIN碼被鎖住了 is read with the same words as the Simplified text the knowledge base and most of
 * the training lines are written in. Uses OpenCC's dictionaries through `opencc-js` (MIT and
 * Apache-2.0; a well-kept port of OpenCC, pure JavaScript, about 50 ms to build the converter once
 * and some 15 µs per turn) rather than a hand-written character table: OpenCC also folds the
 * Taiwan variants (裡 -> 里, 臺 -> 台) and is what Chinese search engines use for this.
 *
 * Only Chinese text is folded: Japanese kanji share most Traditional forms (駐車場, 書類) and
 * must stay as written, so callers fold by the conversation's language, never by script.
 */
import { Converter } from 'opencc-js/t2cn';

let convert: ((text: string) => string) | null = null;

/**
 * `text` with Traditional Chinese characters and Taiwan variants written in Simplified (length
 * and everything outside Han characters unchanged, as OpenCC's `tw` -> `cn` character tables map
 * one character to one). Pure; the converter is built on first use.
 */
export function toSimplified(text: string): string {
  convert ??= Converter({ from: 'tw', to: 'cn' });
  return convert(text).replace(ACCOUNT_VARIANT, '账');
}

/**
 * OpenCC writes 帳 as 帐, a Simplified form mainland text also uses for accounts (帐号, 帐户, 帐单)
 * beside the standard 账 that the lexicons and most training lines use; in a service office
 * 帐 is nearly always "account" (帐篷, a tent, is the exception), so it is read as 账.
 */
const ACCOUNT_VARIANT = /帐(?!篷)/gu;

/** Kana or Hangul: the text is Japanese or Korean, whose kanji/hanja must not be folded. */
const KANA_OR_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * `form` as the Chinese lexicon patterns (compiled in Simplified) read it: folded, unless it holds
 * kana or Hangul. Every language's text is also tried against the Chinese lexicon (code-mixing),
 * and folded kanji would match Chinese words (Japanese 火災 -> 火灾; caught by the safety probes).
 */
export function foldForChineseMatch(form: string): string {
  return KANA_OR_HANGUL.test(form) ? form : toSimplified(form);
}

/** `text` folded to Simplified when `language` is `zh`, else `text` itself. */
export function foldChinese(text: string, language: string | null | undefined): string {
  return language === 'zh' ? toSimplified(text) : text;
}

/**
 * The words of `original` that fold to `phrase`, found where `phrase` stands in `folded`
 * (= `toSimplified(original)`), so a cue matched on the folded text is quoted as the visitor
 * wrote it (鎖住, not 锁住); `phrase` itself when the two do not line up (a phrase spanning text
 * the matcher had masked, or a fold that changed the length).
 */
export function unfoldPhrase(phrase: string, original: string, folded: string): string {
  if (folded === original || folded.length !== original.length) return phrase;
  const at = folded.indexOf(phrase);
  return at < 0 ? phrase : original.slice(at, at + phrase.length);
}
