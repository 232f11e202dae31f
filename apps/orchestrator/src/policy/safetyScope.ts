/**
 * Scope rules for safety words: an emergency denied where it stands ("no emergency, just the Wi-Fi
 * password", "kein Notfall") and a bare cry for help with nothing else in the turn ("help!",
 * "助けて"). Split out of `scope.ts` (request and topic scope) on 2026-12-07, unchanged.
 */
import { matchForm } from '../intake/lexicon.ts';
import { latinMatches, locateCjk } from './scope.ts';

/** Latin-script negators that deny an emergency when they stand right before its word ("no emergency", "kein Notfall"). */
const EMERGENCY_DENIERS = new Set(['no', 'not', 'kein', 'keine', 'keinen', 'pas', 'ninguna', 'ningun', 'ninguno', 'nenhuma', 'nenhum', 'nada', 'non', "isn't", "n'est", 'nicht', 'nao', 'sin', 'sem']);
/** Articles and fillers that may stand between the negator and the emergency word ("not an emergency", "pas d'urgence"). */
const EMERGENCY_FILLERS = new Set(['a', 'an', 'any', 'un', 'une', 'ein', 'eine', 'um', 'uma', 'una', 'es', 'e', 'ist', 'really', 'wirklich', 'vraiment', 'de', "d'"]);
/** Negators that follow the word ("não é emergência nenhuma", "urgencia ninguna"). */
const EMERGENCY_AFTER = new Set(['nenhuma', 'nenhum', 'ninguna', 'ninguno', 'alguna']);
/** CJK denials right after the word (緊急じゃない, 급한 거 아니, 急ぎではありません) or right before it (不是紧急, 没有急事). */
const CJK_EMERGENCY_AFTER = /^.{0,3}(?:じゃな|ではな|でもな|じゃありません|ではありません|아니|아녜|않)/u;
const CJK_EMERGENCY_BEFORE = /(?:不是|没有|沒有|并非|並非|不算|没啥|沒啥|不)$/u;

/**
 * True when an emergency word is denied right where it stands: "no emergency, I just want the
 * Wi-Fi", "kein Notfall", "não é emergência nenhuma", "緊急じゃないです", "不是急事". Tighter
 * than {@link cueScope} on purpose (safety rules always escalate otherwise): the negator must be
 * the word just before the cue (an article or "really" may stand between) or a denial word just
 * after it; for CJK the denial must touch the word. "There's no time, it's an emergency" and
 * "救急車を呼ばないと" stay emergencies. Only used for the `emergency` safety category.
 */
export function negatedEmergency(text: string, phrase: string): boolean {
  const cjk = locateCjk(text, phrase);
  if (cjk !== undefined) {
    if (cjk === null) return false;
    const { form, at, phrase: cjkPhrase } = cjk;
    return CJK_EMERGENCY_AFTER.test(form.slice(at + cjkPhrase.length)) || CJK_EMERGENCY_BEFORE.test(form.slice(Math.max(0, at - 3), at));
  }
  for (const { tokens, at: i, length } of latinMatches(text, phrase, (token, want) => token === want || token.replace(/^(?:l|d)'/, '') === want)) {
    let j = i - 1;
    while (j >= 0 && j >= i - 3 && EMERGENCY_FILLERS.has(tokens[j]!)) j--;
    const before = tokens[j];
    const glued = tokens[i]!.startsWith("d'") && tokens[i - 1] === 'pas';
    if ((before && EMERGENCY_DENIERS.has(before)) || glued || EMERGENCY_AFTER.has(tokens[i + length] ?? '')) return true;
  }
  return false;
}

/** Latin-script cries for help, as the whole turn (match form, fillers removed). */
const BARE_HELP_LATIN = new Set([
  'help', 'help me', 'somebody help', 'someone help', 'somebody help me', 'someone help me', 'i need help', 'sos',
  'aide', 'aidez moi', 'aide moi', 'au secours', 'a l aide', 'j ai besoin d aide',
  'ayuda', 'ayudame', 'ayudenme', 'socorro', 'necesito ayuda', 'auxilio',
  'ajuda', 'me ajuda', 'me ajudem', 'ajudem me', 'preciso de ajuda', 'socorro',
  'hilfe', 'helfen sie mir', 'hilf mir', 'ich brauche hilfe',
]);
/** Fillers that may stand around a cry for help ("please help me!!", "hilfe bitte"). */
const HELP_FILLERS = /\b(?:please|pls|plz|now|quick|quickly|s il vous plait|s il te plait|vite|por favor|rapido|bitte|schnell|pfvr)\b/g;
/** CJK cries for help as the whole turn (match form: no spaces or punctuation). */
const BARE_HELP_CJK = /^(?:だれか|誰か)?(?:助けて|たすけて)(?:ください|下さい|くれ)?$|^(?:救命|救救我|帮帮我|幫幫我|谁来帮帮我|快来人)(?:啊|呀)?$|^(?:누가)?(?:도와주세요|도와줘요|도와줘|살려주세요|살려줘)$/u;

/**
 * True when the whole turn is a cry for help and nothing else ("help!", "au secours !", "¡ayuda!",
 * "Hilfe!", "助けて", "救命", "도와주세요"): whatever it is about, a person should see the visitor
 * (the policy adds `explicit_request` when nothing else fired). "Help me find the toilet" is not one.
 */
export function bareCryForHelp(text: string): boolean {
  const cjk = matchForm(text, 'cjk');
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(cjk)) return BARE_HELP_CJK.test(cjk);
  const words = matchForm(text, 'spaced').replace(/'/g, ' ').replace(HELP_FILLERS, ' ').replace(/\s+/g, ' ').trim();
  return BARE_HELP_LATIN.has(words);
}
