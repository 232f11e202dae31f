/**
 * The article classifier: the knowledge base's second retriever beside word search. Per language,
 * a multinomial logistic regression over the articles, trained when the knowledge base is loaded
 * (or published) from each article's title, keywords and example questions in that language, so
 * it follows whatever content a deployment edits: no model file, no network, deterministic.
 *
 * Features ({@link exampleTerms}): whole words and character 3- to 5-grams of every space-padded
 * Latin-script word, 1- to 3-grams of every CJK run, sub-linear term counts scaled to unit length.
 * Character n-grams match word formation that whole words miss (German compounds, Korean particles
 * and endings, Japanese and Chinese without spaces, inflections, typos); the trained weights learn
 * which of them tell articles apart ("Restmüll" + "Tag" is collection days, "Restmüll" + "trennen"
 * is sorting), which the nearest-neighbour search it replaces could not. A term no example has gets
 * no weight but still counts in the question's length, so a question mostly about something else
 * ("passport", "train") is scored near the prior and is not answered.
 *
 * Choices (2026-12-06) were made on `data/knowledge-candidates/round3` (1,996 visitor messages for
 * the 25 articles never put in the knowledge base) plus 150 requests, complaints and sensitive
 * questions per language from the escalation training set standing for questions no article
 * answers (answered right / answered with a wrong article / non-article answered): the previous
 * retrievers (word search, then nearest example questions) 42.5% / 10.2% / 9.6%; this classifier
 * alone at probability 0.4 60.4 / 5.0 / 10.9, at 0.5 49.9 / 3.0 / 6.9; at 0.5 **or** a word-search
 * answer the classifier agrees with (the word-search article is its top, probability at least
 * 0.2) 57.0 / 4.3 / 8.4; the same with the classifier's own answer needing word support 0.3
 * (`ARTICLE_WORD_SUPPORT`) 56.0 / 3.9 / 6.3; and with agreement at any rank (the word-search article
 * at probability 0.2 or more; kept, see `KnowledgeBase.searchWithFallback`) 56.4 / 4.3 / 6.5. 10 epochs instead of 30 gave 37.5 / 1.9 /
 * 3.6 at 0.5 (under-fitted); L2 1e-4 instead of 1e-5 changed nothing measurable. Held-out figures
 * are in `data/knowledge-eval/README.md`.
 */
import { createHash } from 'node:crypto';
import { normalizeText } from './text.ts';

/** Probability (0..1) of the top article at which the classifier answers on its own. */
export const ARTICLE_MIN_PROBABILITY = 0.5;
/** Probability (0..1) the classifier must give a word-search answer's article for that answer to stand. */
export const ARTICLE_AGREEMENT_PROBABILITY = 0.2;
/**
 * Fewest articles for the classifier to answer at all: with two or three classes a softmax gives
 * high probabilities to anything (one article = probability 1), so a small knowledge base is
 * answered by word search alone.
 */
export const MIN_ARTICLES = 5;
/** Passes over the training examples (stochastic gradient descent). */
export const EPOCHS = 30;
/** L2 penalty per update (weight decay). */
export const L2 = 1e-5;
/** Learning rate of epoch e: `LEARNING_RATE / (1 + 0.2 e)`. */
export const LEARNING_RATE = 0.5;

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

/** One article's probability for a question (0..1; an article's probabilities over all articles sum to 1). */
export interface ArticleScore {
  id: string;
  probability: number;
}

interface Sparse {
  /** Row of each known term in the weight table. */
  rows: number[];
  /** Its value (sub-linear count over the length of all terms, known or not). */
  values: number[];
}

/** Small deterministic PRNG (LCG) for the shuffle: the same examples always give the same weights. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x80000000;
}

/** Trained classifiers by a hash of their examples: loading the same content again (tests, restarts of a service in-process) does not retrain. */
const cache = new Map<string, ArticleClassifier>();
const CACHE_SIZE = 32;

