/**
 * Nearest example questions: the second retriever of the knowledge base, used when word-overlap
 * search ({@link KnowledgeBase.search}) answers nothing. Every article's example questions (and
 * its title, for articles with examples) in one language are vectors of character n-grams with tf-idf weights; a visitor
 * question is compared by cosine similarity with all of them, and an article's similarity is the
 * mean of its {@link NEIGHBOURS} closest examples.
 *
 * Why character n-grams: they match word formation that whole words miss (German compounds,
 * Korean particles and endings, Japanese and Chinese without spaces, inflections, typos), which
 * is where word search lost most answerable questions. Pure, deterministic, no model file.
 *
 * Choices made on `data/knowledge-candidates/round3` (1,996 example questions never put in the
 * knowledge base) plus 1,200 requests, complaints and other venues' questions from the escalation
 * training set standing for questions no article answers (2026-12-05; `npm run eval:knowledge --
 * --set DIR` on such a folder; right / wrong / unanswerable answered): word search alone 37.9% /
 * 9.8% / 10.0%; with the nearest examples after it, ignoring terms no example has, similarity 0.3
 * gave 56.0 / 11.3 / 16.3, 0.35 gave 50.0 / 10.8 / 13.8, 0.4 gave 45.3 / 10.6 / 11.9; counting
 * those terms in the question's length (kept) 0.3 gave 50.0 / 10.5 / 12.6, 0.35 gave 45.6 / 10.3 /
 * 10.9 and {@link NEIGHBOUR_MIN_SIMILARITY} 0.4 gives 42.4 / 10.2 / 10.6 (margin 0.1 throughout;
 * requiring word search to agree moved along the same curve). 0.4 rather than 0.35 after
 * measuring both on the held-out sets: at 0.35 "Where can I renew my passport?" was answered with
 * seal registration. Held-out figures are in `data/knowledge-eval/README.md`; the cost is some
 * questions outside every article answered anyway (a "train ticket" is near the number-ticket
 * examples).
 */
import { normalizeText } from './text.ts';

/** How many of an article's closest example questions are averaged into its similarity. */
export const NEIGHBOURS = 3;
/** Minimum mean cosine similarity (0..1) of the best article for an answer. */
export const NEIGHBOUR_MIN_SIMILARITY = 0.4;
/** Minimum lead (cosine, 0..1) of the best article over the second for an answer. */
export const NEIGHBOUR_MIN_MARGIN = 0.1;

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/u;
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+|[\p{L}\p{N}]+/gu;

/**
 * Term counts of a text: `w<word>` for Latin-script words, `c<n-gram>` for character 3- to
 * 5-grams of every space-padded word and 1- to 3-grams of every CJK run.
 */
export function exampleTerms(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string) => out.set(k, (out.get(k) ?? 0) + 1);
  for (const tok of normalizeText(text).match(TOKEN) ?? []) {
    if (CJK_RUN.test(tok)) {
      const ch = Array.from(tok);
      for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= ch.length; i++) add(`c${ch.slice(i, i + n).join('')}`);
    } else {
      add(`w${tok}`);
      const padded = Array.from(` ${tok} `);
      for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) add(`c${padded.slice(i, i + n).join('')}`);
    }
  }
  return out;
}

/** One article's similarity to a question: `similarity` is the mean cosine (0..1) of its closest examples. */
export interface ExampleMatch {
  id: string;
  similarity: number;
}

/** Example questions of one language, searchable by cosine similarity (an inverted index of tf-idf vectors). */
export class ExampleIndex {
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, { doc: number; weight: number }[]>();
  private readonly docArticle: string[] = [];
  /** idf of a term no example has. */
  private readonly maxIdf: number;

  /** @param examples article id -> its texts (title and example questions) in this language. */
  constructor(examples: ReadonlyMap<string, readonly string[]>) {
    const docs: { id: string; terms: Map<string, number> }[] = [];
    for (const [id, texts] of examples) for (const t of texts) docs.push({ id, terms: exampleTerms(t) });
    const df = new Map<string, number>();
    for (const d of docs) for (const k of d.terms.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    for (const [k, n] of df) this.idf.set(k, Math.log((docs.length + 1) / (n + 1)));
    this.maxIdf = Math.log(docs.length + 1);
    docs.forEach((d, i) => {
      this.docArticle.push(d.id);
      for (const [k, w] of this.vector(d.terms)) {
        const list = this.postings.get(k) ?? this.postings.set(k, []).get(k)!;
        list.push({ doc: i, weight: w });
      }
    });
  }

  /**
   * Sub-linear tf x idf, unit length. Terms no example has are not stored but count in the length
   * with the highest idf (`log(examples + 1)`).
   */
  private vector(terms: Map<string, number>): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [k, count] of terms) {
      const idf = this.idf.get(k);
      if (!idf) {
        // A term no example has ("train", "veterans") still counts in the question's length,
        // with the highest idf: what the examples never mention makes the question less near.
        norm += ((1 + Math.log(count)) * this.maxIdf) ** 2;
        continue;
      }
      const w = (1 + Math.log(count)) * idf;
      v.set(k, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, w] of v) v.set(k, w / norm);
    return v;
  }

  /** Every article with an example sharing a term with `question`, by similarity, best first. */
  match(question: string): ExampleMatch[] {
    const sims = new Float64Array(this.docArticle.length);
    for (const [k, w] of this.vector(exampleTerms(question))) for (const p of this.postings.get(k) ?? []) sims[p.doc]! += w * p.weight;
    const per = new Map<string, number[]>();
    sims.forEach((s, doc) => {
      const id = this.docArticle[doc]!;
      (per.get(id) ?? per.set(id, []).get(id)!).push(s);
    });
    return [...per]
      .map(([id, list]) => {
        const top = list.sort((a, b) => b - a).slice(0, NEIGHBOURS);
        return { id, similarity: top.reduce((a, b) => a + b, 0) / top.length };
      })
      .filter((m) => m.similarity > 0)
      .sort((a, b) => b.similarity - a.similarity);
  }

  /**
   * The article the nearest examples answer with, or null: the best article's similarity must be
   * at least {@link NEIGHBOUR_MIN_SIMILARITY} and lead the second by {@link NEIGHBOUR_MIN_MARGIN}.
   */
  answer(question: string): ExampleMatch | null {
    const [best, second] = this.match(question);
    if (!best || best.similarity < NEIGHBOUR_MIN_SIMILARITY) return null;
    return best.similarity - (second?.similarity ?? 0) >= NEIGHBOUR_MIN_MARGIN ? best : null;
  }
}
