/**
 * Load benchmark (not a test): `npm run bench:load [-- --db pglite,postgres] [--step-s 8] [--soak 1000]`.
 *
 * Drives N kiosks and M workers (socket.io clients in this process) through whole sessions
 * against the real orchestrator in its own process: start, a turn with the embedded assistant,
 * escalation ("talk to a person"), offer, accept, a worker line, end, rating. Offered load rises
 * in steps (open loop: a new session every 1/rate s while the step lasts); each step drains
 * before the next. Run on embedded PGlite and on PostgreSQL (a fresh database on
 * PG_URL, default postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards) in one run.
 *
 * Per database it prints, per step: offered and completed sessions/s, refused (answered
 * `unavailable`: above capacity), p50/p99 escalation-to-offer and accept-to-assigned (ms), and
 * orchestrator CPU ms and database statements per session; then saturation throughput (best completed/s), and a soak
 * of `--soak` sessions at half of saturation with the orchestrator's RSS after the first 20%
 * and at the end. Targets (issue "Nothing is lost"): >= 50 completed sessions/s on PostgreSQL;
 * escalation-to-offer p99 < 100 ms up to 80% of saturation; above saturation completed/s stays
 * >= 90% of saturation; RSS flat over the soak (growth < 25%).
 * Every session started must complete: otherwise the run exits 1 and says how many completed.
 * The LAST line is one JSON object with every figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { connect, connectAll, pct, SessionDriver, startChild, type ChildStats, type SessionResult } from './bench/harness.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite,postgres' },
    'step-s': { type: 'string', default: '8' },
    soak: { type: 'string', default: '1000' },
    kiosks: { type: 'string', default: '400' },
    workers: { type: 'string', default: '100' },
    rates: { type: 'string', default: '5,10,20,30,40,55,70,90,120,160' },
  },
});
const STEP_S = Number(args['step-s']);
const SOAK = Number(args.soak);
const KIOSKS = Number(args.kiosks);
const WORKERS = Number(args.workers);
const RATES = args.rates!.split(',').map(Number);
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface StepFigures {
  offeredPerS: number;
  completedPerS: number;
  completed: number;
  refused: number;
  /** Refusals by the orchestrator's admission control in this step, by reason (the rest of `refused`: no free kiosk, or rate-limited). */
  refusedBy: Record<string, number>;
  failed: number;
  escalationToOfferP50Ms: number | null;
  escalationToOfferP99Ms: number | null;
  acceptToAssignedP50Ms: number | null;
  acceptToAssignedP99Ms: number | null;
  cpuMsPerSession: number | null;
  /** Database statements per completed session (every statement of the step, refused starts and background work included). */
  queriesPerSession: number | null;
  /**
   * CPU used during the step, in cores (CPU ms / wall ms): this load generator, the orchestrator,
   * and the machine's PostgreSQL server processes (null when not readable). All share 2 cores here.
   */
  cpuCores: { generator: number; orchestrator: number; postgres: number | null };
}

/** CPU time (ms) of every `postgres` process of this machine (Linux /proc), or null when unreadable. */
function postgresCpuMs(): number | null {
  try {
    const tick = 100; // USER_HZ on Linux
    let ms = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres') continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ms += ((Number(f[11]) + Number(f[12])) * 1000) / tick; // utime + stime
    }
    return ms;
  } catch {
    return null;
  }
}

