/**
 * In-process benchmark of routing decisions (no sockets, no database): 1,000 simulated kiosks
 * each keep one visitor waiting (when a visitor is taken into a call the next one at that
 * kiosk queues), 200 workers with random skills (languages with proficiency, departments,
 * level, capacity 1-2). A seeded PRNG (mulberry32) keeps runs comparable; simulated time runs
 * on a manual clock, so offer timeouts, wrap-up ends and language/department fallbacks fire as
 * timers during the run.
 *
 * Measured with performance.now() per decision: enqueue (+ routing), accept, decline,
 * complete (+ wrap-up), worker state change (+ routing), and every timer callback (timeout,
 * wrap-up end, fallback). Prints p50/p99/max per kind, the cost of a queue-status push for all
 * waiting kiosks (what the session service does on `queueChanged`), and as the LAST line:
 *   {"decision_p50_ms": n, "decision_p99_ms": n, "tasks": n, "workers": n}
 *
 * Run: npm exec -- tsx scripts/bench-routing-decisions.ts [--seed 1] [--decisions 60000]
 */
import { performance } from 'node:perf_hooks';
import type { Language } from '@telekiosk/shared';
import { ManualClock } from '../apps/orchestrator/src/routing/manualClock.ts';
import { RoutingEngine } from '../apps/orchestrator/src/routing/engine.ts';
import type { Offer, Proficiency } from '../apps/orchestrator/src/routing/types.ts';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SEED = arg('seed', 1);
const KIOSKS = arg('kiosks', 1_000);
const WORKERS = arg('workers', 200);
const DECISIONS = arg('decisions', 60_000);
const SITES = 20;

