/**
 * Reading a turn in its conversation: a short follow-up on the article just answered ("How long
 * is it free?" after parking), a question the last questions' topic confirms, and the same
 * article asked again in other words (the answer did not help). Used by the embedded intake
 * (`engine.ts`, rules 5 and 6a).
 */
import type { KbSearchHit, KnowledgeBase } from './knowledgeBase.ts';
import { packFor, type Lang } from './lexicon/index.ts';
import type { TranscriptEntry } from './summary.ts';
import { analyze } from './text.ts';
import { sharesTopic } from './topics.ts';
import type { Previous } from './previousReply.ts';

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
 * score (0..1; below the answer threshold `DEFAULT_MIN_SCORE`, since the follow-up's own words dilute it).
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

/** The rules of this module over one knowledge base and answer threshold (`minScore`, 0..1). */
export interface FollowUpRules {
  /** The article `prev` answered, when `text` is a short follow-up on it (see {@link FOLLOW_UP_MAX_UNITS}); null otherwise. */
  followUpOf(prev: { id: string; question: string }, text: string, lang: Lang): KbSearchHit | null;
  /** The turn's own best article when the last {@link CONTEXT_TURNS} questions confirm it; null otherwise. */
  contextual(history: readonly TranscriptEntry[], text: string, lang: Lang): KbSearchHit | null;
  /** True when `text` asks about `article` again, in other words, right after it answered `prev`. */
  askedAgain(prev: Previous, text: string, article: KbSearchHit['article'], lang: Lang): prev is Extract<Previous, { kind: 'answered' }>;
}

/** {@link FollowUpRules} over `kb`; `minScore` is the engine's answer threshold (0..1 coverage). */
export function createFollowUpRules(kb: KnowledgeBase, minScore: number): FollowUpRules {
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

  return { followUpOf, contextual, askedAgain };
}
