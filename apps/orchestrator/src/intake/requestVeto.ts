/**
 * Request vetoes of the embedded intake engine: when a lexicon request for a person is not meant
 * (negated or reported, and the escalation classifier agrees), and when a turn declines a person
 * outright. Pure apart from the bundled classifier.
 */
import { cueScope } from '../policy/scope.ts';
import { defaultClassifier } from '../policy/model/classifier.ts';
import { findExtraPersonRequest, findLexiconMatch, languageOrder } from './lexicon.ts';
import type { Lang } from './lexicon/index.ts';

/** Decides whether a lexicon request for a person in `text` (matched as `phrase`) is not meant. */
export type RequestVeto = (text: string, lang: Lang, phrase: string) => boolean;

/** Model probability of `request_person` below which a negated or reported request is vetoed (policy `balanced`). */
export const REQUEST_VETO_BELOW = 0.7;

/**
 * Default request veto: the matched phrase stands in a negation or in reported speech
 * (`policy/scope.ts`) and the embedded classifier gives `request_person` <
 * {@link REQUEST_VETO_BELOW} ("I don't need a person", "I already spoke with someone at
 * reception"). Same rule as the escalation policy's `balanced` mode.
 */
export function classifierRequestVeto(text: string, lang: Lang, phrase: string): boolean {
  if (!cueScope(text, phrase)) return false;
  return defaultClassifier().score(text, { language: lang }).request_person < REQUEST_VETO_BELOW;
}

/**
 * True when `text` says the visitor does not want a person: a request-for-a-person phrase under a
 * negation (`policy/scope.ts` {@link cueScope}: "I don't need to talk to anyone", "직원분 연결은
 * 괜찮고요") that `veto` drops (default {@link classifierRequestVeto}; the engine passes its own, and with
 * `null`, no request is ever vetoed, so none is a refusal). Reported speech ("the staff told me to
 * ask you") is not a refusal.
 */
export function declinesPerson(text: string, lang: Lang, veto: RequestVeto | null = classifierRequestVeto): boolean {
  const person = findLexiconMatch(text, 'requestPerson', languageOrder(lang)) ?? findExtraPersonRequest(text);
  return !!person && !!veto && cueScope(text, person.phrase) === 'negation' && veto(text, lang, person.phrase);
}