/** mulberry32: small, fast, seeded PRNG. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
  let r = rand() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs.at(-1)![0];
};

const LANGS: readonly (readonly [Language, number])[] = [['en', 45], ['es', 15], ['zh', 10], ['ja', 8], ['ko', 6], ['fr', 6], ['de', 5], ['pt', 5]];
const DEPTS = [['citizen-services', 40], ['tax', 25], ['environment', 15], ['general', 20]] as const;
const PRIORITIES = [[0, 1], [1, 4], [3, 15], [5, 80]] as const;

// --- measurement -------------------------------------------------------------------------
const samples = new Map<string, number[]>();
function timed<T>(kind: string, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  const dt = performance.now() - t0;
  let s = samples.get(kind);
  if (!s) samples.set(kind, (s = []));
  s.push(dt);
  return r;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;

// --- engine, with timers measured as decisions ----------------------------------------------
const clock = new ManualClock(Date.UTC(2025, 0, 6, 9));
const baseSetTimeout = clock.setTimeout;
clock.setTimeout = (fn, ms) => baseSetTimeout(() => timed('timer', fn), ms);

const open: Offer[] = [];
const openIndex = new Map<string, number>();
const dropOffer = (id: string) => {
  const i = openIndex.get(id);
  if (i === undefined) return;
  const last = open.pop()!;
  openIndex.delete(id);
  if (last.offerId !== id) (open[i] = last), openIndex.set(last.offerId, i);
};
const active: string[] = [];
const kioskOf = new Map<string, number>();
let taskSeq = 0;
let ids = 0;
const tally = { offers: 0, translated: 0, timeouts: 0 };

const engine = new RoutingEngine({
  clock,
  newId: () => `offer-${++ids}`,
  events: {
    offer: (o) => {
      tally.offers++;
      if (o.needsTranslation) tally.translated++;
      openIndex.set(o.offerId, open.length);
      open.push(o);
    },
    offerRevoked: (o, reason) => (dropOffer(o.offerId), reason === 'timeout' && tally.timeouts++),
    offerAccepted: (o) => dropOffer(o.offerId),
  },
});

function newVisitor(kiosk: number) {
  const id = `task-${++taskSeq}`;
  kioskOf.set(id, kiosk);
  timed('enqueue', () => engine.enqueue({ id, language: weighted(LANGS), priority: weighted(PRIORITIES), department: weighted(DEPTS), minLevel: rand() < 0.1 ? 2 : 1, site: `site-${kiosk % SITES}` }));
}

for (let i = 0; i < WORKERS; i++) {
  const languages: Partial<Record<Language, Proficiency>> = { [weighted(LANGS)]: 5 };
  for (let k = Math.floor(rand() * 3); k > 0; k--) languages[weighted(LANGS)] = (1 + Math.floor(rand() * 5)) as Proficiency;
  const departments = [...new Set([weighted(DEPTS), ...(rand() < 0.4 ? [weighted(DEPTS)] : [])])];
  engine.upsertWorker({ id: `w${i}`, languages, departments, level: 1 + Math.floor(rand() * 3), capacity: rand() < 0.1 ? 2 : 1, state: 'available' });
}
for (let k = 0; k < KIOSKS; k++) newVisitor(k);

// --- simulation ------------------------------------------------------------------------------
let decisions = 0;
let steps = 0;
let maxQueued = 0;
const queuedSamples: number[] = [];
while (decisions < DECISIONS) {
  const r = rand();
  if (r < 0.35 && open.length) {
    const o = pick(open);
    const t = timed('accept', () => engine.accept(o.offerId, o.workerId));
    if (t) (active.push(t.id), newVisitor(kioskOf.get(t.id)!)); // next visitor at that kiosk
  } else if (r < 0.45 && open.length) {
    const o = pick(open);
    timed('decline', () => engine.decline(o.offerId, o.workerId));
  } else if (r < 0.7 && active.length) {
    const i = Math.floor(rand() * active.length);
    const id = active[i]!;
    active[i] = active.at(-1)!;
    active.pop();
    timed('complete', () => engine.completeTask(id, { wrapUpMs: 2_000 + Math.floor(rand() * 8_000) }));
  } else if (r < 0.8) {
    const w = `w${Math.floor(rand() * WORKERS)}`;
    const snap = engine.worker(w);
    if (snap?.presence === 'available' && rand() < 0.5) timed('state', () => engine.setWorkerState(w, 'away', 'break'));
    else timed('state', () => engine.setWorkerState(w, 'available'));
  } else clock.advance(Math.floor(rand() * 4_000));
  decisions = [...samples.values()].reduce((s, xs) => s + xs.length, 0);
  if (++steps % 100 === 0) {
    const queued = Object.values(engine.queueSizes()).reduce((s, n) => s + n, 0);
    queuedSamples.push(queued);
    maxQueued = Math.max(maxQueued, queued);
  }
}

// Queue-status push: status of every queued task at one instant (session service pattern).
const pushMs: number[] = [];
for (let i = 0; i < 20; i++) {
  const ids = engine.queuedTaskIds();
  const t0 = performance.now();
  for (const id of ids) engine.queueStatus(id);
  pushMs.push(performance.now() - t0);
  engine.setWorkerState(`w${i}`, 'available'); // invalidate the count cache between pushes
}

const all = [...samples.values()].flat();
const queuedNow = engine.queuedTaskIds().length;
console.log(`routing decisions: seed ${SEED}, ${KIOSKS} kiosks, ${WORKERS} workers, ${all.length} decisions, queued mean ${Math.round(queuedSamples.reduce((s, x) => s + x, 0) / Math.max(1, queuedSamples.length))} (max ${maxQueued}, end ${queuedNow}), simulated ${Math.round((clock.now() - Date.UTC(2025, 0, 6, 9)) / 60_000)} min`);
console.log(`  offers ${tally.offers} (needsTranslation ${tally.translated}, timed out ${tally.timeouts})`);
for (const [kind, xs] of [...samples].sort()) console.log(`  ${kind.padEnd(9)} n=${String(xs.length).padStart(6)}  p50 ${r3(pct(xs, 50)).toFixed(3)} ms  p99 ${r3(pct(xs, 99)).toFixed(3)} ms  max ${r3(Math.max(...xs)).toFixed(3)} ms`);
console.log(`  queue-status push for all ${queuedNow} queued tasks: p50 ${r3(pct(pushMs, 50))} ms, max ${r3(Math.max(...pushMs))} ms`);
console.log(`  all       p50 ${r3(pct(all, 50))} ms  p99 ${r3(pct(all, 99))} ms  (target p99 < 5 ms)`);
engine.close();
console.log(JSON.stringify({ decision_p50_ms: r3(pct(all, 50)), decision_p99_ms: r3(pct(all, 99)), tasks: KIOSKS, workers: WORKERS }));