/** Runs sessions at `rate`/s for `seconds`, then waits for all of them. */
async function step(driver: SessionDriver, rate: number, seconds: number, stats: () => Promise<ChildStats>): Promise<StepFigures & { results: SessionResult[] }> {
  const before = await stats();
  const cpu0 = before.cpuMs;
  const gen0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
  const t0 = performance.now();
  const runs: Promise<SessionResult | 'refused' | 'failed'>[] = [];
  const interval = 1000 / rate;
  for (let i = 0; ; i++) {
    const due = t0 + i * interval;
    if (due > t0 + seconds * 1000) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    runs.push(driver.run());
  }
  const outcomes = await Promise.all(runs);
  const results = outcomes.filter((o): o is SessionResult => typeof o === 'object');
  const last = results.reduce((m, r) => Math.max(m, r.completedAt), t0 + seconds * 1000);
  const elapsedS = Math.max(seconds, (last - t0) / 1000);
  const after = await stats();
  const cpu1 = after.cpuMs;
  const refusedBy: Record<string, number> = {};
  for (const [reason, n] of Object.entries(after.refusals)) if (n - (before.refusals[reason] ?? 0) > 0) refusedBy[reason] = n - (before.refusals[reason] ?? 0);
  const wallMs = performance.now() - t0;
  const gen = process.cpuUsage(gen0);
  const pg1 = postgresCpuMs();
  const cores = (ms: number) => Math.max(0, Math.round((ms / wallMs) * 100) / 100); // a process that exited between the samples takes its ticks along
  return {
    cpuCores: { generator: cores((gen.user + gen.system) / 1000), orchestrator: cores(cpu1 - cpu0), postgres: pg0 !== null && pg1 !== null ? cores(pg1 - pg0) : null },
    results,
    offeredPerS: rate,
    completed: results.length,
    completedPerS: Math.round((results.length / elapsedS) * 10) / 10,
    refused: outcomes.filter((o) => o === 'refused').length,
    refusedBy,
    failed: outcomes.filter((o) => o === 'failed').length,
    escalationToOfferP50Ms: pct(results.map((r) => r.escalationToOfferMs), 50),
    escalationToOfferP99Ms: pct(results.map((r) => r.escalationToOfferMs), 99),
    acceptToAssignedP50Ms: pct(results.map((r) => r.acceptToAssignedMs), 50),
    acceptToAssignedP99Ms: pct(results.map((r) => r.acceptToAssignedMs), 99),
    cpuMsPerSession: results.length ? Math.round(((cpu1 - cpu0) / results.length) * 10) / 10 : null,
    queriesPerSession: results.length ? Math.round(((after.queries - before.queries) / results.length) * 10) / 10 : null,
  };
}

