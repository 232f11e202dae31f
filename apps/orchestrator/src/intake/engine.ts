/**
 * Embedded (offline, no cloud key) intake engine: answers visitor questions from the knowledge
 * base in the visitor's language, recognises greetings/thanks, and decides when to hand the
 * visitor to a human. Pure and stateless: everything it needs is in the turn input's history.
 */
import { DEFAULT_MIN_SCORE, type KbSearchHit, type KnowledgeBase } from './knowledgeBase.ts';
import { HANDLED_ELSEWHERE_CATEGORY } from './knowledgeBaseFile.ts';
import { findExtraPersonRequest, findLexiconMatch, languageOrder, stripLexicon, stripLexiconKeepingSentences, type ExtraRequestMatch, type LexiconMatch } from './lexicon.ts';
import { isLang, packFor, type Lang } from './lexicon/index.ts';
import { clip, summarizeTranscript, type TranscriptEntry } from './summary.ts';
import { contentTokens, declinesOffer, similarity } from '../policy/conversation.ts';
import { asksBesides } from './greeting.ts';
import { analyze, opensFollowUp } from './text.ts';
import { foldChinese, toSimplified } from './chinese.ts';
import { createFollowUpRules, FOLLOW_UP_MARGIN, FOLLOW_UP_REPEAT } from './followUp.ts';
import { createReplyRecognizer, replyKey, type Previous } from './previousReply.ts';
import { classifierRequestVeto, declinesPerson, type RequestVeto } from './requestVeto.ts';


export { sharesTopic } from './topics.ts';
export { CONTEXT_MARGIN, CONTEXT_MIN_SUM, CONTEXT_OWN_MIN_SCORE, CONTEXT_TURNS, FOLLOW_UP_MARGIN, FOLLOW_UP_MAX_UNITS, FOLLOW_UP_MIN_SCORE, FOLLOW_UP_OWN_MIN_SCORE, FOLLOW_UP_REPEAT } from './followUp.ts';
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

const key = replyKey;
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
  // The kiosk's previous reply, recognised by its text (article answers rebuilt when an editor publishes).
  const replies = createReplyRecognizer(kb);
  const { followUpOf, contextual, askedAgain } = createFollowUpRules(kb, minScore);

  function searchKb(text: string, lang: Lang) {
    const greeting = findLexiconMatch(text, 'greeting', languageOrder(lang));
    const thanks = findLexiconMatch(text, 'thanks', languageOrder(lang));
    const stripLang = greeting?.lang ?? thanks?.lang ?? lang;
    const residual = greeting || thanks ? stripLexiconKeepingSentences(text, stripLang, ['greeting', 'thanks']) : text;
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
    const said = replies.recognize(history[i]!.text);
    if (said?.kind === 'answer') return { kind: 'answered', id: said.id, question, own: true };
    if (said?.kind === 'offer') return { kind: 'unknown', question };
    if (said?.kind === 'catalog' || !question) return { kind: 'other', question };
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

    // Turning down what the reply just offered ("no no, no hace falta molestar a nadie, dime solo
    // si...", policy/conversation.ts `declinesOffer`): its "no" is no negative feedback, and it
    // declines a person like a negated request does (the policy reads it the same way).
    const declinedOffer = declinesOffer(text, history.findLast((e) => e.role === 'assistant')?.text);
    const negative = declinedOffer ? null : findLexiconMatch(text, 'negativeFeedback', languageOrder(lang));
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
    const declined = () => declinedOffer || declinesPerson(text, lang, requestVeto) || (prev.kind !== 'none' && declinesPerson(prev.question, lang, requestVeto));
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
