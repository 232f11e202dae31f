/**
 * Knowledge-base retrieval benchmark (not a test): `npm run eval:knowledge [-- --kb FILE] [--set DIR] [--clinc FILE]`.
 *
 * Part 1 (needs nothing outside the repository): the held-out visitor questions in
 * `apps/orchestrator/data/knowledge-eval/<lang>.json` (`{ "<article-id>": [questions], "_none":
 * [questions no article answers] }`, written with the example questions of
 * `knowledge-base.json` by the same helpers, then split: these were never put into the knowledge
 * base). Every question is searched in its language at the default threshold
 * (`DEFAULT_MIN_SCORE` = 0.65) as the intake engine does (`searchWithFallback`), twice: with the
 * knowledge base as shipped and with its example questions removed (the lexical search over
 * title, keywords and answer alone, the baseline). Printed per language and overall:
 * - `answered right`: share of article questions whose top hit is the right article and reaches
 *   the threshold (higher is better);
 * - `answered wrong`: share answered with another article (lower is better);
 * - `none answered`: share of the `_none` questions (city-office questions outside the 25
 *   articles) that got an answer anyway (lower is better); a "handled elsewhere" article
 *   (category `handled-elsewhere`: "this office does not handle passports, go to...") is not an
 *   answer here. An article question answered with one is answered wrong.
 *
 * Part 2 (optional): CLINC150 out-of-scope test questions (`../shared/data/clinc150/data_full.json`,
 * CC BY 3.0; `--clinc FILE`): share answered (all wrong: nothing in a city office's knowledge
 * base answers them), both variants. Skipped with a message when the file is missing.
 *
 * Exits non-zero when a file is missing or invalid, or when not every question was searched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_KNOWLEDGE_BASE_PATH, DEFAULT_MIN_SCORE, KnowledgeBase, knowledgeBaseFileSchema } from '../apps/orchestrator/src/intake/knowledgeBase.ts';
import { LANGS, type Lang } from '../apps/orchestrator/src/intake/lexicon/index.ts';
import { HANDLED_ELSEWHERE_CATEGORY } from '../apps/orchestrator/src/intake/knowledgeBaseFile.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One language's evaluation file: article id -> questions, plus `_none`. */
const EvalFile = z.record(z.string().min(1), z.array(z.string().trim().min(1)).min(1));

const { values: args } = parseArgs({
  options: {
    kb: { type: 'string', default: DEFAULT_KNOWLEDGE_BASE_PATH },
    set: { type: 'string', default: join(ROOT, 'apps/orchestrator/data/knowledge-eval') },
    clinc: { type: 'string', default: join(ROOT, '../shared/data/clinc150/data_full.json') },
  },
});

function fail(message: string): never {
  console.error(`eval:knowledge: ${message}`);
  process.exit(1);
}

const kbJson = knowledgeBaseFileSchema.safeParse(JSON.parse(readFileSync(args.kb, 'utf8')));
if (!kbJson.success) fail(`${args.kb}: ${kbJson.error.issues[0]?.path.join('.')}: ${kbJson.error.issues[0]?.message}`);
const shipped = KnowledgeBase.fromJson(kbJson.data);
const lexical = KnowledgeBase.fromJson({
  ...kbJson.data,
  articles: kbJson.data.articles.map((a) => ({ ...a, content: Object.fromEntries(Object.entries(a.content).map(([l, c]) => [l, { ...c, questions: [] }])) })),
});
const exampleCount = kbJson.data.articles.reduce((n, a) => n + LANGS.reduce((m, l) => m + a.content[l].questions.length, 0), 0);
const ids = new Set(kbJson.data.articles.map((a) => a.id));
/** Articles that say where a matter is handled instead of answering it (category `handled-elsewhere`). */
const handledElsewhere = new Set(kbJson.data.articles.filter((a) => a.category === HANDLED_ELSEWHERE_CATEGORY).map((a) => a.id));

interface Tally {
  right: number;
  wrong: number;
  asked: number;
  noneAnswered: number;
  noneAsked: number;
}
const blank = (): Tally => ({ right: 0, wrong: 0, asked: 0, noneAnswered: 0, noneAsked: 0 });
const variants = { shipped, lexical } as const;
type Variant = keyof typeof variants;
const tallies: Record<Variant, Map<Lang | 'all', Tally>> = { shipped: new Map(), lexical: new Map() };

function answer(kb: KnowledgeBase, question: string, lang: Lang, threshold = DEFAULT_MIN_SCORE): string | null {
  const { hits } = kb.searchWithFallback(question, lang, threshold, 1);
  const top = hits[0];
  return top && top.score >= threshold ? top.article.id : null;
}

/** Thresholds of the trade-off table (the default is {@link DEFAULT_MIN_SCORE}). */
const SWEEP = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75];
/** Per threshold, the tallies of the shipped knowledge base over all languages. */
const sweep = new Map(SWEEP.map((t) => [t, blank()]));