async function runFor(db: 'pglite' | 'postgres') {
  let dbName: string | null = null;
  let env: Record<string, string> = { BENCH_KIOSKS: String(KIOSKS), BENCH_WORKERS: String(WORKERS), BENCH_WORKER_LANGUAGES: 'en' };
  if (db === 'postgres') {
    dbName = `tk_bench_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(`PostgreSQL at ${PG_URL} is not reachable (set PG_URL): ${String(err)}`);
    }
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    env = { ...env, BENCH_DATABASE_URL: u.toString() };
  }
  const child = await startChild(env);
  const kiosks = await connectAll(child.devices, (d) => connect(`${child.url}/kiosk`, { deviceId: d.id, deviceToken: d.token }));
  const workers = await connectAll(child.workerTokens, (token) => connect(`${child.url}/console`, { token }));
  const driver = new SessionDriver(kiosks, workers);
  await driver.ready();
  console.log(`${db}: ${KIOSKS} kiosks, ${WORKERS} workers connected; warm-up ...`);
  await step(driver, 5, 3, child.stats);
  const steps: StepFigures[] = [];
  let saturation = 0;
  let saturatedSteps = 0;
  for (const rate of RATES) {
    const s = await step(driver, rate, STEP_S, child.stats);
    const { results: _r, ...fig } = s;
    steps.push(fig);
    saturation = Math.max(saturation, fig.completedPerS);
    console.log(
      `  offered ${String(rate).padStart(4)}/s: completed ${String(fig.completedPerS).padStart(6)}/s (${fig.completed}), refused ${fig.refused}${Object.keys(fig.refusedBy).length ? ` (${Object.entries(fig.refusedBy).map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}, failed ${fig.failed}; escalation->offer p50 ${fig.escalationToOfferP50Ms} / p99 ${fig.escalationToOfferP99Ms} ms; accept->assigned p50 ${fig.acceptToAssignedP50Ms} / p99 ${fig.acceptToAssignedP99Ms} ms; ${fig.cpuMsPerSession} CPU ms/session, ${fig.queriesPerSession} queries/session; cores: generator ${fig.cpuCores.generator}, orchestrator ${fig.cpuCores.orchestrator}, PostgreSQL ${fig.cpuCores.postgres ?? 'n/a'}`,
    );
    if (fig.completedPerS < 0.8 * rate) saturatedSteps++;
    if (saturatedSteps >= 2) break;
  }
  // Soak at half of saturation: memory must stay flat.
  const soakRate = Math.max(5, Math.round(saturation / 2));
  const soakS = SOAK / soakRate;
  const firstPart = await step(driver, soakRate, soakS * 0.2, child.stats);
  const rssAfterFirst = (await child.stats()).rssMb;
  const rest = await step(driver, soakRate, soakS * 0.8, child.stats);
  const rssEnd = (await child.stats()).rssMb;
  const soak = { sessions: firstPart.completed + rest.completed, ratePerS: soakRate, rssAfter20PctMb: Math.round(rssAfterFirst), rssEndMb: Math.round(rssEnd), failed: firstPart.failed + rest.failed };
  console.log(`  soak: ${soak.sessions} sessions at ${soakRate}/s; RSS ${soak.rssAfter20PctMb} MiB after 20%, ${soak.rssEndMb} MiB at the end`);
  for (const s of [...kiosks, ...workers]) s.close();
  await child.stop();
  if (dbName) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  const light = steps.filter((s) => s.offeredPerS <= 0.8 * saturation);
  const over = steps.filter((s) => s.offeredPerS > saturation * 1.1);
  return {
    db,
    saturationPerS: saturation,
    steps,
    lightLoadEscalationToOfferP99Ms: light.length ? Math.max(...light.map((s) => s.escalationToOfferP99Ms ?? Infinity)) : null,
    overloadMinCompletedPerS: over.length ? Math.min(...over.map((s) => s.completedPerS)) : null,
    cpuMsPerSessionAtSaturation: steps.find((s) => s.completedPerS === saturation)?.cpuMsPerSession ?? null,
    soak,
    failures: driver.failures.slice(0, 5),
    failed: steps.reduce((n, s) => n + s.failed, 0) + soak.failed,
    completed: steps.reduce((n, s) => n + s.completed, 0) + soak.sessions,
  };
}

async function main() {
  const dbs = args.db!.split(',').map((d) => d.trim()) as ('pglite' | 'postgres')[];
  const out = [];
  for (const db of dbs) out.push(await runFor(db));
  let ok = true;
  for (const r of out) {
    const targets = [
      r.db === 'postgres' ? [`>= 50 sessions/s`, r.saturationPerS >= 50] : null,
      [`escalation->offer p99 < 100 ms up to 80% of saturation (${r.lightLoadEscalationToOfferP99Ms} ms)`, r.lightLoadEscalationToOfferP99Ms !== null && r.lightLoadEscalationToOfferP99Ms < 100],
      [`above saturation >= 90% of it (${r.overloadMinCompletedPerS}/s of ${r.saturationPerS}/s)`, r.overloadMinCompletedPerS === null ? null : r.overloadMinCompletedPerS >= 0.9 * r.saturationPerS],
      [`RSS flat over ${r.soak.sessions} sessions (${r.soak.rssAfter20PctMb} -> ${r.soak.rssEndMb} MiB)`, r.soak.rssEndMb <= r.soak.rssAfter20PctMb * 1.25],
    ].filter((x): x is [string, boolean | null] => x !== null);
    console.log(`${r.db}: saturation ${r.saturationPerS} completed sessions/s, ${r.cpuMsPerSessionAtSaturation} CPU ms/session`);
    for (const [what, met] of targets) console.log(`  ${what}: ${met === null ? 'not measured (no step above saturation)' : met ? 'met' : 'NOT met'}`);
    if (r.failed > 0) {
      ok = false;
      console.error(`  ${r.failed} sessions did not complete (${r.completed} completed); first failures: ${r.failures.join(' | ')}`);
    }
  }
  console.log(JSON.stringify({ results: out.map(({ failures: _f, ...r }) => r) }));
  if (!ok) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