/** A trained article classifier for one language. Build with {@link ArticleClassifier.train}. */
export class ArticleClassifier {
  private constructor(
    private readonly ids: readonly string[],
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /**
   * Trains on `examples` (article id -> its texts in one language: title, keywords, example
   * questions); articles without texts are left out. Deterministic; cached by content.
   * Cost: about 0.1-0.4 s per language for the bundled 25 articles on this machine.
   */
  static train(examples: ReadonlyMap<string, readonly string[]>): ArticleClassifier {
    const key = createHash('sha256').update(JSON.stringify([...examples])).digest('hex');
    const cached = cache.get(key);
    if (cached) return cached;
    const ids = [...examples].filter(([, texts]) => texts.length > 0).map(([id]) => id);
    const vocabulary = new Map<string, number>();
    const rows: Sparse[] = [];
    const labels: number[] = [];
    ids.forEach((id, label) => {
      for (const text of examples.get(id)!) {
        const terms = exampleTerms(text);
        if (terms.size === 0) continue;
        for (const k of terms.keys()) if (!vocabulary.has(k)) vocabulary.set(k, vocabulary.size);
        rows.push(ArticleClassifier.vectorOf(terms, vocabulary));
        labels.push(label);
      }
    });
    const k = ids.length;
    const weights = new Float32Array(vocabulary.size * k);
    const bias = new Float32Array(k);
    const order = rows.map((_, i) => i);
    const random = lcg(1);
    const p = new Float64Array(k);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const rate = LEARNING_RATE / (1 + 0.2 * epoch);
      for (const n of order) {
        const x = rows[n]!;
        softmax(x, weights, bias, k, p);
        for (let c = 0; c < k; c++) {
          const g = p[c]! - (labels[n] === c ? 1 : 0);
          bias[c]! -= rate * g;
          for (let j = 0; j < x.rows.length; j++) {
            const w = x.rows[j]! * k + c;
            weights[w]! -= rate * (g * x.values[j]! + L2 * weights[w]!);
          }
        }
      }
    }
    const trained = new ArticleClassifier(ids, vocabulary, weights, bias);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, trained);
    return trained;
  }

  private static vectorOf(terms: Map<string, number>, vocabulary: ReadonlyMap<string, number>): Sparse {
    const rows: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (const [term, count] of terms) {
      const v = 1 + Math.log(count);
      norm += v * v;
      const row = vocabulary.get(term);
      if (row === undefined) continue;
      rows.push(row);
      values.push(v);
    }
    norm = Math.sqrt(norm) || 1;
    return { rows, values: values.map((v) => v / norm) };
  }

  /** Number of articles it tells apart. */
  get size(): number {
    return this.ids.length;
  }

  /** Every article with its probability for `question`, best first (empty without articles). */
  classify(question: string): ArticleScore[] {
    const k = this.ids.length;
    if (k === 0) return [];
    const p = new Float64Array(k);
    softmax(ArticleClassifier.vectorOf(exampleTerms(question), this.vocabulary), this.weights, this.bias, k, p);
    return this.ids.map((id, i) => ({ id, probability: p[i]! })).sort((a, b) => b.probability - a.probability);
  }

  /**
   * The article the classifier answers with on its own, or null: the top article's probability
   * reaches {@link ARTICLE_MIN_PROBABILITY} and at least {@link MIN_ARTICLES} articles compete.
   */
  answer(question: string): ArticleScore | null {
    if (this.ids.length < MIN_ARTICLES) return null;
    const best = this.classify(question)[0];
    return best && best.probability >= ARTICLE_MIN_PROBABILITY ? best : null;
  }
}

/** Writes the class probabilities of `x` into `out` (numerically stable softmax of the logits). */
function softmax(x: Sparse, weights: Float32Array, bias: Float32Array, k: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let s = bias[c]!;
    for (let j = 0; j < x.rows.length; j++) s += weights[x.rows[j]! * k + c]! * x.values[j]!;
    out[c] = s;
    if (s > max) max = s;
  }
  let z = 0;
  for (let c = 0; c < k; c++) z += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < k; c++) out[c]! /= z;
}
