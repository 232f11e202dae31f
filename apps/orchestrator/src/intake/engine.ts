/**
 * Embedded (offline, no cloud key) intake engine: answers visitor questions from the knowledge
 * base in the visitor's language, recognises greetings/thanks, and decides when to hand the
 * visitor to a human. Pure and stateless: everything it needs is in the turn input's history.
 */
import { DEFAULT_MIN_SCORE, type KbSearchHit, type KnowledgeBase } from './knowledgeBase.ts';
import { HANDLED_ELSEWHERE_CATEGORY } from './knowledgeBaseFile.ts';
import { findExtraPersonRequest, findLexiconMatch, languageOrder, matchForm, stripLexicon, type ExtraRequestMatch, type LexiconMatch } from './lexicon.ts';
import { isLang, LANGS, packFor, type Lang } from './lexicon/index.ts';
import { clip, summarizeTranscript, type TranscriptEntry } from './summary.ts';
import { contentTokens, similarity } from '../policy/conversation.ts';
import { asksBesides } from './greeting.ts';
import { analyze, opensFollowUp } from './text.ts';
import { foldChinese, toSimplified } from './chinese.ts';
import { sharesTopic } from './topics.ts';
import { classifierRequestVeto, declinesPerson, type RequestVeto } from './requestVeto.ts';

/**
 * Content similarity (Jaccard, see `policy/conversation.ts`) from which a question opening with
 * "and ..." about the article just answered counts as the same question again (a failure) rather
 * than a follow-up ("how much is it?" then "and can I pay by card?" both hit the fees article).
 * Without such an opening, asking about the same article right after its answer is a failure
 * when the two questions share a topic term ({@link sharesTopic}), else a follow-up.
 */
export const FOLLOW_UP_REPEAT = 0.5;
/**
 * A short turn right after this engine's article answer is read as a follow-up on that article
 * when it has at most this many content words (after stopwords)...
 */
export const FOLLOW_UP_MAX_UNITS = 4;
/**
 * ...and the previous question plus this turn find the same article with at least this coverage
 * score (0..1; below {@link DEFAULT_MIN_SCORE}, since the follow-up's own words dilute it).
 */
export const FOLLOW_UP_MIN_SCORE = 0.4;
/** ...and the follow-up alone matches that article with at least this score (some of its own words are in it). */
export const FOLLOW_UP_OWN_MIN_SCORE = 0.2;
/**
 * A short question whose best article is not the one just answered still follows that article
 * when its own score for it is at most this much below the best (and the best is not a perfect
 * match): "How long is it free?" after parking scores Wi-Fi 0.79 and parking 0.75.
 */
export const FOLLOW_UP_MARGIN = 0.15;
/**
 * Conversation context: a question whose best article scores below the answer threshold is
 * answered with that article when the visitor's last {@link CONTEXT_TURNS} questions point to it
 * too: its own score plus theirs reaches {@link CONTEXT_MIN_SUM}, its own score is at least
 * {@link CONTEXT_OWN_MIN_SCORE} and the sum leads the next article's by {@link CONTEXT_MARGIN}
 * ("Ela disse que eu tinha que marcar hora pro My Number. Como marco?" appointments 0.52, then
 * "Dá pra marcar pelo celular?" 0.59). The context only confirms the turn's own best article,
 * never picks another one ("Comment renouveler mon visa de travail ?" then "Quels documents
 * faut-il apporter ?" stays unanswered although both score residence certificates 0.41 and 0.57:
 * the second's own best is birth registration). Chosen on the readable multi-turn set
 * `escalation-dev2` (false escalation 0.063 -> 0.045, recall unchanged); see the README for the
 * held-out figures.
 */
export const CONTEXT_TURNS = 2;
/** Minimum sum of the turn's own score and the earlier questions' scores for the article (scores are 0..1 coverage). */
export const CONTEXT_MIN_SUM = 0.85;
/** Minimum own score of the turn for the article (its own words must be about it). */
export const CONTEXT_OWN_MIN_SCORE = 0.4;
/** Minimum lead of the article's sum over the next article's sum. */
export const CONTEXT_MARGIN = 0.15;
/** Sentence marks removed when a follow-up is joined to its question (scored as one query). */
const SENTENCE_MARK = /[.?!。？！¿¡]+/gu;

