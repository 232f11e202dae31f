/**
 * Cluster benchmark (not a test): `npm run bench:cluster [-- --sizes 1,2,3] [--step-s 6]`.
 *
 * For each cluster size it starts that many orchestrator nodes (PostgreSQL on PG_URL + our own
 * Redis + HAProxy, scripts/lib/cluster.ts), provisions KIOSKS devices and WORKERS workers, and
 * drives whole sessions through the proxy at rising offered load (the same session as
 * `bench:load`: start, a turn, escalation, offer, accept, a line, end, rating) until two steps
 * saturate. It prints completed sessions/s per size (and the ratio to one node), CPU ms per
 * session of each node and of this load-generating process. With three nodes it then measures
 * failover: kill -9 of a node holding only a kiosk's socket (time until it reconnected through
 * the proxy and resumed its session), of the node hosting a call's media (time until both peers
 * are told and rejoin on a live node), then of the routing leader (time until a standby leads
 * and a new visitor is offered).
 *
 * All processes share this machine's 2 cores, so the ratios are bounded by CPU: read them with
 * the per-node CPU figures. Every session started must complete and every failover must finish,
 * otherwise the run exits 1 saying what did not. The LAST line is one JSON object.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { consoleRequests, kioskRequests, type Offer } from '@telekiosk/shared';
import { request } from '@telekiosk/shared/client';
import { hashDeviceToken, newDeviceToken } from '../apps/orchestrator/src/auth/passwords.ts';
import { TokenService } from '../apps/orchestrator/src/auth/tokens.ts';
import { startCluster, type Cluster, type ClusterNode } from './lib/cluster.ts';
import { connect, connectAll, pct, SessionDriver, type SessionResult } from './bench/harness.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,2,3' },
    'step-s': { type: 'string', default: '6' },
    rates: { type: 'string', default: '20,35,50,65,80,100,125' },
    kiosks: { type: 'string', default: '300' },
    workers: { type: 'string', default: '80' },
  },
});
const SIZES = args.sizes!.split(',').map(Number);
const STEP_S = Number(args['step-s']);
const RATES = args.rates!.split(',').map(Number);
const KIOSKS = Number(args.kiosks);
const WORKERS = Number(args.workers);
const SECRET = 'bench-cluster-secret-bench-cluster-secret';
const TICK_MS = 1000 / Number(process.env.CLK_TCK ?? 100);

/** CPU time (ms) a process has used, from /proc (Linux). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}
const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function provision(c: Cluster) {
  const db = new pg.Client({ connectionString: c.databaseUrl });
  await db.connect();
  const devices: { id: string; token: string }[] = [];
  for (let i = 0; i < KIOSKS; i++) devices.push({ id: `cb-${i}`, token: newDeviceToken() });
  for (let i = 0; i < devices.length; i += 200) {
    const batch = devices.slice(i, i + 200);
    const values = batch.map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, 'Bench', $${j * 3 + 3}, 'none')`).join(',');
    await db.query(`insert into devices (id, name, location, token_hash, robot_link) values ${values}`, batch.flatMap((d) => [d.id, `Kiosk ${d.id}`, hashDeviceToken(d.token)]));
  }
  const tokens = new TokenService(SECRET, 3600);
  const workerTokens: string[] = [];
  for (let i = 0; i < WORKERS; i++) {
    await db.query(`insert into workers (id, username, display_name, role, languages, password_hash, departments) values ($1, $1, $2, 'worker', '["en"]', 'x', '["general"]')`, [`cbw-${i}`, `Worker ${i}`]);
    // Access tokens name a revocable sign-in session (issue 12): create one per worker, as a sign-in would.
    const sid = randomBytes(16).toString('base64url');
    await db.query(`insert into auth_sessions (id, worker_id, method, created_at, expires_at) values ($1, $2, 'password', now(), now() + interval '1 hour')`, [sid, `cbw-${i}`]);
    workerTokens.push(await tokens.sign({ sub: `cbw-${i}`, role: 'worker', sid }));
  }
  await db.end();
  return { devices, workerTokens };
}

/** Runs sessions at `rate`/s for `seconds` and waits for them. */
async function step(driver: SessionDriver, rate: number, seconds: number) {
  const t0 = performance.now();
  const runs: Promise<SessionResult | 'refused' | 'failed'>[] = [];
  for (let i = 0; ; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due > t0 + seconds * 1000) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    runs.push(driver.run());
  }
  const outcomes = await Promise.all(runs);
  const results = outcomes.filter((o): o is SessionResult => typeof o === 'object');
  const last = results.reduce((m, r) => Math.max(m, r.completedAt), t0 + seconds * 1000);
  return { results, completedPerS: Math.round((results.length / Math.max(seconds, (last - t0) / 1000)) * 10) / 10, refused: outcomes.filter((o) => o === 'refused').length, failed: outcomes.filter((o) => o === 'failed').length };
}

