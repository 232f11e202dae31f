/**
 * Scope rules: is a cue phrase inside a negation ("I don't need a *person*", "kein
 * *Mitarbeiter*", "職員は*呼ばなくて*いい", "不用*叫人*") or in reported speech ("the clerk *told me*
 * to ask you", "ya *hablé con alguien*", "*言われ*ました")? Used with the classifier to veto
 * lexicon hits (see `hybrid.ts`); tested in all eight languages (`scope.test.ts`). Pure.
 */
import { matchForm } from '../intake/lexicon.ts';
import { NEGATORS, REPORTERS } from './model/features.ts';

/** Latin-script tokens before a cue phrase (and inside it) that a negator or reporting verb may stand in. */
export const SCOPE_WINDOW_BEFORE = 4;
/** Latin-script tokens after a cue phrase where a reporting verb may follow its subject ("the staff ... told me"). */
export const SCOPE_WINDOW_AFTER = 5;
/** CJK characters after a cue phrase where a verb-final negation or reporting form may stand (ja ko). */
export const CJK_WINDOW_AFTER = 12;
/** CJK characters before a cue phrase where a negation or reporting form may stand (zh, ko). */
export const CJK_WINDOW_BEFORE = 4;

/** Negation forms of ja / zh / ko, written without spaces (the CJK match form has none). */
const CJK_NEGATION = /呼ばなく|呼ばない|必要はない|必要ない|必要ありません|必要はありません|いりません|いらない|なくていい|なくても|なくて大丈夫|結構です|わけではな|わけじゃな|じゃない|ではない|不用|不需要|不要|不必|没必要|别|無需|无需|没有要|不想|没生气|안불러|안부르|필요없|필요는없|않아도|안해도|안바꿔|말고|마세요|아니에요|아니고|건아니/u;
/** Reported-speech forms of ja / zh / ko. */
const CJK_REPORTED = /言われ|と言って|と言い|って言われ|と聞い|から聞|もう話し|話しました|话过|谈过|让我|叫我|说|告诉我|已经跟|라고|하라고|했대|하던데|그러던|이미|얘기했|했어요/u;

/** Why a cue is not meant as said: `negation`, `reported`, or null (it stands). */
export type CueScope = 'negation' | 'reported' | null;

/**
 * The scope covering `phrase` (a cue hit's matched text, in match form) inside `text`, or null.
 * Latin script: a negator or reporting verb among the {@link SCOPE_WINDOW_BEFORE} tokens before
 * the phrase or inside it, or (with `reportedSubject`, for "who said it" cues such as a person
 * asked for) a reporting verb among the {@link SCOPE_WINDOW_AFTER} tokens after it: "the *staff*
 * told me" is no request, but "my *lawyer* told me to come" is still a legal matter. CJK: a negation or reporting form inside the phrase, within
 * {@link CJK_WINDOW_AFTER} characters after it or {@link CJK_WINDOW_BEFORE} before it.
 */
export function cueScope(text: string, phrase: string, opts: { reportedSubject?: boolean } = {}): CueScope {
  const cjkPhrase = matchForm(phrase, 'cjk');
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(cjkPhrase)) {
    const form = matchForm(text, 'cjk');
    const at = form.indexOf(cjkPhrase);
    if (at < 0) return null;
    const around = form.slice(Math.max(0, at - CJK_WINDOW_BEFORE), at + cjkPhrase.length + CJK_WINDOW_AFTER);
    if (CJK_NEGATION.test(around)) return 'negation';
    if (CJK_REPORTED.test(around)) return 'reported';
    return null;
  }
  // French/Italian-style elision: "l'agent" is the word "agent" for matching.
  const bare = (t: string) => t.replace(/^(?:l|d|j|m|n|s|c|qu|t)'/, '');
  const tokens = matchForm(text, 'spaced').trim().split(' ');
  const want = matchForm(phrase, 'spaced').trim().split(' ');
  for (let i = 0; i + want.length <= tokens.length; i++) {
    if (!want.every((w, k) => tokens[i + k] === w || bare(tokens[i + k]!) === w)) continue;
    const window = tokens.slice(Math.max(0, i - SCOPE_WINDOW_BEFORE), i + want.length);
    if (window.some((t) => NEGATORS.has(t) || NEGATORS.has(`${t.split("'")[0]}'`) || t.endsWith("n't"))) return 'negation';
    // Reported speech also follows its subject: "the *staff* at counter 3 told me", "l'*agent* m'a dit".
    const after = tokens.slice(i + want.length, i + want.length + SCOPE_WINDOW_AFTER);
    if ([...window, ...(opts.reportedSubject ? after : [])].some((t) => REPORTERS.has(t))) return 'reported';
    return null;
  }
  return null;
}
