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
  return convert(text);
}

/** `text` folded to Simplified when `language` is `zh`, else `text` itself. */
export function foldChinese(text: string, language: string | null | undefined): string {
  return language === 'zh' ? toSimplified(text) : text;
}
