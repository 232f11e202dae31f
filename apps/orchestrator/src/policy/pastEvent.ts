/**
 * Past or settled events: a sensitive topic the visitor tells as history ("my husband complained
 * last time", "上次我丈夫投诉过"), not a matter now. Used with the classifier to veto cues
 * (`hybrid.ts`).
 */
import { normalizeText } from '../intake/text.ts';
import { CLAUSE_BOUNDARY, latinMatches, locateCjk } from './scope.ts';

/**
 * A past or settled event in the Latin-script languages (normalised, accents folded): "last
 * time", "last year", "years ago", "previously", "complained here before", "it was sorted out", "la dernière fois", "l'an dernier", "c'était
 * réglé", "letztes Mal", "vor zwei Jahren", "wurde geklärt", "la última vez", "el año pasado", "se
 * resolvió", "da última vez", "ano passado", "foi resolvido".
 */
const PAST_LATIN = /\b(?:last (?:time|year|month|week|winter|summer)|(?:a few|two|three|\d+) (?:years|months) ago|a year ago|a while ago|in the past|back then|previously|the other day|(?:here|once) before|before (?:and|but|about)|(?:was|got|been|were|all) (?:sorted|resolved|settled|fixed|cleared up)|sorted out|la derniere fois|la semaine (?:derniere|passee)|l[' ]an dernier|l[' ]annee derniere|le mois dernier|il y a (?:\w+ )?(?:ans|an|mois)|(?:a ete|etait|c[' ]etait|est) (?:regle|resolu|arrange)e?s?|letztes (?:mal|jahr)|letzten (?:monat|winter|sommer)|(?:letzte|letzten|vorige|vorigen|vergangene|vergangenen) woche|vor (?:\w+ )?(?:jahren|monaten|einem jahr)|damals|(?:wurde|ist|war) (?:alles )?(?:geklart|erledigt|gelost)|la ultima vez|el ano pasado|el mes pasado|la semana pasada|hace (?:\w+ )?(?:anos|meses|un ano)|(?:se|fue|quedo) (?:resolvio|resuelto|resuelta|arreglado|arreglo|soluciono|solucionado)|da ultima vez|na ultima vez|ano passado|mes passado|(?:na )?semana passada|ha (?:\w+ )?(?:anos|meses|um ano)|(?:foi|ficou|esta) (?:tudo )?(?:resolvido|resolvida|arrumado|solucionado))\b/u;
/**
 * A past or settled event in ja / zh / ko: 前回, 去年, 昨年, この前, 解決し(た), 片付いて, 上次,
 * 已经解决, 解决了, 钱也退了, 지난번, 작년, 예전에, 해결됐. Not 以前 / 之前 / 전에, which also mean "before" a time
 * ("五点以前", "10시 전에").
 */
const PAST_CJK = /前回|去年|昨年|この前|解決し|解決済|片付いて|片付いた|上次|上回|已经解决|已經解決|解决了|解決了|处理好了|處理好了|已经处理|已經處理|钱也退了|錢也退了|지난번|저번에|작년|예전에|해결됐|해결되었|해결이 됐/u;
/**
 * Last week / last month in ja / zh / ko (先週, 先月, 上礼拜, 上周, 上个月, 지난주, 지난달): only in the
 * cue's own clause, since they often tell what caused a need now ("这个月房租交不上了，上个月被公司裁了",
 * dev2). dev4, 2026-12-06.
 */
const PAST_CJK_CLAUSE = /先週|先月|上礼拜|上禮拜|上周|上週|上星期|上个月|上個月|지난주|지난달/u;
/** Sentence ends of every script. */
const SENTENCE_BOUNDARY = /[.!?]+(?=\s|$)|[。！？]+/u;

/**
 * True when the sentence of `text` where the cue `phrase` stands tells of a past or settled event
 * ("My husband *complained* last time about the wait", "Last year I had a *dispute* about the fee,
 * it was sorted out", "上次我丈夫*投诉*过"): a sensitive topic the visitor mentions as history,
 * not one they bring now. Used with the classifier to veto sensitive-topic cues it does not
 * support (`hybrid.ts`); a current problem told with a past marker ("last time you charged me
 * twice and it is still not refunded") scores high in the model and stands.
 */
export function pastEvent(text: string, phrase: string): boolean {
  const sentences = text.split(SENTENCE_BOUNDARY).filter((x) => x.trim());
  const own =
    sentences.find((sentence) => {
      const found = locateCjk(sentence, phrase);
      return found === undefined ? !latinMatches(sentence, phrase).next().done : !!found;
    }) ?? text;
  const norm = normalizeText(own);
  if (PAST_LATIN.test(norm) || PAST_CJK.test(norm)) return true;
  // The cue's clause, with a clause before it that is only a time word ("先週、父が苦情を言った").
  const clauses = own.split(CLAUSE_BOUNDARY);
  const at = clauses.findIndex((c) => locateCjk(c, phrase));
  if (at < 0) return false;
  // Likewise a Japanese subject clause before it ("先週うちの主人が、…苦情を入れまして": ends in が/は,
  // no predicate of its own; dev13 ja-d13-n05, 2026-12-07).
  const before = at > 0 ? clauses[at - 1]!.trim() : '';
  const lead = before.length <= 6 || /[がは]$/u.test(before) ? before : '';
  return PAST_CJK_CLAUSE.test(normalizeText(lead + clauses[at]!));
}
