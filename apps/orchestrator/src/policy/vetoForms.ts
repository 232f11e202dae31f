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
