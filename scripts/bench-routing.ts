/**
 * Benchmark (not a test): `npm run bench:routing`.
 * 1. Routing decision latency in process: runs scripts/bench-routing-decisions.ts (1,000 kiosks,
 *    200 workers with random skills, seeded) and takes its p50/p99.
 * 2. Escalation to offer over socket.io on loopback: the real orchestrator in its own process
 *    (scripts/bench/orchestrator-child.ts; embedded PGlite in memory, mediasoup worker idle) with
 *    1,000 provisioned kiosks and 200 workers with random languages connected. BENCH_SESSIONS
 *    whole sessions (default 1,000) start at BENCH_RATE per second (default 20): a turn with the
 *    assistant, "talk to a person", the offer, accept, a line, end, rating. Latency = the
 *    visitor's escalation request sent -> the offer event on the worker's socket (one clock, this
 *    process). Every session must complete; otherwise the run exits 1 saying how many did, and
 *    judges no target.
 * The LAST line is one JSON object:
 *   {"decision_p50_ms", "decision_p99_ms", "escalation_to_offer_p50_ms", "escalation_to_offer_p99_ms", "sessions_completed", ...}
 * Targets: decision p99 < 5 ms, escalation-to-offer p99 < 100 ms on a 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../apps/orchestrator/src/config.ts';
import { connect, connectAll, pct, SessionDriver, startChild, type SessionResult } from './bench/harness.ts';

const KIOSKS = 1000;
const WORKERS = 200;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
/** Offered load (sessions started per second). */
const RATE = Number(process.env.BENCH_RATE ?? 20);

async function decisions() {
  const out = execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), [join(REPO_ROOT, 'scripts/bench-routing-decisions.ts')], { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 });
  const lines = out.trim().split('\n');
  for (const l of lines.slice(0, -1)) console.log(`  ${l}`);
  return JSON.parse(lines.at(-1)!) as { decision_p50_ms: number; decision_p99_ms: number };
}

async function offers() {
  // The orchestrator runs in its own process, as in production; kiosks and workers run here.
  const child = await startChild({ BENCH_KIOSKS: String(KIOSKS), BENCH_WORKERS: String(WORKERS) });
  const kiosks = await connectAll(child.devices, (d) => connect(`${child.url}/kiosk`, { deviceId: d.id, deviceToken: d.token }));
  const workers = await connectAll(child.workerTokens, (token) => connect(`${child.url}/console`, { token }));
  const driver = new SessionDriver(kiosks, workers);
  await driver.ready();
  const t0 = performance.now();
  const runs: Promise<SessionResult | 'refused' | 'failed'>[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const wait = t0 + i * (1000 / RATE) - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    runs.push(driver.run());
  }
  const outcomes = await Promise.all(runs);
  const seconds = (performance.now() - t0) / 1000;
  for (const s of [...kiosks, ...workers]) s.close();
  await child.stop();
  const results = outcomes.filter((o): o is SessionResult => typeof o === 'object');
  return { results, seconds, refused: outcomes.filter((o) => o === 'refused').length, failed: outcomes.filter((o) => o === 'failed').length, failures: driver.failures };
}

async function main() {
  console.log('routing decisions (in process):');
  const d = await decisions();
  console.log(`escalation to offer over socket.io: ${KIOSKS} kiosks, ${WORKERS} workers, ${SESSIONS} whole sessions at ${RATE}/s ...`);
  const o = await offers();
  const lat = o.results.map((r) => r.escalationToOfferMs);
  const offerP50 = pct(lat, 50);
  const offerP99 = pct(lat, 99);
  console.log(`  sessions completed: ${o.results.length} of ${SESSIONS} in ${o.seconds.toFixed(1)} s (refused ${o.refused}, failed ${o.failed})`);
  console.log(`  escalation request -> offer on the worker's socket: p50 ${offerP50} ms, p99 ${offerP99} ms`);
  const complete = o.results.length === SESSIONS;
  if (complete) console.log(`targets: decision p99 < 5 ms -> ${d.decision_p99_ms < 5 ? 'met' : 'NOT met'}; escalation-to-offer p99 < 100 ms -> ${offerP99 !== null && offerP99 < 100 ? 'met' : 'NOT met'}`);
  else console.error(`INCOMPLETE: only ${o.results.length} of ${SESSIONS} sessions completed; no target is judged. First failures: ${o.failures.slice(0, 3).join(' | ')}`);
  console.log(JSON.stringify({ decision_p50_ms: d.decision_p50_ms, decision_p99_ms: d.decision_p99_ms, escalation_to_offer_p50_ms: offerP50, escalation_to_offer_p99_ms: offerP99, sessions_completed: o.results.length, sessions_planned: SESSIONS, kiosks: KIOSKS, workers: WORKERS, rate_per_s: RATE }));
  if (!complete) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
