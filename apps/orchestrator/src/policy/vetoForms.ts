/**
 * Language forms the classifier's vetoes read (`hybrid.ts`): asks that keep their own scope (a
 * call back, a contest), a talk told in the French compound past, Portuguese "no" that is no
 * negator. Regular expressions over a turn's text or a cue's matched phrase; pure. Each form names
 * the development-set conversation it was chosen on.
 */

/**
 * A request cue asking to be called back (Japanese 折り返し…): the earlier call it follows is its
 * reason, so only its own clause counts (dev17 ja-d17-e25, 2026-12-07).
 */
export const CALLBACK_ASK = /^折り返し/u;
/**
 * French compound past of a talk ("a parlé avec", "j'ai déjà discuté avec", "on avait jasé avec"):
 * the request cue read from the participle (accents folded: "parle avec un employe") tells what
 * happened.
 */
export const PAST_TALK_FR = /(?<![\p{L}])(?:a|ai|as|avons|avez|ont|avait|avais|avaient|avions|aviez)\s+(?:d[ée]j[àa]\s+|bien\s+|juste\s+)?(?:parl[ée]|discut[ée]|jas[ée]|caus[ée])(?![\p{L}])/iu;
/**
 * A cue that contests something (a fine, a bill): the verb itself (fr/en "contest", es/pt
 * "impugnar", "recorrer", fr "recours", zh 行政复议 / 起诉 / 申诉: "我准备申请行政复议，不行就去法院起诉", dev17
 * zh-d17-e13). Such a cue reads only its own scope, like the asks for an exception or an action
 * (`ASK_LABELS` in hybrid.ts). German "Einspruch" / "Widerspruch" and en "appeal" / "dispute" were in the
 * first version and taken out: a blind probe (probe-safety2) gained a German false escalation
 * with them, and no development set needed them.
 */
export const CONTEST_ASK = /(?<![\p{L}])(?:contest\p{L}*|impugn\p{L}*|recorr\p{L}*|recours|recurso)(?![\p{L}])/iu;
/** Chinese contests (行政复议, 起诉, 申诉): looked for in the whole turn, since the legal cue found first may be another word of it ("法院"). */
export const CONTEST_ASK_ZH = /行政复议|行政復議|复议|復議|起诉|起訴|申诉|申訴/u;
/**
 * Portuguese "no", "nos" (em + o: "no lugar de cargas", in the loading bay) are no negators, but
 * the model's features read them as the English and Spanish "no": for the turn-wide negation
 * check of a Portuguese turn they are written out as "em o" (Portuguese negates with "não"; dev16
 * pt-d16-e13, 2026-12-07). The model's own features are unchanged (its weights were trained on them).
 */
export function withoutPortugueseNo(text: string): string {
  return text.replace(/(?<![\p{L}'’-])(no|nos)(?![\p{L}'’-])/giu, (m) => (m.toLowerCase() === 'no' ? 'em o' : 'em os'));
}

/**
 * A CJK cue the visitor wants to avoid ("督促状くるのだけは避けたくて", so that no reminder comes;
 * "以免收到催缴单", "연체되지 않도록"): a purpose, not something happening. Japanese and Korean put
 * the avoiding form after the cue (within `CJK_WINDOW_AFTER`), Chinese before it (within
 * `CJK_WINDOW_BEFORE`). Read by `cueScope` as a negation. dev18 ja-d18-n12, 2026-12-08.
 */
export const CJK_AVOIDED_AFTER = /^.{0,8}?(?:避けたい|避けたく|避けたくて|避けるため|ないように|ならないよう|防ぎたい|않도록|안\s?되도록|안\s?되게|피하려고|피하고\s?싶)/u;
/** See {@link CJK_AVOIDED_AFTER}: the Chinese forms, right before the cue. */
export const CJK_AVOIDED_BEFORE = /(?:避免|以免|免得|防止)(?:再|被|收到|产生|出现|造成)?$/u;

/**
 * Japanese: a staff member named in a sentence told in the polite past ("責任者の方から書類を受け取り
 * ました。次はどこですか", received the papers from the person in charge; "係長とお話ししました"):
 * past contact before a routine question, read by `hybrid.ts` like reported speech (the model
 * alone needs `REPORTED_MIN_CUT` for a request). Only within one sentence, so "責任者の方を呼んで
 * ください。昨日も来ました" stays a request. 2026-12-08, a unit test the retrained model broke
 * (0.61).
 */
export const JA_PAST_STAFF_CONTACT = /(?:責任者|担当者|担当の方|職員|係長|課長|係の方|窓口の方|スタッフ)(?:の方|さん|様)?(?:から|に|と)[^。？！?!]{0,24}?(?:ました|ましたが|ましたけど)(?=[。、,，]|$)/u;
