/**
 * Shared parts of the socket benchmarks: the orchestrator in its own process
 * (orchestrator-child.ts), kiosks and workers as socket.io clients in this process, and a
 * driver that plays whole sessions (start, a turn with the assistant, escalation, offer,
 * accept, a line, end, rating) and times each step. Lines carry a client id, as the kiosk's and
 * the console's outboxes send them. Clock: this process's `performance.now()`.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { consoleRequests, kioskRequests, type Offer } from '@telekiosk/shared';
import { request, RequestError } from '@telekiosk/shared/client';
import { REPO_ROOT } from '../../apps/orchestrator/src/config.ts';

/** Percentile (nearest rank) of `xs`, 2 decimals; null when empty. */
export function pct(xs: number[], p: number): number | null {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100 : null;
}

/** What the orchestrator under test reports about itself. */
export interface ChildStats {
  cpuMs: number;
  rssMb: number;
  loopDelayMs: number;
  refusals: Record<string, number>;
  /** Database statements executed so far (both pools). */
  queries: number;
}

/** The orchestrator under test. */
export interface BenchChild {
  url: string;
  devices: { id: string; token: string }[];
  workerTokens: string[];
  /** CPU time used so far (ms), resident memory (MiB), mean event-loop delay since the last call (ms), admission refusals so far by reason, database statements so far. */
  stats(): Promise<ChildStats>;
  stop(): Promise<void>;
}

/**
 * Starts orchestrator-child.ts with `env` and waits until it is ready. With `BENCH_CPU_PROF=<dir>`
 * the child writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
 */
export async function startChild(env: Record<string, string>): Promise<BenchChild> {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, '--import', 'tsx', join(REPO_ROOT, 'scripts/bench/orchestrator-child.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
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
  return {
    ...ready,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as ChildStats));
        child.send({ type: 'stats' });
      }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

/** Connects in batches (a burst of a thousand handshakes overflows the listen backlog). */
export async function connectAll<T>(items: T[], fn: (x: T) => Promise<Socket>): Promise<Socket[]> {
  const out: Socket[] = [];
  for (let i = 0; i < items.length; i += 50) out.push(...(await Promise.all(items.slice(i, i + 50).map(fn))));
  return out;
}

/** Timings of one session (ms, this process's clock). */
export interface SessionResult {
  /** Visitor's escalation request sent -> offer on the worker's socket. */
  escalationToOfferMs: number;
  /** Accept sent -> assignment acknowledged. */
  acceptToAssignedMs: number;
  /** Whole session, start to rating acknowledged. */
  totalMs: number;
  completedAt: number;
}

/**
 * Plays whole sessions on a pool of kiosks against a pool of available workers. A session runs
 * on a free kiosk; the worker who gets the offer accepts, sends a line and ends it; the kiosk
 * rates it. `start()` returns `refused` when the orchestrator refuses a new session
 * (`unavailable` / `rate_limited`: above capacity) or no kiosk is free.
 */
export class SessionDriver {
  private readonly free: Socket[];
  private readonly waiting = new Map<string, { tEsc: number; resolve: (r: { tOffer: number; offer: Offer; worker: Socket }) => void }>();
  private readonly early = new Map<string, { tOffer: number; offer: Offer; worker: Socket }>();
  /** Sessions started and not finished. */
  inFlight = 0;
  readonly failures: string[] = [];

  constructor(kiosks: Socket[], private readonly workers: Socket[]) {
    this.free = [...kiosks];
    for (const w of workers) {
      w.on('offer:new', (o: Offer) => {
        const t = performance.now();
        const wait = this.waiting.get(o.sessionId);
        if (wait) {
          this.waiting.delete(o.sessionId);
          wait.resolve({ tOffer: t, offer: o, worker: w });
        } else this.early.set(o.sessionId, { tOffer: t, offer: o, worker: w });
      });
    }
  }

  /** Workers say hello and become available. */
  async ready(): Promise<void> {
    for (const w of this.workers) await request(w, consoleRequests, 'console:hello', {});
    for (const w of this.workers) await request(w, consoleRequests, 'worker:set-state', { state: 'available' });
  }

  /** Free kiosks. */
  get idle(): number {
    return this.free.length;
  }

  /**
   * Runs one whole session.
   * @returns the timings, `refused` when it was not admitted, or `failed` (recorded in `failures`).
   */
  async run(): Promise<SessionResult | 'refused' | 'failed'> {
    const kiosk = this.free.pop();
    if (!kiosk) return 'refused';
    const t0 = performance.now();
    let sessionId: string;
    try {
      const r = await request(kiosk, kioskRequests, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' }, 60_000);
      sessionId = r.session.id;
    } catch (err) {
      this.free.push(kiosk);
      if (err instanceof RequestError && (err.code === 'unavailable' || err.code === 'rate_limited')) return 'refused';
      this.failures.push(`start: ${String(err)}`);
      return 'failed';
    }
    this.inFlight++;
    try {
      await request(kiosk, kioskRequests, 'visitor:message', { sessionId, text: 'What are your opening hours?', clientId: randomUUID() }, 60_000);
      const tEsc = performance.now();
      const offered = new Promise<{ tOffer: number; offer: Offer; worker: Socket }>((resolve) => {
        const early = this.early.get(sessionId);
        if (early) {
          this.early.delete(sessionId);
          resolve(early);
        } else this.waiting.set(sessionId, { tEsc, resolve });
      });
      await request(kiosk, kioskRequests, 'visitor:request-person', { sessionId }, 60_000);
      const { tOffer, offer, worker } = await withTimeout(offered, 120_000, 'offer');
      const tAccept = performance.now();
      await request(worker, consoleRequests, 'offer:accept', { offerId: offer.id }, 60_000);
      const tAssigned = performance.now();
      await request(worker, consoleRequests, 'worker:message', { sessionId, text: 'Hello, how can I help?', clientId: randomUUID() }, 60_000);
      await request(worker, consoleRequests, 'session:end', { sessionId, disposition: 'resolved' }, 60_000);
      await request(kiosk, kioskRequests, 'session:rate', { sessionId, rating: 5 }, 60_000);
      const done = performance.now();
      return { escalationToOfferMs: tOffer - tEsc, acceptToAssignedMs: tAssigned - tAccept, totalMs: done - t0, completedAt: done };
    } catch (err) {
      this.failures.push(`${sessionId}: ${String(err)}`);
      return 'failed';
    } finally {
      this.inFlight--;
      this.free.push(kiosk);
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`no ${what} within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