export { sharesTopic };
export { classifierRequestVeto, declinesPerson, REQUEST_VETO_BELOW } from './requestVeto.ts';
export { summarizeTranscript, type TranscriptEntry } from './summary.ts';
/** Minimum article score (0..1 query coverage) to answer; re-exported from `knowledgeBase.ts`. */
export { DEFAULT_MIN_SCORE } from './knowledgeBase.ts';

/** Confidence reported for lexicon-based decisions (pattern hits are precise but not certain). */
export const LEXICON_CONFIDENCE = 0.9;
export { asksBesides, GREETING_QUESTION_CJK_CHARS, GREETING_QUESTION_CJK_CONTENT, GREETING_QUESTION_UNITS } from './greeting.ts';

/** Confidence reported for an explicit request for a person. */
export const EXPLICIT_REQUEST_CONFIDENCE = 0.95;

/** One visitor turn. `history` holds the earlier turns, oldest first, without the current text. */
export interface IntakeTurnInput {
  text: string;
  language: Lang;
  history: TranscriptEntry[];
}

/** Why the visitor is being handed to a human. */
export type EscalationReason = 'explicit_request' | 'out_of_scope' | 'repeated_failure';

/** Hand-off decision with a human-readable trace of what triggered it (quotes the utterance). */
export interface Escalation {
  reason: EscalationReason;
  evidence: string;
}

/**
 * Result of one turn.
 * - `reply`: what the kiosk says, in the visitor's language (article answer or catalog string).
 * - `intent`: `'kb:<articleId>' | 'greeting' | 'thanks' | 'request_person' | 'decline' | 'unknown'`
 *   (`decline` = the visitor said "no" to the offer of a staff member).
 * - `confidence` (0..1): article score for `kb:*`; {@link EXPLICIT_REQUEST_CONFIDENCE} or
 *   {@link LEXICON_CONFIDENCE} for lexicon decisions; `1 - best score` for `unknown`.
 * - `articles`: up to 3 best knowledge-base matches (title in the visitor's language), even when
 *   none was good enough to answer — useful context for the human.
 * - `escalation`: non-null when the visitor should be handed to a person now.
 */
export interface IntakeTurnResult {
  reply: string;
  intent: string;
  confidence: number;
  articles: { id: string; title: string; score: number; version?: number }[];
  escalation: Escalation | null;
  /**
   * True when the answer is a "handled elsewhere" article ({@link HANDLED_ELSEWHERE_CATEGORY}): the
   * reply says where to go, and the policy counts the turn as unanswered by this office.
   */
  handledElsewhere?: boolean;
  /**
   * For `unknown`: the covered article the question is close to ({@link KnowledgeBase.nearTopic};
   * `probability` 0..1), a detail of a topic the office handles that no article holds. The policy
   * does not count such a turn as unanswered (out of scope), and two of them in a row do not hand
   * off as `out_of_scope`.
   */
  nearArticle?: { id: string; probability: number };
}

/** Options for {@link createEmbeddedIntake}. */
export interface EmbeddedIntakeOptions {
  /** Minimum article score to answer (0..1); default {@link DEFAULT_MIN_SCORE}. */
  minScore?: number;
  /**
   * Decides whether a lexicon request for a person is not meant (negated, reported, declined):
   * default {@link classifierRequestVeto} (the embedded escalation classifier); `null` = never veto.
   */
  requestVeto?: RequestVeto | null;
}

/** The embedded intake: `respond` per visitor turn, `summarize` for the handoff package. */
export interface EmbeddedIntake {
  respond(input: IntakeTurnInput): IntakeTurnResult;
  /** {@link summarizeTranscript} with this engine's knowledge base and threshold. */
  summarize(entries: readonly TranscriptEntry[], language: Lang): string;
}

type Previous =
  | { kind: 'none' }
  | { kind: 'answered'; id: string; question: string; /** The reply was this engine's own article answer (not re-classified from the question). */ own?: boolean }
  | { kind: 'unknown'; question: string }
  | { kind: 'other'; question: string };

const key = (text: string) => matchForm(text, 'cjk');
const q = (text: string) => `"${clip(text)}"`;

/** Where a reply's first clause ends: a comma, a dash or tilde, or a sentence mark. */
const FIRST_CLAUSE_END = /[,，、~〜…!！.。;；]|\s[-–—]\s/u;