/** Counts one search: `key` is the right article (or `_none`), `got` the article answered with (or null). */
function count(t: Tally, key: string, got: string | null): void {
  if (key === '_none') {
    t.noneAsked++;
    // a handled-elsewhere article says the office does not handle it: not an answer here
    if (got && !handledElsewhere.has(got)) t.noneAnswered++;
  } else {
    t.asked++;
    if (got === key) t.right++;
    else if (got) t.wrong++;
  }
}

let expected = 0;
let searched = 0;
for (const lang of LANGS) {
  const path = join(args.set, `${lang}.json`);
  if (!existsSync(path)) fail(`${path} not found (one file per language: ${LANGS.join(' ')})`);
  const parsed = EvalFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) fail(`${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  for (const key of Object.keys(parsed.data)) if (key !== '_none' && !ids.has(key)) fail(`${path}: "${key}" is not an article of ${args.kb}`);
  for (const [key, questions] of Object.entries(parsed.data)) {
    expected += questions.length * 2;
    for (const variant of Object.keys(variants) as Variant[]) {
      for (const scope of [lang, 'all'] as const) if (!tallies[variant].has(scope)) tallies[variant].set(scope, blank());
      for (const q of questions) {
        const got = answer(variants[variant], q, lang);
        searched++;
        if (variant === 'shipped') {
          for (const [threshold, t] of sweep) count(t, key, answer(shipped, q, lang, threshold));
        }
        for (const scope of [lang, 'all'] as const) count(tallies[variant].get(scope)!, key, got);
      }
    }
  }
}
if (searched !== expected) fail(`searched ${searched} of ${expected} questions`);

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
console.log(`knowledge base ${args.kb}: ${kbJson.data.articles.length} articles, ${exampleCount} example questions; held-out questions ${args.set}; threshold ${DEFAULT_MIN_SCORE}`);
console.log('language | answered right (with questions / lexical only) | answered wrong | none answered');
const results: Record<string, Record<Variant, { answeredRight: number; answeredWrong: number; noneAnswered: number; asked: number; noneAsked: number }>> = {};
for (const scope of [...LANGS, 'all'] as const) {
  const s = tallies.shipped.get(scope)!;
  const l = tallies.lexical.get(scope)!;
  console.log(
    `${scope.padEnd(8)} | ${pct(s.right, s.asked)} / ${pct(l.right, l.asked)} (${s.asked}) | ${pct(s.wrong, s.asked)} / ${pct(l.wrong, l.asked)} | ${pct(s.noneAnswered, s.noneAsked)} / ${pct(l.noneAnswered, l.noneAsked)} (${s.noneAsked})`,
  );
  const row = (t: Tally) => ({ answeredRight: t.right / t.asked, answeredWrong: t.wrong / t.asked, noneAnswered: t.noneAnswered / t.noneAsked, asked: t.asked, noneAsked: t.noneAsked });
  results[scope] = { shipped: row(s), lexical: row(l) };
}

console.log('threshold trade-off (with questions, all languages): threshold | answered right | answered wrong | none answered');
for (const [threshold, t] of sweep) console.log(`  ${threshold.toFixed(2)}${threshold === DEFAULT_MIN_SCORE ? ' (default)' : ''} | ${pct(t.right, t.asked)} | ${pct(t.wrong, t.asked)} | ${pct(t.noneAnswered, t.noneAsked)}`);

let clinc: Record<Variant, number> | { skipped: string };
if (!existsSync(args.clinc)) {
  clinc = { skipped: `${args.clinc} not found` };
  console.log(`CLINC150 out-of-scope check skipped: ${args.clinc} not found (it is read from ../shared/data, outside the repository)`);
} else {
  const Clinc = z.object({ oos_test: z.array(z.tuple([z.string(), z.string()])) });
  const data = Clinc.safeParse(JSON.parse(readFileSync(args.clinc, 'utf8')));
  if (!data.success) fail(`${args.clinc}: ${data.error.issues[0]?.path.join('.')}: ${data.error.issues[0]?.message}`);
  const questions = data.data.oos_test.map(([q]) => q);
  const rate = (kb: KnowledgeBase) => questions.filter((q) => { const got = answer(kb, q, 'en'); return got && !handledElsewhere.has(got); }).length / questions.length;
  clinc = { shipped: rate(shipped), lexical: rate(lexical) };
  console.log(`CLINC150 out-of-scope test questions answered by an article of this office (lower is better; handled-elsewhere answers not counted): ${pct(clinc.shipped, 1)} with questions / ${pct(clinc.lexical, 1)} lexical only (${questions.length})`);
}
console.log(JSON.stringify({ threshold: DEFAULT_MIN_SCORE, exampleQuestions: exampleCount, results, clincOutOfScope: clinc }));
