/**
 * Word search over the knowledge base's articles in one language: MiniSearch BM25 turned into
 * *query coverage* (0..1), the share of the question's content words an article matches, so that
 * one answer threshold works across questions and languages. The retrieval rules that decide
 * what answers (the article classifier, agreement, near topics) are in `knowledgeBase.ts`.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { packFor, type Lang } from './lexicon/index.ts';
import { analyze, hasCjk, normalizeText, registerCompoundVocabulary, type QueryUnit } from './text.ts';
import { informativeness, visitorWordStats, type VisitorWordStats } from './visitorWords.ts';
import type { Article } from './knowledgeBaseFile.ts';

/** The word index of one language ({@link buildWordIndex}). */
export interface WordIndex {
  search: MiniSearch;
  /** term -> number of articles containing it (for idf weighting of query units). */
  df: Map<string, number>;
  /** Terms of the articles' own text (title, keywords, answer), not only of their example questions. */
  core: Set<string>;
  /** Number of articles indexed. */
  total: number;
}

/** One article's word-search result: `score` is query coverage (0..1, unrounded), `raw` the BM25 score. */
export interface WordHit {
  id: string;
  score: number;
  raw: number;
}

/** Field boosts: keywords are curated synonyms, titles name the topic, answers add recall. */
const BOOST = { keywords: 3, title: 2, questions: 1.5, answer: 1 } as const;
/** Query-unit weight when it only matched by prefix or typo tolerance (exact = 1). */
const PARTIAL_MATCH_WEIGHT = 0.75;
/** Query-unit weight when only some of its CJK bigrams matched (scaled by the fraction). */
const BIGRAM_MATCH_WEIGHT = 0.9;
/** Factor for a term found only in the answer text, not in the title or keywords. */
const ANSWER_ONLY_WEIGHT = 0.5;
/**
 * Factor for a term found only in the example questions (not the title or keywords). Chosen on
 * `data/knowledge-eval` (0.5 / 0.6 / 0.65 / 0.75 / 1 tried; 2026-12-05): at 0.6 held-out visitor
 * questions answered right 41.7% -> 46.8%, answered with a wrong article 5.8% -> 6.3%, questions
 * no article answers answered 4.2% -> 2.9%; at 1, 49.2% right but 12.7% wrong.
 */
const QUESTION_ONLY_WEIGHT = 0.6;
/** How much a match in each field counts (the best field wins). */
const FIELD_WEIGHT: Record<string, number> = { title: 1, keywords: 1, questions: QUESTION_ONLY_WEIGHT, answer: ANSWER_ONLY_WEIGHT };
/** Field factor assumed for a typo-tolerant match (the document term is not identifiable). */
const FUZZY_FIELD_WEIGHT = 0.8;
/** Share of the score that depends on raw BM25 relative to the best result (ranks ties). */
const RELATIVE_RANK_SHARE = 0.3;

export function buildWordIndex(articles: readonly Article[], lang: Lang): WordIndex {
  const pack = packFor(lang);
  if (pack.decompound) {
    const words = articles.flatMap((a) => [a.content[lang].title, ...a.content[lang].keywords, a.content[lang].answer, ...a.content[lang].questions]);
    registerCompoundVocabulary(pack, words.flatMap((t) => normalizeText(t).split(/[^\p{L}\p{N}]+/u)));
  }
  const search = new MiniSearch({
    fields: ['title', 'keywords', 'questions', 'answer'],
    tokenize: (text) => analyze(text, pack).terms,
    processTerm: (term) => term,
    searchOptions: {
      boost: BOOST,
      prefix: (term) => hasCjk(term) || term.length >= 3,
      fuzzy: (term) => (!hasCjk(term) && term.length >= 4 ? 0.2 : false),
    },
  });
  const df = new Map<string, number>();
  const core = new Set<string>();
  const docs = articles.map((a) => {
    const c = a.content[lang];
    const doc = { id: a.id, title: c.title, keywords: c.keywords.join('\n'), questions: c.questions.join('\n'), answer: c.answer };
    const own = [doc.title, doc.keywords, doc.answer].flatMap((t) => analyze(t, pack).terms);
    for (const t of own) core.add(t);
    const terms = new Set([...own, ...analyze(doc.questions, pack).terms]);
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
    return doc;
  });
  search.addAll(docs);
  return { search, df, core, total: articles.length };
}

/**
 * Every article matching `query` in `language`, best first (by score, then raw BM25); see
 * `KnowledgeBase.search` for how the score is computed. A query with several sentences is also
 * scored per sentence and clause, and each article keeps its best score. `[]` for a query with
 * no content words.
 */
