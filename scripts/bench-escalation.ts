/**
 * `npm run bench:escalation [-- --rounds N]`: load time of the embedded escalation classifier and
 * latency per visitor turn (p50/p99/max, ms) of (a) the classifier alone and (b) the whole
 * policy decision `evaluateTurn` (lexicons + classifier + conversation rules), over the visitor
 * lines of the held-out conversations (8 languages), N rounds after one warm-up round.
 * Targets (issue 10): load < 1000 ms, p99 per turn < 5 ms. Last line: one JSON object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { EscalationClassifier } from '../apps/orchestrator/src/policy/model/classifier.ts';
import { evaluateTurn } from '../apps/orchestrator/src/policy/evaluate.ts';
import { defaultPolicy } from '../apps/orchestrator/src/policy/policySchema.ts';
import type { Language } from '@telekiosk/shared';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Math.max(1, Number(values.rounds) || 5);

const t0 = performance.now();
const clf = EscalationClassifier.load();
const loadMs = performance.now() - t0;

const dir = join(ROOT, 'apps/orchestrator/data/escalation-eval');
const lines: { text: string; lang: Language }[] = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const raw of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(raw) as { lang: Language; turns: string[] };
    for (const t of c.turns) if (t.startsWith('V: ')) lines.push({ text: t.slice(3), lang: c.lang });
  }
}
const policy = defaultPolicy();
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const r3 = (n: number) => Math.round(n * 1000) / 1000;
function measure(fn: (l: { text: string; lang: Language }) => void) {
  for (const l of lines) fn(l); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const l of lines) {
      const s = performance.now();
      fn(l);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  return { turns: times.length, p50: r3(pct(times, 50)), p99: r3(pct(times, 99)), max: r3(times.at(-1)!) };
}
const model = measure((l) => clf.score(l.text, { language: l.lang }));
const decision = measure((l) => evaluateTurn(policy, { turns: [{ role: 'visitor', text: l.text }], language: l.lang, classifier: clf }));
console.log(`classifier load ${r3(loadMs)} ms (target < 1000); weights ${clf.meta.buckets} x ${clf.meta.labels.length} int8`);
console.log(`classifier alone: p50 ${model.p50} ms, p99 ${model.p99} ms, max ${model.max} ms over ${model.turns} turns`);
console.log(`whole decision (evaluateTurn): p50 ${decision.p50} ms, p99 ${decision.p99} ms, max ${decision.max} ms (target p99 < 5)`);
console.log(JSON.stringify({ loadMs: r3(loadMs), classifier: model, decision, targets: { loadMs: 1000, p99Ms: 5, met: loadMs < 1000 && decision.p99 < 5 } }));