/**
 * The decline lexicon's match for the first clause of `text` when the rest asks nothing: no
 * question mark and, per `asks` (the engine: an article answers it), no question without one.
 * "nah you're alright, already done it, ta", "아뇨 괜찮아요~ 사진 찍고 다시 올게요" decline the offer
 * of a person and add a remark (dev5, 2026-12-06); "No thanks, but where is the toilet?", "不用，
 * 停车场在哪", "No, I need to register my baby's birth." are new questions, read as such. Null when
 * the first clause is the whole text or no decline.
 */
export function declineThenRemark(text: string, lang: Lang, asks: (rest: string) => boolean = () => false): LexiconMatch | null {
  const end = FIRST_CLAUSE_END.exec(text);
  if (!end || end.index === 0) return null;
  const rest = text.slice(end.index + end[0].length);
  if (!rest.trim() || /[?？¿]/u.test(rest) || asks(rest)) return null;
  return findLexiconMatch(text.slice(0, end.index), 'decline', [lang]);
}

/**
 * Creates the embedded intake over `kb`.
 *
 * Rules, in order:
 * 1. explicit request for a person (any language's lexicon) -> escalate `explicit_request`,
 *    unless `requestVeto` says it is negated or reported ("I don't need a person, just...");
 * 2. "yes" right after the kiosk offered a staff member ("not sure" reply) -> escalate
 *    `explicit_request`;
 * 3. "no" right after the offer or a handled-elsewhere answer -> `decline` ("anything else?"),
 *    also with a remark after it that asks nothing ({@link declineThenRemark});
 * 4. negative feedback ("that didn't help") after a reply -> escalate `repeated_failure` if the
 *    reply was an article answer, `out_of_scope` if it was the "not sure" reply;
 * 5. article hit >= `minScore` (greetings/thanks stripped first) -> the article's answer, unless
 *    the same article was just answered or the same question was asked before -> escalate
 *    `repeated_failure`; a handled-elsewhere article ({@link HANDLED_ELSEWHERE_CATEGORY}) right
 *    after a question the office could not answer -> escalate `out_of_scope` (also when found by
 *    6a's rules);
 * 6. greeting -> `greeting`; thanks/bye -> `thanks`; not when a question of its own is left
 *    after the greeting or thanks words ({@link asksBesides});
 * 6a. a short follow-up on the article just answered, or a question whose own best article the
 *    last two questions confirm ({@link CONTEXT_MIN_SUM}) -> that article's answer;
 * 7. otherwise `unknown` (the "not sure" reply offers a person); a second question in a row
 *    that the office cannot answer (no article, or a "handled elsewhere" article,
 *    {@link HANDLED_ELSEWHERE_CATEGORY}) -> escalate `out_of_scope`, unless either turn declines a
 *    person ({@link declinesPerson}) or either unanswered question is near a covered article
 *    ({@link IntakeTurnResult.nearArticle});
 *    an unknown question asked twice -> escalate `repeated_failure`.
 * A request for a person that the veto drops is searched without its own words.
 * The previous reply is recognised by comparing the last assistant text with the catalog and
 * article answers; if it is not recognised (another engine wrote it), the previous visitor
 * question is re-classified instead.
 */