export function searchWords(index: WordIndex, query: string, language: Lang): WordHit[] {
  // Multi-sentence utterances ("Hi. I just moved here. What do I bring?") are also scored
  // sentence by sentence; each article keeps its best score.
  const pack = packFor(language);
  const sentences = query.split(SENTENCE_END).filter((s) => s.trim());
  // Clauses too ("I don't need anyone, I just want to know if you're open on Saturday"): a
  // preamble (a negated request, what someone said) otherwise dilutes the question's coverage.
  // Clauses with two or more content words count alone; each article keeps its best score over
  // the whole query, its sentences and their clauses. (Clauses alone answer 46% of the natural
  // in-scope first questions of data/escalation-dev2 vs 30% with sentences only, 2026-12-05.)
  const alone = sentences.length > 1 ? [...sentences] : [];
  // One-word clauses ("..., for how long?") count alone only when no other clause of their
  // sentence scores {@link ONE_WORD_CLAUSE_YIELDS_AT} alone: otherwise that clause is the topic
  // and the word its detail ("my friend said parking is free here, for how long?" is parking
  // at 0.54, not waiting times).
  const oneWord: { clause: string; others: string[] }[] = [];
  for (const s of sentences) {
    const clauses = s.split(CLAUSE_END).filter((c) => c.trim());
    if (clauses.length < 2) continue;
    const sized = clauses.map((c) => ({ c, units: analyze(c, pack).units.length }));
    alone.push(...sized.filter((x) => x.units > 1).map((x) => x.c));
    for (const x of sized) if (x.units === 1) oneWord.push({ clause: x.c, others: clauses.filter((c) => c !== x.c) });
  }
  const best = new Map<string, WordHit>();
  const merge = (hits: WordHit[]) => {
    for (const hit of hits) {
      const prev = best.get(hit.id);
      if (!prev || hit.score > prev.score) best.set(hit.id, hit);
    }
  };
  const scored = new Map<string, WordHit[]>();
  const scoreOf = (part: string) => scored.get(part) ?? scored.set(part, scoreQuery(index, part, language)).get(part)!;
  for (const part of [query, ...alone]) merge(scoreOf(part));
  for (const { clause, others } of oneWord) {
    if (others.some((o) => scoreOf(o).some((h) => h.score >= ONE_WORD_CLAUSE_YIELDS_AT))) continue;
    merge(scoreOf(clause));
  }
  return [...best.values()].sort((a, b) => b.score - a.score || b.raw - a.raw);
}


function scoreQuery(index: WordIndex, query: string, language: Lang): WordHit[] {
  const { units } = analyze(query, packFor(language));
  if (units.length === 0) return [];
  const results = index.search.search(query);
  const top = results[0]?.score ?? 1;
  return results
    .map((r) => ({
      id: String(r.id),
      raw: r.score,
      score: coverage(units, r, index, visitorWordStats(language)) * (1 - RELATIVE_RANK_SHARE + (RELATIVE_RANK_SHARE * r.score) / top),
    }))
    .filter((x) => x.score > 0);
}

const SENTENCE_END = /[.?!]+(?=\s|$)|[。？！\n]+|[¿¡]/u;
/** Clause boundaries inside a sentence: commas, semicolons and colons of every script. */
const CLAUSE_END = /[,;:](?=\s)|[、，；：]/u;
/** A one-word clause is not scored alone when another clause of its sentence reaches this score alone. */
const ONE_WORD_CLAUSE_YIELDS_AT = 0.5;
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;

/** BM25 idf; unseen terms count as if they appeared once (they are often fillers, not topics). */
function idf(df: number, total: number): number {
  const n = Math.max(df, 1);
  return Math.log(1 + (total - n + 0.5) / (n + 0.5));
}

/** How well one article matches one query unit, 0..1 (see {@link KnowledgeBase.search}). */
function unitDegree(u: QueryUnit, r: SearchResult): number {
  const fieldFactor = (docTerm: string) => Math.max(0, ...(r.match[docTerm] ?? []).map((f) => FIELD_WEIGHT[f] ?? 1));
  if (r.match[u.text]) return fieldFactor(u.text);
  let degree = 0;
  if (r.queryTerms.includes(u.text)) {
    // prefix or typo match: credit the best matching document term
    const keys = Object.keys(r.match).filter((k) => k.startsWith(u.text));
    const factor = keys.length ? Math.max(...keys.map(fieldFactor)) : FUZZY_FIELD_WEIGHT;
    degree = PARTIAL_MATCH_WEIGHT * factor;
  }
  if (u.parts.length) {
    const hit = u.parts.reduce((sum, p) => sum + (r.match[p] ? fieldFactor(p) : 0), 0) / u.parts.length;
    degree = Math.max(degree, hit * BIGRAM_MATCH_WEIGHT);
  }
  if (u.words) {
    // merged CJK unit (刷|信用卡): share of its characters in exactly matched segmenter words
    const len = (w: string) => Array.from(w).length;
    const total = u.words.reduce((sum, w) => sum + len(w), 0);
    const hit = u.words.reduce((sum, w) => sum + (r.match[w] ? len(w) * fieldFactor(w) : 0), 0) / total;
    degree = Math.max(degree, hit * BIGRAM_MATCH_WEIGHT);
  }
  return degree;
}

function coverage(units: QueryUnit[], r: SearchResult, { df, core, total }: WordIndex, visitorWords: VisitorWordStats): number {
  let matched = 0;
  let weight = 0;
  for (const u of units) {
    const unitDf = df.get(u.text) ?? Math.max(0, ...u.parts.map((p) => df.get(p) ?? 0));
    const own = core.has(u.text) || u.parts.some((p) => core.has(p));
    // all-hiragana "words" no article's own text uses are segmentation debris (ありま|すか,
    // なんでしたっけ), not topics, even when an example question happens to contain them
    if (!own && HIRAGANA_ONLY.test(u.text)) continue;
    // A word no article's own text uses weighs as much as the rarest article word, scaled down by
    // how common it is in what visitors type ("said", "本当": little; "passport": fully), whether or
    // not an example question uses it: a match there counts (x QUESTION_ONLY_WEIGHT), but common
    // visitor words ("hace" in "¿qué tiempo hace hoy?") keep diluting a question about something else.
    const w = own ? idf(unitDf, total) : idf(0, total) * informativeness(visitorWords, u.text);
    matched += w * unitDegree(u, r);
    weight += w;
  }
  return weight > 0 ? matched / weight : 0;
}