async function runSize(n: number) {
  const c = await startCluster({ nodes: n, env: { AUTH_SECRET: SECRET, CLUSTER_LOG_LEVEL: 'warn', SOCKET_EVENTS_PER_S: '1000' } });
  try {
    const { devices, workerTokens } = await provision(c);
    const kiosks = await connectAll(devices, (d) => connect(`${c.url}/kiosk`, { deviceId: d.id, deviceToken: d.token }));
    const workers = await connectAll(workerTokens, (token) => connect(`${c.url}/console`, { token }));
    const driver = new SessionDriver(kiosks, workers);
    await driver.ready();
    await step(driver, 5, 2);
    let best = { completedPerS: 0, rate: 0, nodeCpuMs: [] as number[], selfCpuMs: 0, completed: 0, p99: null as number | null };
    let saturated = 0;
    let failed = 0;
    console.log(`${n} node(s):`);
    for (const rate of RATES) {
      const before = c.nodes.map((x) => cpuMs(x.pid));
      const self0 = selfCpuMs();
      const s = await step(driver, rate, STEP_S);
      failed += s.failed;
      const nodeCpu = c.nodes.map((x, i) => cpuMs(x.pid) - before[i]!);
      const p99 = pct(s.results.map((r) => r.escalationToOfferMs), 99);
      console.log(`  offered ${rate}/s: completed ${s.completedPerS}/s (${s.results.length}), refused ${s.refused}, failed ${s.failed}, escalation->offer p99 ${p99} ms; CPU ms/session per node ${nodeCpu.map((x) => Math.round(x / Math.max(1, s.results.length))).join(' / ')}, load generator ${Math.round((selfCpuMs() - self0) / Math.max(1, s.results.length))}`);
      if (s.completedPerS > best.completedPerS) best = { completedPerS: s.completedPerS, rate, nodeCpuMs: nodeCpu.map((x) => Math.round(x / Math.max(1, s.results.length))), selfCpuMs: Math.round((selfCpuMs() - self0) / Math.max(1, s.results.length)), completed: s.results.length, p99 };
      if (s.completedPerS < 0.8 * rate) saturated++;
      if (saturated >= 2) break;
    }
    for (const s of [...kiosks, ...workers]) s.close();
    let failover = null;
    if (n >= 3) failover = await measureFailover(c, devices, workerTokens);
    return { nodes: n, saturationPerS: best.completedPerS, cpuMsPerSessionPerNode: best.nodeCpuMs, loadGeneratorCpuMsPerSession: best.selfCpuMs, escalationToOfferP99MsAtSaturation: best.p99, failed, failover, failures: driver.failures.slice(0, 3) };
  } finally {
    await c.stop();
  }
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

/** Retries a request answered `unavailable` (routing moving), like the apps. */
async function retry<T>(fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A whole call up to accepted: kiosk starts, the worker is offered and accepts. */
async function startCall(kiosk: Socket, worker: Socket) {
  const offered = new Promise<Offer>((r) => worker.once('offer:new', r));
  const { session } = await retry(() => request(kiosk, kioskRequests, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' }));
  const offer = await Promise.race([offered, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
  return { session, offer };
}

/**
 * Failover with three nodes, in three parts:
 * 1. media: both peers' sockets on the routing leader, the call's room on another node (media
 *    placement prefers nodes that do not route); that node is SIGKILLed. Time until both peers
 *    are told (`media:restart`, sent when the leader's sweep finds the node dead) and have
 *    joined again on a live node.
 * 2. routing: both peers on the last non-leader; the leader is SIGKILLed. Time until the standby
 *    leads, and until a visitor who starts right after the kill is offered.
 * 0. (first) sockets: a kiosk in a session connects through the proxy with socket.io's default
 *    reconnection (as the kiosk app does) and lands on a node that does not lead; that node is
 *    SIGKILLed. Time until the kiosk is connected again (through the proxy, to a live node) and
 *    has resumed its session (`session:resume` answered with its transcript). A fresh node is
 *    then added so parts 1 and 2 have three.
 */
async function measureFailover(c: Cluster, devices: { id: string; token: string }[], workerTokens: string[]) {
  const leader = (await c.leader())!;
  // 0. A node holding only sockets (first: every node is still in the proxy's rotation).
  let socketResumeMs: number | null = null;
  let socketNote = 'no kiosk landed on a node that does not lead';
  {
    const leaderNow = leader;
    let killed = false; // one node only, whatever the outcome
    for (let i = 2; i < 22 && !killed; i++) {
      const d = devices[i]!;
      const kiosk = io(`${c.url}/kiosk`, { auth: { deviceId: d.id, deviceToken: d.token }, transports: ['websocket'], forceNew: true });
      await new Promise<void>((r, j) => {
        kiosk.once('connect', () => r());
        kiosk.once('connect_error', j);
      });
      const holder = await waitFor(() => c.nodeOf('device', d.id).then((x) => x ?? undefined), 10_000);
      if (!holder || holder === leaderNow) {
        kiosk.close();
        continue;
      }
      const { session } = await retry(() => request(kiosk, kioskRequests, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' }));
      await retry(() => request(kiosk, kioskRequests, 'visitor:message', { sessionId: session.id, text: 'What are your opening hours?' }));
      const back = new Promise<void>((r) => kiosk.io.once('reconnect', () => r()));
      const t2 = performance.now();
      killed = true;
      await holder.kill9();
      const reconnected = await Promise.race([back.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
      if (!reconnected) socketNote = `the kiosk did not reconnect within 60 s after node ${holder.index} died`;
      else {
        const snap = await retry(() => request(kiosk, kioskRequests, 'session:resume', { sessionId: session.id, lastSeq: 0 }), 30_000);
        if (snap.entries.some((e) => e.text === 'What are your opening hours?')) {
          socketResumeMs = Math.round(performance.now() - t2);
          socketNote = `kiosk moved from node ${holder.index} to node ${(await c.nodeOf('device', d.id))?.index ?? '?'}`;
        } else socketNote = 'the resumed session lacked the visitor line';
      }
      await retry(() => request(kiosk, kioskRequests, 'session:leave', { sessionId: session.id, reason: 'visitor_left' })).catch(() => undefined);
      kiosk.close();
    }
    console.log(`  socket node failover: ${socketNote}`);
    // Three live nodes again for the media and routing parts (they connect to nodes directly).
    await c.addNode();
  }
  // 1. Media node.
  let mediaRejoinMs: number | null = null;
  let mediaNote: string;
  {
    const kiosk = await connect(`${leader.url}/kiosk`, { deviceId: devices[0]!.id, deviceToken: devices[0]!.token });
    const worker = await connect(`${leader.url}/console`, { token: workerTokens[0]! });
    await request(worker, consoleRequests, 'console:hello', {});
    await request(worker, consoleRequests, 'worker:set-state', { state: 'available' });
    const { session, offer } = await startCall(kiosk, worker);
    if (!offer) mediaNote = 'the visitor was not offered';
    else {
      await retry(() => request(worker, consoleRequests, 'offer:accept', { offerId: offer.id }));
      await retry(() => request(kiosk, kioskRequests, 'media:join', { sessionId: session.id }));
      await retry(() => request(worker, consoleRequests, 'media:join', { sessionId: session.id }));
      const host = await waitFor(() => c.mediaNodeOf(session.id).then((x) => x ?? undefined), 20_000);
      if (!host) mediaNote = 'the media room was not placed';
      else if (host === leader) mediaNote = 'the media room was placed on the leader, which holds the peers\' sockets';
      else {
        const told = (s: Socket) => new Promise<void>((r) => s.once('media:restart', () => r()));
        const both = Promise.all([told(kiosk), told(worker)]);
        const t1 = performance.now();
        await host.kill9();
        const ok = await Promise.race([both.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
        if (ok) {
          await retry(() => request(kiosk, kioskRequests, 'media:join', { sessionId: session.id }));
          await retry(() => request(worker, consoleRequests, 'media:join', { sessionId: session.id }));
          mediaRejoinMs = Math.round(performance.now() - t1);
          const moved = await c.mediaNodeOf(session.id);
          mediaNote = `room moved from node ${host.index} to node ${moved?.index ?? '?'}`;
        } else mediaNote = `the peers were not told to rejoin within 60 s after node ${host.index} died`;
      }
      await retry(() => request(worker, consoleRequests, 'session:end', { sessionId: session.id, disposition: 'resolved' }));
    }
    console.log(`  media failover: ${mediaNote}`);
    kiosk.close();
    worker.close();
  }
  // 2. Routing leader.
  const other = c.nodes.find((x) => x.alive() && x !== leader);
  let leaderTakeoverMs: number | null = null;
  let leaderToOfferMs: number | null = null;
  if (other) {
    const kiosk = await connect(`${other.url}/kiosk`, { deviceId: devices[1]!.id, deviceToken: devices[1]!.token });
    const worker = await connect(`${other.url}/console`, { token: workerTokens[1]! });
    await request(worker, consoleRequests, 'console:hello', {});
    await request(worker, consoleRequests, 'worker:set-state', { state: 'available' });
    const t0 = performance.now();
    await leader.kill9();
    const offerPromise = startCall(kiosk, worker);
    const newLeader = await waitFor(async () => {
      const l = await c.leader();
      return l && l !== leader ? l : undefined;
    }, 60_000);
    leaderTakeoverMs = newLeader ? Math.round(performance.now() - t0) : null;
    const { offer } = await offerPromise;
    leaderToOfferMs = offer ? Math.round(performance.now() - t0) : null;
    kiosk.close();
    worker.close();
  }
  return { leaderTakeoverMs, leaderKillToNewOfferMs: leaderToOfferMs, mediaNodeKillToRejoinMs: mediaRejoinMs, mediaFailover: mediaNote, socketNodeKillToResumeMs: socketResumeMs, socketFailover: socketNote };
}

async function main() {
  const results = [];
  for (const n of SIZES) results.push(await runSize(n));
  const one = results.find((r) => r.nodes === 1)?.saturationPerS ?? null;
  let ok = true;
  console.log('summary:');
  for (const r of results) {
    console.log(`  ${r.nodes} node(s): ${r.saturationPerS} sessions/s${one ? ` (x${(r.saturationPerS / one).toFixed(2)})` : ''}; CPU ms/session per node ${r.cpuMsPerSessionPerNode.join(' / ')}; load generator ${r.loadGeneratorCpuMsPerSession}`);
    if (r.failed > 0) {
      ok = false;
      console.error(`  ${r.failed} sessions did not complete with ${r.nodes} node(s): ${r.failures.join(' | ')}`);
    }
    if (r.failover) {
      const f = r.failover;
      console.log(`  failover: leader kill -9 -> standby leads in ${f.leaderTakeoverMs} ms (target < 5000), new visitor offered after ${f.leaderKillToNewOfferMs} ms; media node kill -9 -> both peers rejoined in ${f.mediaNodeKillToRejoinMs} ms (target < 5000); socket-only node kill -9 -> kiosk reconnected and resumed in ${f.socketNodeKillToResumeMs} ms (target < 3000)`);
      if (f.leaderTakeoverMs === null || f.leaderKillToNewOfferMs === null || f.mediaNodeKillToRejoinMs === null || f.socketNodeKillToResumeMs === null) ok = false;
    }
  }
  console.log(JSON.stringify({ results: results.map(({ failures: _f, ...r }) => ({ ...r, ratioToOneNode: one ? Math.round((r.saturationPerS / one) * 100) / 100 : null })) }));
  if (!ok) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
