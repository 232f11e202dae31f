/**
 * Errands run for someone else: a vulnerable-visitor cue about a person the visitor acts for (on
 * their behalf, with their authorisation) is about someone who is not here (see `hybrid.ts`).
 */
import { matchForm } from '../intake/lexicon.ts';

/**
 * Words of an errand run for someone else (on their behalf, with their authorisation), per
 * script: Latin-script phrases on the folded text (lower case, no accents), CJK words on the raw
 * text. "Vengo en nombre de mi madre, que tiene noventa y un años", "我代她开具", "母の代わりに",
 * "어머니 대신". Chosen on dev8 zh-d8-n15 (2026-12-07).
 */
const PROXY_LATIN = new RegExp(
  [
    'on behalf of', 'on (?:her|his|their) behalf', '(?:get|collect|pick up|fetch|apply|request|order|renew)\\w* (?:\\S+ ){0,6}?for (?:him|her|them)', 'as (?:her|his|their) proxy', 'power of attorney', 'letter of authori[sz]ation', 'authori[sz]ation (?:letter|form)',
    'en nombre de', 'de parte de', 'en representacion de', 'autorizacion firmada', 'poder notarial', 'apoderad[oa]',
    'au nom de', 'de la part de', 'procuration', 'mandataire',
    'im auftrag', 'in vertretung', 'vollmacht', 'bevollmachtigt\\w*',
    'em nome d[aoe]', 'da parte d[aoe]', 'procuracao', 'procurador[a]?',
  ].map((p) => `\\b${p}\\b`).join('|'),
  'u',
);
const PROXY_CJK = /代她|代他|替她|替他|帮她|幫她|帮他|幫他|代办|代辦|代为|代為|代理|委托|委託|授权|授權|代わりに|かわりに|委任状|대신|대리|위임장/u;

/** True when `text` tells of an errand run for someone else who is not here ({@link PROXY_LATIN}, {@link PROXY_CJK}). */
export function proxyErrand(text: string): boolean {
  return PROXY_CJK.test(text) || PROXY_LATIN.test(matchForm(text, 'spaced'));
}
