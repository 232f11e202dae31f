/**
 * Helper process of the benchmarks: the orchestrator under test in its own process (its own
 * event loop, as in production), provisioned with BENCH_KIOSKS devices and BENCH_WORKERS
 * workers. Database: BENCH_DATABASE_URL (PostgreSQL) or in-memory PGlite. Workers speak
 * BENCH_WORKER_LANGUAGES (comma list; default random pairs from the 8 languages, seeded).
 * Prints one JSON line `{ url, devices: [{id, token}], workerTokens: [..] }` when ready; answers
 * IPC `{ type: 'stats' }` with `{ cpuMs, rssMb, loopDelayMs, refusals, queries }` (admission refusals so far, by reason; database statements so far); exits on SIGTERM.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LANGUAGES, type Language } from '@telekiosk/shared';
import { hashDeviceToken, newDeviceToken } from '../../apps/orchestrator/src/auth/passwords.ts';
import { TokenService } from '../../apps/orchestrator/src/auth/tokens.ts';
import { loadConfig } from '../../apps/orchestrator/src/config.ts';
import { startOrchestrator } from '../../apps/orchestrator/src/server.ts';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 200);
const SECRET = 'bench-secret-bench-secret-bench-secret';

async function main() {
  const orch = await startOrchestrator(
    loadConfig({}, {
      port: 0,
      dataDir: 'memory://',
      ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}),
      logLevel: 'silent',
      authSecret: SECRET,
      wrapUpMs: 0,
      offerTimeoutMs: Number(process.env.BENCH_OFFER_TIMEOUT_MS ?? 20000),
      routingLanguageFallbackMs: 0,
      seedDemo: 'false',
      mediaWorkers: 1,
      socketEventsPerS: 1000,
      // Admission tuning under test (e.g. ADMISSION_DB_QUEUE_TARGET_MS=20 npm run bench:load).
      ...(process.env.ADMISSION_DB_QUEUE_TARGET_MS ? { admissionDbQueueTargetMs: process.env.ADMISSION_DB_QUEUE_TARGET_MS } : {}),
      ...(process.env.ADMISSION_LOOP_DELAY_TARGET_MS ? { admissionLoopDelayTargetMs: process.env.ADMISSION_LOOP_DELAY_TARGET_MS } : {}),
    }),
  );
  let rng = 7;
  const rand = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const fixed = process.env.BENCH_WORKER_LANGUAGES?.split(',').filter(Boolean) as Language[] | undefined;
  const devices: { id: string; token: string }[] = [];
  for (let i = 0; i < KIOSKS; i++) {
    const d = { id: `bench-${i}`, token: newDeviceToken() };
    await orch.store.fleet.upsertDevice({ id: d.id, name: `Kiosk ${i}`, location: `Site ${i % 20}`, tokenHash: hashDeviceToken(d.token) });
    devices.push(d);
  }
  const tokens = new TokenService(SECRET, 3600);
  const workerTokens: string[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const languages = fixed ?? [...new Set([LANGUAGES[Math.floor(rand() * LANGUAGES.length)]!, LANGUAGES[Math.floor(rand() * LANGUAGES.length)]!])];
    await orch.store.upsertWorker({ id: `bw-${i}`, username: `bw-${i}`, displayName: `Worker ${i}`, role: 'worker', languages, passwordHash: 'x', departments: ['general'], level: 1 });
    // Access tokens name a revocable sign-in session (issue 12): issued the way a password sign-in issues them.
    workerTokens.push((await orch.trust.signIn.issue((await orch.trust.auth.principal(`bw-${i}`))!, 'password')).response.token);
  }
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', (m: { type?: string }) => {
    if (m?.type !== 'stats') return;
    const cpu = process.cpuUsage();
    process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20, loopDelayMs: loop.mean / 1e6, refusals: { ...orch.admission.refusals }, queries: orch.database.queries });
    loop.reset();
  });
  process.stdout.write(JSON.stringify({ url: orch.url, devices, workerTokens }) + '\n');
  const stop = async () => {
    await orch.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
