/**
 * Scope rules: is a cue phrase inside a negation ("I don't need a *person*", "kein
 * *Mitarbeiter*", "職員は*呼ばなくて*いい", "不用*叫人*") or in reported speech ("the clerk *told me*
 * to ask you", "ya *hablé con alguien*", "*言われ*ました")? Used with the classifier to veto
 * lexicon hits (see `hybrid.ts`); tested in all eight languages (`scope.test.ts`). Pure.
 */
import { matchForm } from '../intake/lexicon.ts';
import { CJK_AVOIDED_AFTER, CJK_AVOIDED_BEFORE } from './vetoForms.ts';
import { normalizeText } from '../intake/text.ts';
import { CJK_NEGATION as FEATURE_CJK_NEGATION, hasScope, NEGATORS, REPORTERS, withoutAnotA, ZH_REPORTED } from './model/features.ts';

/** Latin-script tokens before a cue phrase (and inside it) that a negator or reporting verb may stand in. */
export const SCOPE_WINDOW_BEFORE = 4;
/** Latin-script tokens after a cue phrase where a reporting verb may follow its subject ("the staff ... told me"). */
export const SCOPE_WINDOW_AFTER = 5;
/** CJK characters after a cue phrase where a verb-final negation or reporting form may stand (ja ko). */
export const CJK_WINDOW_AFTER = 12;
/** CJK characters before a cue phrase where a negation or reporting form may stand (zh, ko). */
export const CJK_WINDOW_BEFORE = 4;

/** Negation forms of ja / zh / ko, written without spaces (the CJK match form has none). */
const CJK_NEGATION = /呼ばなく|呼ばない|必要はない|必要ない|必要ありません|必要はありません|いりません|いらない|なくていい|なくても|なくて大丈夫|結構です|わけではな|わけじゃな|じゃない|ではない|不用|不需要|不要|不必|没必要|别|無需|无需|没有要|不想|不是要|不是想|并不是要|並不是要|没生气|안불러|안부르|필요없|필요는없|않아도|안해도|안바꿔|말고|마세요|아니에요|아니고|건아니|[은는]괜찮(?!을까|나요|은가|습니까)|[은는]됐고|[은는]됐어요|[은는]됐습니다|は大丈夫です|は大丈夫なので|は要りません/u;
/** Reported-speech forms of ja / zh / ko. */
const CJK_REPORTED = new RegExp(`言われ|と言って|と言い|って言われ|って言っ|と聞い|から聞|もう話し|話しました|らしい|${ZH_REPORTED.source}|라고|하라고|했대|하던데|그러던|이미|얘기했|했어요`, 'u');

/** CJK characters before a cue phrase where a reporting form may stand (zh puts the reporter first: 邻居说我应该去投诉). */
export const CJK_REPORTED_WINDOW_BEFORE = 10;
/** Korean: a cue marked as subject (가/이/께서) whose sentence goes on to a reporting verb (…라고 하시던데, …다고 그러던데). */
const KO_REPORTING_SUBJECT = /^\s?(?:가|이|께서).*(?:[라다냐]고\s?(?:하|그러)\S*|하시던데|하던데|그러시던데|그러던데)/u;

/**
 * Where a CJK cue `phrase` stands in `text`, both in the CJK match form (no spaces):
 * `{ form, at, phrase }`; null when the phrase is CJK but not found; undefined when the phrase
 * has no Han, kana or Hangul (the caller reads Latin-script tokens instead).
 */
export function locateCjk(text: string, phrase: string): { form: string; at: number; phrase: string } | null | undefined {
  const cjkPhrase = matchForm(phrase, 'cjk');
  if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(cjkPhrase)) return undefined;
  const form = matchForm(text, 'cjk');
  const at = form.indexOf(cjkPhrase);
  return at < 0 ? null : { form, at, phrase: cjkPhrase };
}