export function createEmbeddedIntake(kb: KnowledgeBase, opts: EmbeddedIntakeOptions = {}): EmbeddedIntake {
  const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
  const requestVeto = opts.requestVeto === undefined ? classifierRequestVeto : opts.requestVeto;
  // Article answers by text, to recognise the previous reply; rebuilt when an editor publishes.
  let answers = new Map<string, string>();
  let answersRevision = -1;
  const answerIndex = () => {
    if (answersRevision !== kb.revision) {
      answers = new Map();
      for (const a of kb.articles) for (const l of LANGS) answers.set(key(a.content[l].answer), a.id);
      answersRevision = kb.revision;
    }
    return answers;
  };
  const offers = new Set(LANGS.map((l) => key(packFor(l).replies.unknown)));
  // The near-topic "not sure" reply names an article: recognised by the text around `{topic}`.
  const nearOffers = LANGS.map((l) => packFor(l).replies.unknownNear.split('{topic}').map(key) as [string, string]);
  const isOffer = (said: string) =>
    offers.has(said) || nearOffers.some(([before, after]) => said.length > before.length + after.length && said.startsWith(before) && said.endsWith(after));
  const otherReplies = new Set(
    LANGS.flatMap((l) => {
      const r = packFor(l).replies;
      return [r.greeting, r.thanks, r.anythingElse, ...Object.values(r.escalation)].map(key);
    }),
  );

  function searchKb(text: string, lang: Lang) {
    const greeting = findLexiconMatch(text, 'greeting', languageOrder(lang));
    const thanks = findLexiconMatch(text, 'thanks', languageOrder(lang));
    const stripLang = greeting?.lang ?? thanks?.lang ?? lang;
    const residual = greeting || thanks ? stripLexicon(text, stripLang, ['greeting', 'thanks']) : text;
    const { hits } = residual ? kb.searchWithFallback(residual, lang, minScore) : { hits: [] as KbSearchHit[] };
    const best = hits[0] && hits[0].score >= minScore ? hits[0] : null;
    // A greeting or thanks with a question the knowledge base cannot answer behind it is that
    // question, not a greeting: replying "Hello! How can I help?" ignores it, and the policy
    // would count the turn as answered.
    const asks = (greeting || thanks) && residual ? asksBesides(residual, lang, !!greeting, /[?？]/u.test(text)) : false;
    return { greeting: asks ? null : greeting, thanks: asks ? null : thanks, hits, best };
  }

  function previous(history: readonly TranscriptEntry[], lang: Lang): Previous {
    const i = history.findLastIndex((e) => e.role === 'assistant');
    if (i < 0) return { kind: 'none' };
    const question = history.slice(0, i).findLast((e) => e.role === 'visitor')?.text ?? '';
    const said = key(history[i]!.text);
    const answered = answerIndex().get(said);
    if (answered) return { kind: 'answered', id: answered, question, own: true };
    if (isOffer(said)) return { kind: 'unknown', question };
    if (otherReplies.has(said) || !question) return { kind: 'other', question };
    // Unrecognised reply (e.g. written by another engine): judge by the question instead.
    if (findLexiconMatch(question, 'requestPerson', languageOrder(lang)) ?? findExtraPersonRequest(question)) return { kind: 'other', question };
    const { best, greeting, thanks } = searchKb(question, lang);
    if (best) return { kind: 'answered', id: best.article.id, question };
    // ...or by the conversation it was asked in (the rule this engine would have applied).
    const asked = history.slice(0, i).findLastIndex((e) => e.role === 'visitor');
    const inContext = greeting || thanks ? null : contextual(history.slice(0, asked), question, lang);
    if (inContext) return { kind: 'answered', id: inContext.article.id, question };
    return greeting || thanks ? { kind: 'other', question } : { kind: 'unknown', question };
  }

  /**
   * The article `prev` answered, when `text` read together with the question it answered finds
   * that article again with a score of at least {@link FOLLOW_UP_MIN_SCORE}, `text` alone has at
   * most {@link FOLLOW_UP_MAX_UNITS} content words (a short follow-up, not a new question) and
   * matches the article with at least {@link FOLLOW_UP_OWN_MIN_SCORE}.
   */
  function followUpOf(prev: { id: string; question: string }, text: string, lang: Lang): KbSearchHit | null {
    if (analyze(text, packFor(lang)).units.length > FOLLOW_UP_MAX_UNITS) return null;
    // The follow-up's own words must be about that article too ("how long is it free?" after
    // parking), not only the question before it ("what's the weather tomorrow?" is not).
    const own = kb.search(text, lang, kb.articles.length).find((h) => h.article.id === prev.id);
    if (!own || own.score < FOLLOW_UP_OWN_MIN_SCORE) return null;
    const top = kb.search(`${prev.question} ${text}`.replace(SENTENCE_MARK, ' '), lang, 1)[0];
    return top && top.article.id === prev.id && top.score >= FOLLOW_UP_MIN_SCORE ? top : null;
  }

  /**
   * True when `text` names something the article's answer covers that `previous` did not ask
   * about: a follow-up on another facet ("Where do we register our marriage?" then "Do we need
   * witnesses for the marriage registration?"), not the same question in other words ("When are
   * you open?" then "What are your opening hours?": "hours" is only in the title).
   */
  function asksNewFacet(previous: string, text: string, article: { content: Record<Lang, { answer: string }> }, lang: Lang): boolean {
    const pack = packFor(lang);
    const before = new Set(analyze(previous, pack).terms);
    const answer = new Set(analyze(article.content[lang].answer, pack).terms);
    return analyze(text, pack).units.some((u) => !before.has(u.text) && (answer.has(u.text) || (u.parts.length > 0 && u.parts.some((p) => answer.has(p) && !before.has(p)))));
  }

  /**
   * The turn's own best article when the conversation confirms it ({@link CONTEXT_MIN_SUM}): its
   * word-search score for `text` plus its scores for the last {@link CONTEXT_TURNS} visitor
   * questions in `history`. The hit's `score` is the turn's own score. Null when it does not qualify.
   */
  function contextual(history: readonly TranscriptEntry[], text: string, lang: Lang): KbSearchHit | null {
    const earlier = history.filter((e) => e.role === 'visitor').slice(-CONTEXT_TURNS);
    const own = kb.search(text, lang, kb.articles.length);
    const top = own[0];
    if (!earlier.length || !top || top.score < CONTEXT_OWN_MIN_SCORE) return null;
    const sum = new Map<string, number>(own.map((h) => [h.article.id, h.score]));
    for (const e of earlier) for (const h of kb.search(e.text, lang, kb.articles.length)) sum.set(h.article.id, (sum.get(h.article.id) ?? 0) + h.score);
    const mine = sum.get(top.article.id)!;
    const next = Math.max(0, ...[...sum].filter(([id]) => id !== top.article.id).map(([, v]) => v));
    return mine >= CONTEXT_MIN_SUM && mine - next >= CONTEXT_MARGIN ? top : null;
  }

  /**
   * True when `text` asks about `article` again right after that article answered `prev`, in
   * other words (a shared topic term, {@link sharesTopic}) and not about another facet of it
   * ({@link asksNewFacet}): the answer did not help.
   */
  function askedAgain(prev: Previous, text: string, article: KbSearchHit['article'], lang: Lang): prev is Extract<Previous, { kind: 'answered' }> {
    return prev.kind === 'answered' && prev.id === article.id && sharesTopic(prev.question, text) && !asksNewFacet(prev.question, text, article, lang) && !addsOtherTopic(prev.question, text, article.id, lang);
  }

  /**
   * True when the words `text` adds to `previous` (its content units not in `previous`) name
   * another article on their own (best hit another article, score >= `minScore`): the visitor
   * combines the topic with something else ("Can I get my residence certificate at a convenience
   * store?" then "Which stores do that, and until what time?": "time" is about hours), which is a
   * new question about the article, not the same one again.
   */
  function addsOtherTopic(previous: string, text: string, id: string, lang: Lang): boolean {
    const pack = packFor(lang);
    const before = new Set(analyze(previous, pack).terms);
    const added = analyze(text, pack).units.filter((u) => !before.has(u.text) && !u.parts.some((p) => before.has(p)));
    if (!added.length) return false;
    const top = kb.search(added.map((u) => u.text).join(' '), lang, 1)[0];
    return !!top && top.article.id !== id && top.score >= minScore;
  }

  function respond(input: IntakeTurnInput): IntakeTurnResult {
    const result = answer(input);
    const id = result.intent.startsWith('kb:') ? result.intent.slice(3) : null;
    return id && kb.get(id)?.category === HANDLED_ELSEWHERE_CATEGORY ? { ...result, handledElsewhere: true } : result;
  }

  function answer(input: IntakeTurnInput): IntakeTurnResult {
    const lang = input.language;
    // Traditional Chinese is searched in Simplified, the knowledge base's script (./chinese.ts).
    const text = foldChinese(input.text, lang);
    const pack = packFor(lang);
    const history = lang === 'zh' ? input.history.map((e) => ({ ...e, text: toSimplified(e.text) })) : [...input.history];
    const lastEntry = history.at(-1);
    if (lastEntry?.role === 'visitor' && key(lastEntry.text) === key(text)) history.pop(); // tolerate history incl. current
    const prev = previous(history, lang);
    const person = findLexiconMatch(text, 'requestPerson', languageOrder(lang)) ?? findExtraPersonRequest(text);
    const vetoed = !!person && !!requestVeto?.(text, lang, person.phrase);
    // A vetoed request ("I don't need a staff member, just tell me where the bus stop is") is
    // searched without its own words, which otherwise pull in articles about staff and counters.
    const searched = vetoed ? stripLexicon(text, isLang(person.lang) ? person.lang : lang, ['requestPerson']) || text : text;
    const { greeting, thanks, hits, best } = searchKb(searched, lang);
    const toArticles = (found: readonly KbSearchHit[]) => found.map((h) => ({ id: h.article.id, title: h.article.content[lang].title, score: h.score, ...(h.article.version ? { version: h.article.version } : {}) }));
    const articles = toArticles(hits);
    const topScore = hits[0]?.score ?? 0;
    const escalate = (reason: EscalationReason, evidence: string, confidence: number, intent?: string): IntakeTurnResult => ({
      reply: pack.replies.escalation[reason],
      intent: intent ?? (reason === 'explicit_request' ? 'request_person' : best ? `kb:${best.article.id}` : 'unknown'),
      confidence,
      articles,
      escalation: { reason, evidence },
    });
    const plain = (reply: string, intent: string, confidence: number): IntakeTurnResult => ({
      reply,
      intent,
      confidence,
      articles,
      escalation: null,
    });
    const said = (m: LexiconMatch | ExtraRequestMatch) => `"${m.phrase}" (${m.category}, ${m.lang}) in ${q(input.text)}`;

    if (!text.trim()) return plain(pack.replies.greeting, 'unknown', 0);

    if (person && !vetoed) {
      // What the request is about, without its own words ("talk to someone about my tax
      // certificate": the words of the request otherwise pull in articles with chatty questions).
      const about = stripLexicon(text, isLang(person.lang) ? person.lang : lang, ['requestPerson']);
      // Only when something is left beyond single characters ("我要找人工" leaves "找", "find",
      // which named lost-and-found as the topic).
      const aboutHits = about && analyze(about, packFor(lang)).units.some((u) => Array.from(u.text).length > 1) ? kb.search(about, lang) : [];
      const result = escalate('explicit_request', `explicit request for a person: ${said(person)}`, EXPLICIT_REQUEST_CONFIDENCE);
      // The articles of what the request is about, none when it is about nothing in particular
      // (the whole turn's hits come from the request's own words).
      return { ...result, articles: toArticles(aboutHits) };
    }

    // The previous question went unanswered by this office: no article, or a "handled elsewhere" one.
    const prevElsewhere = prev.kind === 'answered' && kb.get(prev.id)?.category === HANDLED_ELSEWHERE_CATEGORY;
    const prevUnanswered = prev.kind === 'unknown' || prevElsewhere;
    // "Yes" accepts the person the "not sure" reply asks about. A handled-elsewhere answer only
    // says staff can help: "ok thanks" after it is an acknowledgement, not a request (review).
    const affirm = prev.kind === 'unknown' ? findLexiconMatch(text, 'affirm', [lang]) : null;
    if (affirm) {
      return escalate('explicit_request', `accepted the offer of a staff member: ${said(affirm)}`, LEXICON_CONFIDENCE);
    }

    // "No" after either is a decline ("No, está bien así" after the passport referral).
    const decline = prevUnanswered ? (findLexiconMatch(text, 'decline', [lang]) ?? declineThenRemark(text, lang, (rest) => !!searchKb(rest, lang).best)) : null;
    if (decline) return plain(pack.replies.anythingElse, 'decline', LEXICON_CONFIDENCE);

    const negative = findLexiconMatch(text, 'negativeFeedback', languageOrder(lang));
    if (negative && prev.kind === 'answered') {
      return escalate(
        'repeated_failure',
        `negative feedback ${said(negative)} after the answer kb:${prev.id} to ${q(prev.question)}`,
        LEXICON_CONFIDENCE,
        `kb:${prev.id}`,
      );
    }
    if (negative && prev.kind === 'unknown') {
      return escalate('out_of_scope', `negative feedback ${said(negative)} after unanswered ${q(prev.question)}`, LEXICON_CONFIDENCE);
    }

    const earlier = history.filter((e) => e.role === 'visitor' && key(e.text) === key(text) && key(text));
    // A short question that fits the article just answered about as well as another article is
    // read in context ("Where can I park?" then "How long is it free?": parking, not Wi-Fi).
    const declined = () => declinesPerson(text, lang, requestVeto) || (prev.kind !== 'none' && declinesPerson(prev.question, lang, requestVeto));
    // Still needing a matter the office does not handle, right after a question it could not
    // answer (no article, or a handled-elsewhere one): out of scope, whichever rule found the
    // article (word search, a follow-up, the conversation's context).
    const stillElsewhere = (article: KbSearchHit['article'], score: number): IntakeTurnResult | null =>
      article.category === HANDLED_ELSEWHERE_CATEGORY && prevUnanswered && !(prev.kind === 'unknown' && kb.nearTopic(prev.question, lang)) && !declined()
        ? escalate('out_of_scope', `handled elsewhere (kb:${article.id}) after a question without an answer here: ${q(prev.question)} then ${q(input.text)}`, score, `kb:${article.id}`)
        : null;
    if (best && prev.kind === 'answered' && prev.own && prev.id !== best.article.id && best.score < 1 && !earlier.length) {
      const own = hits.find((h) => h.article.id === prev.id) ?? kb.search(text, lang, kb.articles.length).find((h) => h.article.id === prev.id);
      const carried = own && own.score >= best.score - FOLLOW_UP_MARGIN ? followUpOf(prev, text, lang) : null;
      if (carried) return stillElsewhere(carried.article, own!.score) ?? plain(carried.article.content[lang].answer, `kb:${carried.article.id}`, own!.score);
    }
    if (best) {
      const id = best.article.id;
      const followUp = prev.kind === 'answered' && opensFollowUp(text) && similarity(contentTokens(prev.question), contentTokens(text)) < FOLLOW_UP_REPEAT;
      const elsewhere = stillElsewhere(best.article, best.score);
      if (elsewhere) return elsewhere;
      // Same article right after its answer: a failure when the visitor asks the same thing in
      // other words (a shared topic term), a follow-up on another facet of the article otherwise.
      if (!followUp && askedAgain(prev, text, best.article, lang)) {
        return escalate('repeated_failure', `asked about kb:${id} again right after that answer: ${q(prev.question)} then ${q(input.text)}`, best.score);
      }
      if (earlier.length) return escalate('repeated_failure', `same question asked twice: ${q(input.text)}`, best.score);
      return plain(best.article.content[lang].answer, `kb:${id}`, best.score);
    }

    if (greeting) return plain(pack.replies.greeting, 'greeting', LEXICON_CONFIDENCE);
    if (thanks) return plain(pack.replies.thanks, 'thanks', LEXICON_CONFIDENCE);

    // A follow-up on the article just answered ("Is that possible on Saturday too?", "何時間まで
    // 無料？"): too short to find the article alone, found with the question it follows.
    const carried = prev.kind === 'answered' && prev.own && !earlier.length ? followUpOf(prev, text, lang) : null;
    if (carried) return stillElsewhere(carried.article, minScore) ?? plain(carried.article.content[lang].answer, `kb:${carried.article.id}`, minScore);

    const inContext = !earlier.length ? contextual(history, text, lang) : null;
    if (inContext) {
      const id = inContext.article.id;
      const elsewhere = stillElsewhere(inContext.article, inContext.score);
      if (elsewhere) return elsewhere;
      if (askedAgain(prev, text, inContext.article, lang)) {
        return escalate('repeated_failure', `asked about kb:${id} again right after that answer: ${q(prev.question)} then ${q(input.text)}`, inContext.score);
      }
      // Reported at the answer threshold, like a follow-up: the article is the conversation's answer.
      return plain(inContext.article.content[lang].answer, `kb:${id}`, minScore);
    }

    const unsure = Math.round((1 - topScore) * 1000) / 1000;
    const near = kb.nearTopic(searched, lang);
    // A detail of a covered topic the articles do not hold (now or in the question before) is not
    // out of scope: the "not sure" reply offers a person, and the visitor can accept.
    const nearNowOrBefore = !!near || (prev.kind === 'unknown' && !!kb.nearTopic(prev.question, lang));
    // "No need for staff, just tell me what to bring": the visitor has just said they do not want
    // a person, so a second question the knowledge base misses is not handed to staff against
    // that; the "not sure" reply still offers one.
    if (prevUnanswered && !nearNowOrBefore && !declined()) {
      return escalate('out_of_scope', `two questions in a row without an answer: ${q(prev.question)} then ${q(input.text)}`, unsure);
    }
    if (earlier.length) return escalate('repeated_failure', `same question asked twice: ${q(input.text)}`, unsure);
    if (!near) return plain(pack.replies.unknown, 'unknown', unsure);
    // Name the topic whose detail is missing, so the visitor knows they were understood.
    const topic = kb.articles.find((a) => a.id === near.id)?.content[lang].title;
    return { ...plain(topic ? pack.replies.unknownNear.replace('{topic}', topic) : pack.replies.unknown, 'unknown', unsure), nearArticle: near };
  }

  return {
    respond,
    summarize: (entries, language) => summarizeTranscript(entries, language, kb, minScore),
  };
}
