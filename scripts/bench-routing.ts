/**
 * Benchmark (not a test): `npm run bench:routing`.
 * 1. Routing decision latency in process: runs scripts/bench-routing-decisions.ts (1,000 kiosks,
 *    200 workers with random skills, seeded) and takes its p50/p99.
 * 2. Offer delivery latency over socket.io on loopback: the real orchestrator in its own process
 *    (scripts/bench-orchestrator-child.ts; embedded PGlite in memory, mediasoup worker idle) with 1,000 provisioned kiosks connected and 200
 *    workers with random languages connected on /console. Kiosks start sessions asking for a
 *    person; workers accept each offer and end the session a moment later (wrap-up 0), so
 *    offers keep flowing. Latency = time the offer event arrives at the worker's socket minus
 *    the time the orchestrator created it (expiresAt - offer timeout; same machine clock, ms).
 * The LAST line is one JSON object:
 *   {"decision_p50_ms", "decision_p99_ms", "offer_p50_ms", "offer_p99_ms", ...}
 * Targets: decision p99 < 5 ms, offer delivery p99 < 100 ms on a 2-core machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { consoleRequests, kioskRequests, type Offer } from '@telekiosk/shared';
import { request } from '@telekiosk/shared/client';
import { REPO_ROOT } from '../apps/orchestrator/src/config.ts';

const KIOSKS = 1000;
const WORKERS = 200;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const OFFER_TIMEOUT_MS = 20_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100 : null;
};

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

async function decisions() {
  const out = execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), [join(REPO_ROOT, 'scripts/bench-routing-decisions.ts')], { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 });
  const lines = out.trim().split('\n');
  for (const l of lines.slice(0, -1)) console.log(`  ${l}`);
  return JSON.parse(lines.at(-1)!) as { decision_p50_ms: number; decision_p99_ms: number };
}

async function offers() {
  // The orchestrator runs in its own process, as in production; kiosks and workers run here.
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), [join(REPO_ROOT, 'scripts/bench-orchestrator-child.ts')], {
    env: { ...process.env, BENCH_KIOSKS: String(KIOSKS), BENCH_WORKERS: String(WORKERS), BENCH_OFFER_TIMEOUT_MS: String(OFFER_TIMEOUT_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ url: string; devices: { id: string; token: string }[]; workerTokens: string[] }>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)));
    });
    child.once('exit', (code) => reject(new Error(`orchestrator exited with ${code}`)));
  });
  let rng = 11;
  const rand = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // Connect in batches: a burst of 1,200 handshakes overflows the listen backlog.
  const batched = async <T,>(items: T[], fn: (x: T) => Promise<Socket>) => {
    const out: Socket[] = [];
    for (let i = 0; i < items.length; i += 50) out.push(...(await Promise.all(items.slice(i, i + 50).map(fn))));
    return out;
  };
  const kiosks = await batched(ready.devices, (d) => connect(`${ready.url}/kiosk`, { deviceId: d.id, deviceToken: d.token }));
  const workers = await batched(ready.workerTokens, (token) => connect(`${ready.url}/console`, { token }));
  const latencies: number[] = [];
  let started = 0;
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const startNext = async (k: Socket) => {
    if (started >= SESSIONS) return;
    started++;
    await request(k, kioskRequests, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' }).catch(() => {});
  };
  for (const w of workers) {
    await request(w, consoleRequests, 'console:hello', {});
    w.on('offer:new', (o: Offer) => {
      latencies.push(Date.now() - (Date.parse(o.expiresAt) - OFFER_TIMEOUT_MS));
      void (async () => {
        try {
          const a = await request(w, consoleRequests, 'offer:accept', { offerId: o.id });
          await new Promise((r) => setTimeout(r, 5 + Math.floor(rand() * 20)));
          await request(w, consoleRequests, 'session:end', { sessionId: a.session.id, disposition: 'resolved' });
        } catch {
          /* offer gone: counted as delivered anyway */
        }
        done++;
        if (done >= SESSIONS) finish();
        const k = kiosks[Math.floor(rand() * kiosks.length)]!;
        void startNext(k);
      })();
    });
  }
  for (const w of workers) await request(w, consoleRequests, 'worker:set-state', { state: 'available' });
  const t0 = Date.now();
  await Promise.all(kiosks.map((k) => startNext(k)));
  await Promise.race([finished, new Promise((r) => setTimeout(r, 120_000))]);
  const seconds = (Date.now() - t0) / 1000;
  for (const s of [...kiosks, ...workers]) s.close();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { latencies, seconds, done };
}

async function main() {
  console.log('routing decisions (in process):');
  const d = await decisions();
  console.log(`offer delivery over socket.io: ${KIOSKS} kiosks, ${WORKERS} workers, ${SESSIONS} sessions ...`);
  const o = await offers();
  const offerP50 = pct(o.latencies, 50);
  const offerP99 = pct(o.latencies, 99);
  console.log(`  offers delivered: ${o.latencies.length}, sessions handled: ${o.done} in ${o.seconds.toFixed(1)} s`);
  console.log(`  offer delivery p50 ${offerP50} ms, p99 ${offerP99} ms (ms resolution)`);
  console.log(`targets: decision p99 < 5 ms -> ${d.decision_p99_ms < 5 ? 'met' : 'NOT met'}; offer p99 < 100 ms -> ${offerP99 !== null && offerP99 < 100 ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ decision_p50_ms: d.decision_p50_ms, decision_p99_ms: d.decision_p99_ms, offer_p50_ms: offerP50, offer_p99_ms: offerP99, offers: o.latencies.length, kiosks: KIOSKS, workers: WORKERS }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