/** French-style elision: "l'agent" is the word "agent" for matching. */
const bare = (t: string) => t.replace(/^(?:l|d|j|m|n|s|c|qu|t)'/, '');
/** Whether text token `token` matches the phrase's `k`-th token `want` (of `count`). */
type TokenMatch = (token: string, want: string, k: number, count: number) => boolean;
const exactOrElided: TokenMatch = (token, want) => token === want || bare(token) === want;

/**
 * Every place a Latin-script cue `phrase` stands in `text`, in the match form ("spaced": lower
 * case, accents folded): `tokens` are the text's tokens and `at` the index of the phrase's first
 * token, `length` its token count. Tokens match by `match` (default: equal, or equal after a
 * French elision).
 */
export function* latinMatches(text: string, phrase: string, match: TokenMatch = exactOrElided): Generator<{ tokens: string[]; at: number; length: number }> {
  const tokens = matchForm(text, 'spaced').trim().split(' ');
  const want = matchForm(phrase, 'spaced').trim().split(' ');
  for (let i = 0; i + want.length <= tokens.length; i++) {
    if (want.every((w, k) => match(tokens[i + k]!, w, k, want.length))) yield { tokens, at: i, length: want.length };
  }
}

/**
 * `text` without the first place the cue `phrase` stands (CJK: in the match form, the phrase
 * replaced by a full stop; Latin script: the normalised tokens without the phrase's); `text`
 * itself when the phrase is not found.
 */
export function withoutCue(text: string, phrase: string): string {
  const cjk = locateCjk(text, phrase);
  if (cjk) return `${cjk.form.slice(0, cjk.at)}。${cjk.form.slice(cjk.at + cjk.phrase.length)}`;
  if (cjk === null) return text;
  const m = locateLatin(text, phrase);
  return m ? [...m.tokens.slice(0, m.at), ...m.tokens.slice(m.at + m.length)].join(' ') : text;
}

/** The first place a Latin-script cue `phrase` stands in `text` (see {@link latinMatches}), or null. */
function locateLatin(text: string, phrase: string, match?: TokenMatch): { tokens: string[]; at: number; length: number } | null {
  for (const m of latinMatches(text, phrase, match)) return m;
  return null;
}

/**
 * Marks a request-for-a-person pattern that asks whether a named staff member or a role is in
 * ("Is Deborah from environmental services in today?", "課長さんがお手すきでしたら", "科长在吗"):
 * a direct question, so reported speech elsewhere in the turn ("She told me to come back")
 * does not cover it; a negation in its own clause still does. Patterns carry it as a named group.
 */
export const PRESENCE_GROUP = '(?<presence>';

/**
 * Marks a safety pattern for a small child missing right now ("I can't find my son, he's four",
 * "mein Sohn ist weg", "애가 없어졌어요", "孩子不见了"): an emergency for the building (staff search
 * the exits at once, as in the Code Adam practice of US stores and public buildings), where the
 * issue's brief lists "a small child lost in the building" under safety. The classifier was trained
 * to call it `vulnerable` (training set 10), so its low safety score is no sign of a lookalike and
 * does not veto these hits. Decided 2026-12-06 (dev4: four such conversations escalated as vulnerable).
 */
export const MISSING_CHILD_GROUP = '(?<missingchild>';

/** Clause boundaries: sentence and clause punctuation of every script (a Latin mark followed by a space). */
export const CLAUSE_BOUNDARY = /[,;:.!?]+(?=\s)|[，、；：。！？]+/u;

/**
 * `text` from the start of the clause where cue `phrase` first stands: a negation or reporting
 * verb in an earlier clause does not cover the cue ("I don't need a map, I want a person",
 * "地图不需要，我要找人工"); what follows the cue is kept (verb-final negation after a topic comma:
 * "職員は、呼ばなくていいです"). The whole text when the phrase spans a boundary or is not found.
 */
export function fromCueClause(text: string, phrase: string): string {
  const clauses = text.split(CLAUSE_BOUNDARY);
  const i = clauseIndex(clauses, phrase);
  return i < 0 ? text : clauses.slice(i).map((c) => c.trim()).join(', ');
}

/** The end of a sentence: a full stop, question or exclamation mark (Latin or CJK) and the spaces after it. */
const SENTENCE_END = /(?<=[.!?。！？])\s*/u;

/**
 * From the clause of `phrase` to the end of its sentence ({@link fromCueClause} within that
 * sentence). A negation in a later sentence ("I'd like a word with the registrar. It is a private
 * matter and I would rather not set it out on a screen", dev6; Québec "y a-tu moyen de parler à
 * un préposé? J'ai pas envie de pitonner", dev4) does not take a request back; a "no need" form
 * there does ({@link needNegationIn}).
 */
export function cueSentenceOn(text: string, phrase: string): string {
  const sentences = text.split(SENTENCE_END).filter((x) => x.trim());
  const own = sentences.find((x) => {
    const found = locateCjk(x, phrase);
    return found === undefined ? !!locateLatin(x, phrase) : !!found;
  });
  return fromCueClause(own ?? text, phrase);
}

/** True when `text` has a "no need" form anywhere ({@link NEED_NEGATION_LATIN}, {@link NEED_NEGATION_CJK}). */
export function needNegationIn(text: string): boolean {
  return NEED_NEGATION_LATIN.test(normalizeText(text).replace(/'/g, ' ')) || NEED_NEGATION_CJK.test(matchForm(text, 'cjk'));
}

/**
 * The clause a question whether a named clerk is in ends with, for a cue that spans clauses
 * ("刘姐接待的，她说…不用重新排号。她今天来上班了吗？", "Frau Hofer … Die sitzt doch heute da, oder?"):
 * the last clause wholly inside the phrase; else {@link ownCueClause}. A negation in the story
 * before it ("不用重新排号", no need to queue again) is not the question's (dev17 zh-d17-e25,
 * 2026-12-07).
 */
export function presenceClause(text: string, phrase: string): string {
  const own = ownCueClause(text, phrase);
  if (own !== text) return own;
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(phrase);
  const seg = cjk ? 'cjk' : 'spaced';
  const whole = matchForm(phrase, seg).trim();
  const clauses = text.split(CLAUSE_BOUNDARY).map((c) => c.trim()).filter(Boolean);
  for (let i = clauses.length - 1; i >= 0; i--) {
    const form = matchForm(clauses[i]!, seg).trim();
    if (form && whole.includes(form)) return clauses[i]!;
  }
  return own;
}

/**
 * The clause of `text` that contains `phrase` (clauses split as in {@link fromCueClause}); the
 * whole text when it has one clause or none contains the phrase.
 */
export function ownCueClause(text: string, phrase: string): string {
  const clauses = text.split(CLAUSE_BOUNDARY);
  const i = clauseIndex(clauses, phrase);
  return i < 0 ? text : clauses[i]!.trim();
}

/** Index of the first clause containing `phrase`, -1 when none does (or there is one clause). */
function clauseIndex(clauses: readonly string[], phrase: string): number {
  if (clauses.length < 2) return -1;
  return clauses.findIndex((clause) => {
    const found = locateCjk(clause, phrase);
    return found === undefined ? !!locateLatin(clause, phrase) : !!found;
  });
}

/**
 * "No need" forms: the visitor says a person is not needed ("no need to talk to anyone", "pas
 * besoin de parler à un agent", "não preciso falar com um atendente", "ich muss mit keinem
 * Mitarbeiter sprechen", "職員と話す必要はない", "不需要人工", "직원이랑 얘기할 필요는 없어요").
 * Unlike a bare negator (Korean 안, Japanese ない also occur in requests: "왜 직원 안 불러줘요?"),
 * these never ask for a person, so a request cue in their scope is vetoed whatever the model says
 * (see `needNegated`); the model scored some of them 0.6-0.9 (2026-12-05).
 */
const NEED_NEGATION_LATIN = /\b(?:no need|don ?t need|do not need|doesn ?t need|needn ?t|not necessary|pas besoin|pas la peine|pas necessaire|inutile de|no hace falta|no necesito|no es necesario|nao precis\w*|nao e necessario|nao tem necessidade|sem necessidade|nicht notig|nicht notwendig|brauche? (?:keine?n?|nicht)|muss (?:nicht|mit keinem|keine?n?)|kein\w* \w+ notig)\b/u;
/** CJK "no need" forms (match form: no spaces). */
/**
 * Japanese "no need to <verb>" put after the polite verb of the request itself ("担当の方に繋いで
 * いただかなくて結構です", 13 characters after the cue; dev9, 2026-12-07), read up to
 * {@link NEED_NEGATION_CJK_AFTER} characters after the cue; the other "no need" forms keep
 * {@link CJK_WINDOW_AFTER}, so the longer window reaches no further for them.
 */
const VERB_NOT_NEEDED_JA = /なくて(?:結構|けっこう|大丈夫)/u;
/** Characters after a CJK request cue read for {@link VERB_NOT_NEEDED_JA}. */
const NEED_NEGATION_CJK_AFTER = 18;
const NEED_NEGATION_CJK = /必要(?:は|も)?(?:ない|ありません|なし)|なくていい|なくても(?:いい|大丈夫)|不需要|没必要|无需|無需|不必|用不着|필요(?:는|도)?없/u;

/**
 * True when a "no need" form (see {@link NEED_NEGATION_LATIN}) covers `phrase` in `text`: in the
 * {@link SCOPE_WINDOW_BEFORE} tokens before it or inside it (Latin script), or in the CJK window
 * around it. Accents are ignored (the match form folds them).
 */
export function needNegated(fullText: string, phrase: string): boolean {
  const text = fromCueClause(fullText, phrase);
  const cjk = locateCjk(text, phrase);
  if (cjk !== undefined) {
    if (cjk === null) return false;
    const { form, at, phrase: cjkPhrase } = cjk;
    const from = Math.max(0, at - CJK_WINDOW_BEFORE);
    return NEED_NEGATION_CJK.test(form.slice(from, at + cjkPhrase.length + CJK_WINDOW_AFTER)) || VERB_NOT_NEEDED_JA.test(form.slice(from, at + cjkPhrase.length + NEED_NEGATION_CJK_AFTER));
  }
  const m = locateLatin(text, phrase);
  if (!m) return false;
  const before = m.tokens.slice(Math.max(0, m.at - SCOPE_WINDOW_BEFORE), m.at).join(' ').replace(/'/g, ' ');
  return NEED_NEGATION_LATIN.test(`${before} ${m.tokens.slice(m.at, m.at + m.length).join(' ')}`) || DESIRE_NEGATION_LATIN.test(before);
}

/**
 * A negated wish right before a request cue, in Latin script: "I'm not looking to talk to a
 * person", "I don't want to speak to anyone", "je ne veux pas parler à un agent", "no quiero hablar
 * con nadie", "não quero falar com atendente", "ich will nicht mit einem Menschen sprechen". Only
 * adjacent to the cue (anchored at the end of the window before it, up to a "to"/"de"/"a"), since
 * a voice transcript runs clauses together ("no quiero esperar quiero hablar con alguien" still
 * asks). The model read "not looking to" as a request (0.85-0.96; dev13 en-d13-n03, 2026-12-07).
 * Matched on the normalised tokens (accents folded, apostrophes as spaces).
 */
const DESIRE_NEGATION_LATIN = /(?:^| )(?:(?:don t|do not|dont|doesn t) (?:want|wanna|wish)|not (?:looking|trying|asking|wanting|here|hoping)|(?:ne )?(?:veux|voulais|cherche|souhaite|demande) pas|no (?:quiero|busco|pretendo|pido|quisiera)|nao (?:quero|busco|estou querendo|to querendo|pretendo|peco)|(?:will|mochte|moechte|wollte) (?:nicht|auch nicht))(?: (?:to|for|a|de|d|com|para|pra|hablar|falar))?$/u;

/**
 * Why a cue is not meant as said: `negation`, `reported`, `generic` (it names a class of people,
 * not the visitor: "people with reduced mobility", "残疾退伍军人", "거동이 불편한 사람도"; see
 * {@link genericReference}), `lookalike` (a safety word in a turn the classifier is nearly
 * certain is no danger, below the model's `safetyVeto`: "first-aid course", see `hybrid.ts`),
 * `answered` (a mobility cue in a turn the knowledge base answered: "is there a lift? I'm on
 * crutches", see `hybrid.ts`), `proxy` (a vulnerable cue about someone the visitor runs an
 * errand for, who is not here: "家母年纪大了，出门不太方便，想由我代她开具居住证明"; see
 * `proxyErrand` in `proxy.ts`), or null (it stands).
 */
export type CueScope = 'negation' | 'reported' | 'generic' | 'lookalike' | 'answered' | 'proxy' | null;

/**
 * A Chinese denial right before the cue: 不是投诉 ("it's not a complaint"), 我不是来投诉的, 不算投诉.
 * Only adjacent (up to 来/要/想/在 between), since 不是 elsewhere in the clause is no denial of the
 * cue ("这不是第一次了，我要投诉": the second time, a complaint). dev4 zh-d4-n02, 2026-12-06.
 */
const ZH_DENIED_BEFORE = /(?:不是|不算|并不是|並不是|并非|並非|也不是)(?:来|來|要|想|在)?$/u;

/**
 * True when a {@link CJK_NEGATION} form in `around` reaches outside the cue phrase that stands at
 * `at` (length `length`), or lies inside it without being spelled by the cue's `pattern` (then a
 * gap matched it): one the pattern spells is the cue's own wording (안 보여요, 見えない).
 */
function negatedOutside(around: string, at: number, length: number, pattern?: string, negation: RegExp = CJK_NEGATION): boolean {
  const spelled = pattern ? matchForm(pattern.replace(/_/g, ''), 'cjk') : '';
  for (const m of around.matchAll(new RegExp(negation.source, 'gu'))) {
    const from = m.index ?? 0;
    if (from < at || from + m[0].length > at + length || !spelled.includes(m[0])) return true;
  }
  return false;
}

/**
 * Japanese polite requests asked in the negative ("相談できませんか", "聞いてもらえたりしないですかね",
 * "させてもらえないでしょうか": can't you / wouldn't you), not negations of the request: blanked
 * before the clause check of a request cue ({@link requestClauseNegated}). dev10 ja-d10-e25, 2026-12-07.
 * Korean "…(해) 주시면 안 돼요?" (would it not do if you…, a polite ask) likewise (dev16 ko-d16-e06).
 */
const JA_POLITE_NEGATIVE_ASK = /(?:でき|もらえ|いただけ|頂け|くれ|たりし)(?:ませんか|ませんでしょうか|ないでしょうか|ないですか(?:ね)?|ないかな|ないかしら)|わけには(?:まいり|参り|いき)ませんか|わけにはいかないでしょうか|(?:면|시면)\s?안\s?(?:돼요|될까요|되나요|되겠습니까|되겠어요|됩니까|되요|돼|될까)/gu;

/**
 * Latin-script polite asks in the negative ("¿no podemos verlo cara a cara?", "não dá pra falar
 * com alguém?", "can't we do this face to face?", "on ne peut pas se voir en vrai ?", "können wir
 * das nicht persönlich machen?"): the negator before (or, German, after) a modal of possibility in
 * a question, blanked before the clause check of a request cue ({@link requestClauseNegated}), as
 * {@link JA_POLITE_NEGATIVE_ASK} for Japanese. Only in a sentence with a question mark.
 */
const LATIN_POLITE_NEGATIVE_ASK =
  /(?<![\p{L}])(?:no(?= (?:podemos|podemo|puede|puedes|podría|podria|podrías|podrias|podríamos|podriamos|me puede|me podría|me podria|se puede|hay manera|hay forma)(?![\p{L}]))|n[aã]o(?= (?:d[aá]|podemos|pode|podem|poderia|poderiam|podia|tem como|h[aá] como|consegue|conseguem|conseguiria|conseguiriam)(?![\p{L}]))|(?<=(?:can|could))(?:['’]?t|not)(?= (?:we|i|you|someone|somebody|anyone)(?![\p{L}]))|ne(?= (?:peut|peux|pourrait|pourriez|pouvez|pourrions|pouvons)(?![\p{L}]))|(?<=(?:peut|peux|pourrait|pourriez|pouvez|pourrions|pouvons) )pas|(?<=(?:können|könnten|kann|könnte|geht|ginge) (?:(?:wir|sie|ich|man|das|es|jemand) )?(?:(?:das|es|mir|uns) )?)nicht)(?![\p{L}])/giu;

/**
 * Spanish "no" before a verb of being around and "alguien" or a place ("¿no anda por aquí alguien
 * de catastro?", "¿no estará por ahí?"): Spanish negates "alguien" as "nadie", and the future
 * "estará" wonders, so these ask whether someone is around; blanked with or without a question
 * mark (voice transcripts have none; dev17 es-d17-e02 / es-d17-e25, 2026-12-07).
 */
const ES_NO_SOMEONE_AROUND = /(?<![\p{L}])no(?= (?:anda|andar[aá]|est[aá]|estar[aá]|hay|habr[aá]|se encuentra|se encontrar[aá]) (?:\S+ ){0,3}?(?:alguien|por (?:ah[ií]|aqu[ií]|ac[aá]|all[ií])|hoy)(?![\p{L}]))/giu;

/** `text` with its {@link LATIN_POLITE_NEGATIVE_ASK} negators blanked when it asks a question, and {@link ES_NO_SOMEONE_AROUND} always. */
function withoutPoliteNegativeAsk(text: string): string {
  const around = text.replace(ES_NO_SOMEONE_AROUND, ' ');
  return /[?？]/u.test(around) ? around.replace(LATIN_POLITE_NEGATIVE_ASK, ' ') : around;
}

/**
 * `text` with its polite negative asks blanked: Japanese ({@link JA_POLITE_NEGATIVE_ASK},
 * "なんとかしてもらえませんか") and, in a question, Latin-script ({@link LATIN_POLITE_NEGATIVE_ASK},
 * "Será que vocês não conseguem tirar os juros?", "Vous pouvez pas le prendre quand même ?"). For
 * the turn-wide negation check of a cue that asks for something (an exception, an action): the
 * negator shapes the ask, it does not withdraw it (dev15 ja-d15-e23 / pt-d15-e23, 2026-12-07).
 */
export function withoutPoliteAsks(text: string): string {
  return withoutPoliteNegativeAsk(text.replace(JA_POLITE_NEGATIVE_ASK, '。'));
}

/**
 * Whether the sentence of a request cue, from the cue's clause on ({@link cueSentenceOn}), is
 * negated: polite hedges ({@link dropHedges}) and Japanese polite negative asks
 * ({@link JA_POLITE_NEGATIVE_ASK}) left out, and in Chinese, Japanese and Korean a negation form the
 * cue's `pattern` itself spells ("画面越しじゃなくて") counted as the cue's own wording, as in
 * {@link cueScope}. Latin script: any negation scope in that part of the sentence. `whole`: the
 * whole of `text` instead (a cue in the turn's first clause).
 */
export function requestClauseNegated(text: string, phrase: string, pattern?: string, whole = false): boolean {
  const raw = dropHedges(whole ? text : cueSentenceOn(text, phrase)).replace(JA_POLITE_NEGATIVE_ASK, '。');
  const sentence = withoutPoliteNegativeAsk(raw);
  const cjk = locateCjk(sentence, phrase);
  if (!cjk) return hasScope(sentence).negated;
  // Korean "X 말고 Y" (not X but Y, "이거 말고 걍 … 쌤 한 명만 불러 주시면"): 말고 before the cue
  // sets aside what precedes it, not the cue (dev16 ko-d16-e06, 2026-12-07); same length, so the
  // cue stays where it was.
  // Japanese negates after the verb (呼ばなくていい): a negation before the cue is another clause's
  // ("正直あちこち自信がなくて…実物を見て…言ってもらえたら安心", no confidence, then the ask; dev16
  // ja-d16-e25, 2026-12-07).
  const head = cjk.form.slice(0, cjk.at);
  const form = (KANA.test(cjk.form) ? '。'.repeat(head.length) : head.replace(/말고/gu, '。。')) + cjk.form.slice(cjk.at);
  // The model's broad negation forms (any 안, ない, 不 ...), as the turn-wide check always used.
  return negatedOutside(form, cjk.at, cjk.phrase.length, pattern, FEATURE_CJK_NEGATION);
}

/** First-person subject pronouns that open a clause (normalised tokens), for {@link cueScope}. */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', "i'm", 'im', "i've", "i'll", 'ich', 'je', "j'", 'yo', 'eu']);
/** Words that tie a clause to a negator before it ("nicht dass ich", "not that i", "pas que je"). */
const COMPLEMENTISERS: ReadonlySet<string> = new Set(['that', 'dass', 'daß', 'que', "qu'", 'ob', 'if', 'whether', 'se', 'weil', 'because']);

/** Japanese text (a kana letter). */
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The words a cue pattern spells (normalised as the matcher reads text), for {@link cueScope}. */
function patternWords(pattern: string | undefined): Set<string> {
  if (!pattern) return new Set();
  return new Set(matchForm(pattern.replace(/[_|*]/g, ' '), 'spaced').trim().split(' ').filter(Boolean));
}

/**
 * "I don't know if", "no sé si", "je ne sais pas si", "não sei se", "weiß nicht, ob": a polite
 * hedge before a request ("no sé si me lo pueda comunicar"), not a negation of it (dev6,
 * 2026-12-06). Matched on the normalised tokens of the window before a cue.
 */
const HEDGE = /(?:^| )(?:i )?(?:don't|dont|do not) know (?:if|whether)(?= |$)|(?:^| )no se si(?= |$)|(?:^| )(?:je )?(?:ne )?sais pas si(?= |$)|(?:^| )nao sei se(?= |$)|(?:^| )wei(?:ß|ss) nicht ob(?= |$)/u;

/** The {@link HEDGE} phrases in raw text (accents and case as typed). */
const HEDGE_TEXT = /(?<![\p{L}])(?:(?:i )?(?:don[’']?t|do not) know (?:if|whether)|no s[eé] si|(?:je )?(?:ne )?sais pas si|n[aã]o sei se|wei(?:ß|ss) nicht,? ob)(?![\p{L}])/giu;

/**
 * Sentence adverbs built on a reporting verb, the speaker's own voice rather than reported speech:
 * de "ehrlich gesagt" (honestly), "offen gesagt", "wie gesagt" (as I said), "kurz gesagt"; en
 * "that said", "having said that"; fr "cela dit", "soit dit en passant". "Ehrlich gesagt tipp ich
 * mich ungern durch solche Menüs. Kann mir nicht einfach jemand am Schalter helfen?" was read as a
 * turn with reported speech, which raises the request cut (dev14 de-d14-e02, 2026-12-07).
 * Blanked with the hedges; matched on raw text (accents and case as typed).
 */
const SAID_IDIOM_TEXT = /(?<![\p{L}])(?:(?:(?:ganz|mal) )?(?:ehrlich|offen|kurz|anders|wie|grob) gesagt|(?:that|having) said(?: that)?|that being said|(?:cela|ceci|ça|ca) dit|soit dit en passant)(?![\p{L}])/giu;
/** {@link SAID_IDIOM_TEXT} on normalised tokens (accents folded, lower case). */
const SAID_IDIOM = /(?:^| )(?:(?:(?:ganz|mal) )?(?:ehrlich|offen|kurz|anders|wie|grob) gesagt|(?:that|having) said(?: that)?|that being said|(?:cela|ceci|ca) dit|soit dit en passant)(?= |$)/u;

/** `text` with its polite hedges ({@link HEDGE}) and said-idioms ({@link SAID_IDIOM_TEXT}) blanked, for the turn-wide scope checks. */
export function dropHedges(text: string): string {
  return text.normalize('NFC').replace(HEDGE_TEXT, ' ').replace(SAID_IDIOM_TEXT, ' ').replace(JA_ASKED_TO_SAY, '。');
}

/**
 * Japanese "…って言ってもらえたら" (if you could tell me …): an ask to be told something, not
 * speech reported ("実物を見て「これで大丈夫」って言ってもらえたら安心", dev16 ja-d16-e25, 2026-12-07).
 */
const JA_ASKED_TO_SAY = /(?:って|と)言って(?=もらえ|いただけ|頂け|ほしい|欲しい|くれ|くださ|下さ)/gu;

/** `tokens` without the {@link HEDGE} and {@link SAID_IDIOM} phrases in them. */
function withoutHedges(tokens: readonly string[]): string[] {
  let joined = tokens.join(' ');
  if (!HEDGE.test(joined) && !SAID_IDIOM.test(joined)) return [...tokens];
  joined = joined.replace(new RegExp(HEDGE.source, 'gu'), ' ').replace(new RegExp(SAID_IDIOM.source, 'gu'), ' ');
  return joined.split(' ').filter(Boolean);
}

/**
 * The scope covering `phrase` (a cue hit's matched text, in match form) inside `text`, or null.
 * Latin script: a negator or reporting verb among the {@link SCOPE_WINDOW_BEFORE} tokens before
 * the phrase or inside it, or (with `reportedSubject`, for "who said it" cues such as a person
 * asked for) a reporting verb among the {@link SCOPE_WINDOW_AFTER} tokens after it: "the *staff*
 * told me" is no request, but "my *lawyer* told me to come" is still a legal matter. CJK: a negation or reporting form inside the phrase, within
 * {@link CJK_WINDOW_AFTER} characters after it or {@link CJK_WINDOW_BEFORE} before it, or a Chinese
 * denial right before it ({@link ZH_DENIED_BEFORE}). With `pattern` (the cue's pattern), a negator
 * inside the phrase that the pattern itself spells is part of the cue ("no sé qué hacer", "안 보여요")
 * and does not count; one a gap matched ("ich brauche *keinen* Mitarbeiter") does.
 */
export function cueScope(text: string, phrase: string, opts: { reportedSubject?: boolean; pattern?: string } = {}): CueScope {
  // A negation covers its own clause ("I don't need a map, I want a person"); reported speech
  // often introduces the next one ("Mein Nachbar meint, ich sollte mich beschweren").
  const negationText = fromCueClause(text, phrase);
  const cjk = locateCjk(text, phrase);
  if (cjk !== undefined) {
    if (cjk === null) return null;
    const { form, at, phrase: cjkPhrase } = cjk;
    const own = locateCjk(negationText, phrase);
    if (own) {
      const before = withoutAnotA(own.form.slice(Math.max(0, own.at - CJK_WINDOW_BEFORE), own.at));
      const after = withoutAnotA(own.form.slice(own.at + own.phrase.length, own.at + own.phrase.length + CJK_WINDOW_AFTER));
      // A negation inside the cue itself is part of its meaning (안 보여요, 見えない): only one
      // that reaches outside the phrase covers it.
      if (negatedOutside(before + own.phrase + after, before.length, own.phrase.length, opts.pattern)) return 'negation';
      if (ZH_DENIED_BEFORE.test(own.form.slice(Math.max(0, own.at - 4), own.at))) return 'negation';
      if (CJK_AVOIDED_AFTER.test(after) || CJK_AVOIDED_BEFORE.test(before)) return 'negation';
    }
    const unasked = form.replace(JA_ASKED_TO_SAY, (m) => '。'.repeat(m.length));
    if (CJK_REPORTED.test(unasked.slice(Math.max(0, at - CJK_REPORTED_WINDOW_BEFORE), at + cjkPhrase.length + CJK_WINDOW_AFTER))) return 'reported';
    // The agent of a passive ("被工作人员怼了", scolded by the staff): something that happened.
    if (form.slice(Math.max(0, at - 1), at) === '被') return 'reported';
    // The subject of a reporting verb later in its sentence ("옆집 할머니가 대형폐기물은 전화로 신청하는
    // 거라고 하시던데", the grandmother next door said so): someone the visitor quotes (dev12).
    if (KO_REPORTING_SUBJECT.test(form.slice(at + cjkPhrase.length).split(/[.?!。？！]/u)[0] ?? '')) return 'reported';
    return null;
  }
  const m = locateLatin(text, phrase);
  if (!m) return null;
  const { tokens, at, length } = m;
  const own = locateLatin(withoutPoliteNegativeAsk(negationText), phrase);
  // A negator the pattern itself spells is part of the cue's meaning ("no sé qué hacer", "não
  // consigo ver", "can't read the screen"), which vetoed such cues until 2026-12-06; one matched
  // by a gap ("brauche *keinen* Mitarbeiter") still negates.
  const ownWords = patternWords(opts.pattern);
  // A cue that opens with its own subject ("ich schaff das alles nicht mehr", "I can't cope") starts
  // a clause: a negator before it belongs to the clause before ("…krieg ich die Bescheinigung nicht
  // ich schaff das alles nicht mehr", a voice transcript without commas; dev16 de-d16-e08,
  // 2026-12-07), unless a complementiser ties them ("nicht dass ich…", "not that I…").
  const opensClause = !!own && SUBJECT_PRONOUNS.has(own.tokens[own.at]!) && !COMPLEMENTISERS.has(own.tokens[own.at - 1] ?? '');
  const windowBefore = own && !opensClause ? withoutHedges(own.tokens.slice(Math.max(0, own.at - SCOPE_WINDOW_BEFORE), own.at)) : [];
  const negationWindow = own ? [...windowBefore, ...own.tokens.slice(own.at, own.at + own.length).filter((t) => !ownWords.has(t))] : [];
  if (negationWindow.some((t) => NEGATORS.has(t) || NEGATORS.has(`${t.split("'")[0]}'`) || t.endsWith("n't"))) return 'negation';
  // Reported speech also follows its subject: "the *staff* at counter 3 told me", "l'*agent* m'a dit".
  const after = tokens.slice(at + length, at + length + SCOPE_WINDOW_AFTER);
  // Likewise a reporting verb the pattern spells ("je *parle* un peu français") is the cue's own.
  const before = tokens.slice(Math.max(0, at - SCOPE_WINDOW_BEFORE), at);
  const inside = tokens.slice(at, at + length).filter((t) => !ownWords.has(t));
  if ([...before, ...inside, ...(opts.reportedSubject ? after : [])].some((t) => REPORTERS.has(t))) return 'reported';
  return null;
}

/** First-person or companion words before a cue ("I'm", "my mother", "我妈妈", "제가", "うちの"): the cue is about the visitor's party. */
const SELF_LATIN = new Set(['i', "i'm", 'im', 'me', 'my', 'we', "we're", 'our', 'us', 'je', "j'", 'suis', 'mon', 'ma', 'mes', 'nous', 'notre', 'moi', 'ich', 'bin', 'mein', 'meine', 'meiner', 'meinen', 'wir', 'unser', 'unsere', 'yo', 'soy', 'estoy', 'mi', 'mis', 'nosotros', 'eu', 'sou', 'estou', 'meu', 'minha', 'nos', 'nosso', 'nossa']);
const SELF_CJK = /我|私|僕|俺|うちの|母|父|祖母|祖父|連れ|제가|저는|저도|제|내가|나는|우리|엄마|아빠|어머니|아버지|할머니가|할아버지가/u;
/** Class-of-people words around a cue in the Latin-script languages ("people with", "for disabled users", "veteranos com"). */
const CLASS_LATIN = new Set([
  'people', 'persons', 'person', 'users', 'passengers', 'customers', 'visitors', 'travellers', 'travelers', 'those', 'anyone', 'someone', 'somebody', 'veterans', 'guests', 'residents', 'seniors', 'for',
  'personnes', 'gens', 'usagers', 'utilisateurs', 'passagers', 'clients', 'voyageurs', 'visiteurs', 'pour', 'anciens', 'combattants',
  'menschen', 'leute', 'personen', 'nutzer', 'reisende', 'fahrgaste', 'kunden', 'besucher', 'fur', 'jemand', 'veteranen',
  'personas', 'gente', 'usuarios', 'pasajeros', 'viajeros', 'visitantes', 'para', 'alguien', 'veteranos',
  'pessoas', 'passageiros', 'viajantes', 'alguem',
  // a place or service reserved for the class ("Tem vaga de idoso?", the senior parking spaces;
  // dev13 pt-d13-n13, 2026-12-07)
  'vaga', 'vagas', 'plaza', 'plazas', 'place', 'places', 'spot', 'spots', 'space', 'spaces', 'seat', 'seats', 'seating', 'asiento', 'asientos', 'assento', 'assentos',
  'parkplatz', 'parkplatze', 'sitzplatz', 'sitzplatze', 'estacionamento', 'estacionamiento', 'parking', 'priority', 'prioritaire', 'prioritaires', 'prioritario', 'prioritaria', 'preferencial', 'preferente', 'prioritat',
]);
/** Class-of-people words right after a CJK cue (行动不便的人, 残疾人士, 거동이 불편한 사람, 体の不自由な方). */
const CLASS_CJK_AFTER = /^(?:的|な|の|한|하는|하신|인|이신|이|을위한|를위한)?(?:人士|人群|群体|人们|人|者|方々|方|旅客|乘客|顾客|游客|军人|退伍军人|사람들|사람|분들|분|이용객|승객|고객|방문객|お客様|向け|用|용|자용)/u;

/**
 * True if the cue `phrase` inside `text` names a class of people rather than the visitor or someone
 * with them: an accessibility or eligibility question ("is the entrance accessible for people with
 * reduced mobility?", "bus pass for disabled veterans", "行动不便的人方便吗", "거동이 불편한 사람도").
 * Not when a first-person or companion word stands before the cue ("I'm in a wheelchair", "my
 * mother is disabled", "我妈妈行动不便", "제가 휠체어를 타요"). Used to veto vulnerable-visitor cues
 * the classifier does not support (`hybrid.ts`).
 */
export function genericReference(text: string, phrase: string): boolean {
  const cjk = locateCjk(text, phrase);
  if (cjk !== undefined) {
    if (cjk === null) return false;
    const { form, at, phrase: cjkPhrase } = cjk;
    if (SELF_CJK.test(form.slice(Math.max(0, at - 6), at + cjkPhrase.length))) return false;
    return CLASS_CJK_AFTER.test(form.slice(at + cjkPhrase.length)) || /(?:人|者)$/u.test(cjkPhrase);
  }
  // The lexicon matches word starts ("wheelchair user" in "wheelchair users").
  const m = locateLatin(text, phrase, (token, want, k, count) => token === want || (k === count - 1 && token.startsWith(want)));
  if (!m) return false;
  const { tokens, at, length } = m;
  const before = tokens.slice(Math.max(0, at - 4), at);
  if (before.some((t) => SELF_LATIN.has(t) || SELF_LATIN.has(`${t.split("'")[0]}'`)) || tokens.slice(at, at + length).some((t) => SELF_LATIN.has(t))) return false;
  const near = [...tokens.slice(Math.max(0, at - 3), at), ...tokens.slice(at + length, at + length + 1)];
  return near.some((t) => CLASS_LATIN.has(t));
}
