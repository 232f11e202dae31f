/**
 * Courtesy openers: the greeting or attention-getter a polite visitor puts before the question
 * ("Bonjour Madame, Monsieur.", "您好，不好意思打扰一下，", "Muy buenas. Le ruego me disculpe.",
 * "失礼いたします。", "Verzeihen Sie bitte die Störung,"). They address the kiosk, not a person the
 * visitor wants, but the escalation classifier read them as requests for a person (dev8, 2026-12-07:
 * "Bonjour Madame, Monsieur. Je souhaiterais faire enlever des encombrants..." scored
 * request_person 0.99 after training set 22, whose named-staff requests use Madame/Monsieur).
 */
import type { Language } from '@telekiosk/shared';

const SEP = String.raw`[\s,.!?;:，、。！？…~～-]*`;

/** Leading openers per language (case-insensitive, matched at the start, removed repeatedly). */
const OPENERS: Record<Language, readonly string[]> = {
  en: ['hi there', 'hi', 'hello there', 'hello', 'hey', 'good (?:morning|afternoon|evening)', 'excuse me', 'pardon me', 'sorry to (?:bother|trouble) you', 'sorry', 'sir', 'madam', "ma'am"],
  fr: ['bonjour', 'bonsoir', 'salut', 'excusez-moi', 'excusez moi', 'pardon', 'madame', 'monsieur', 'mesdames', 'messieurs', 'je vous prie de m.excuser', 'd[ée]sol[ée]e? de vous d[ée]ranger'],
  es: ['hola', 'buen(?:os|as) (?:d[ií]as|tardes|noches)', 'muy buenas', 'buenas', 'disculpe(?: usted)?(?: la molestia)?', 'perdone(?: usted)?(?: la molestia)?', 'perd[oó]n', 'se[ñn]or(?:ita|a)?', 'le ruego (?:me )?disculpe'],
  pt: ['ol[áa]', 'oi', 'bom dia', 'boa (?:tarde|noite)', 'com licen[çc]a', 'desculpe(?: (?:o|a) inc[oô]modo)?', 'senhora?', 'mo[çc][oa]'],
  de: ['hallo', 'guten (?:morgen|tag|abend)', 'gr[üu]ezi', 'gr[üu](?:ß|ss) gott', 'servus', 'moin', 'entschuldigung', 'entschuldigen sie(?: bitte)?(?: die st[öo]rung)?', 'verzeihung', 'verzeihen sie(?: bitte)?(?: die st[öo]rung)?'],
  ja: ['すみません', 'すいません', '失礼いたします', '失礼します', '恐れ入りますが', 'お忙しいところ(?:恐れ入りますが|すみません|失礼いたします)?', 'こんにちは', 'あの[ーう]?', 'えっと'],
  zh: ['您好', '你好', '不好意思', '打[扰擾](?:一下|了|您了)', '麻[烦煩](?:一下|您|你)', '[劳勞][驾駕]'],
  ko: ['안녕하세요', '실례합니다만?', '저기요', '죄송한데요', '죄송하지만', '저기'],
};

const OPENER_RE: Record<Language, RegExp> = Object.fromEntries(
  // Words end at a non-letter in spaced scripts; Chinese and Japanese openers run into the next word.
  Object.entries(OPENERS).map(([lang, list]) => [lang, new RegExp(`^(?:${list.join('|')})${lang === 'zh' || lang === 'ja' ? '' : '(?![\\p{L}])'}${SEP}`, 'iu')]),
) as Record<Language, RegExp>;

/**
 * Letter salutations at the start of a turn ("Sehr geehrte Damen und Herren,", "Ladies and
 * gentlemen,", "Mesdames, messieurs,"): the knowledge-base word search read "Damen und Herren" as
 * the restrooms article's keywords (0.71; dev14 de-d14-n17, 2026-12-07). Only these, not every
 * opener: other openers are left to the search's own stopwords and clause scoring.
 */
const SALUTATION = /^(?:ladies and gentlemen|dear sir(?: or madam)?|mesdames,? messieurs|madame,? monsieur|se[ñn]oras y se[ñn]ores|estimad[oa]s? se[ñn]or(?:es|as?)?|senhoras e senhores|prezad[oa]s? senhor(?:es|as?)?|sehr geehrte (?:damen und herren|frau \p{L}+|herr \p{L}+)|sehr geehrter herr \p{L}+|meine (?:sehr )?(?:geehrten )?damen und herren)(?![\p{L}])[\s,.!?;:-]*/iu;

/** `text` without a leading letter salutation ({@link SALUTATION}); `text` itself when it has none. */
export function stripSalutation(text: string): string {
  const rest = text.trim().replace(SALUTATION, '');
  return rest || text;
}

/**
 * `text` without its leading courtesy openers (in `language` and English), trimmed; `text` itself
 * when nothing was removed. May return '' for a turn that is only a greeting.
 */
export function stripCourtesy(text: string, language: Language): string {
  let rest = text.trim();
  for (let i = 0; i < 6; i++) {
    const m = OPENER_RE[language].exec(rest) ?? (language === 'en' ? null : OPENER_RE.en.exec(rest));
    if (!m || !m[0]) break;
    rest = rest.slice(m[0].length).trim();
  }
  return rest;
}
