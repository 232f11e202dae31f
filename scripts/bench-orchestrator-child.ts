/**
 * Helper process of `npm run bench:routing`: the orchestrator under test, in its own process
 * (its own event loop, as in production), with an in-memory PGlite database provisioned with
 * BENCH_KIOSKS devices and BENCH_WORKERS workers with random languages (seeded). Prints one
 * JSON line `{ url, devices: [{id, token}], workerTokens: [..] }` when ready; exits on SIGTERM.
 */
import { LANGUAGES } from '@telekiosk/shared';
import { hashDeviceToken, newDeviceToken } from '../apps/orchestrator/src/auth/passwords.ts';
import { TokenService } from '../apps/orchestrator/src/auth/tokens.ts';
import { loadConfig } from '../apps/orchestrator/src/config.ts';
import { startOrchestrator } from '../apps/orchestrator/src/server.ts';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 200);
const SECRET = 'bench-secret-bench-secret-bench-secret';

async function main() {
  const orch = await startOrchestrator(
    loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent', authSecret: SECRET, wrapUpMs: 0, offerTimeoutMs: Number(process.env.BENCH_OFFER_TIMEOUT_MS ?? 20000), routingLanguageFallbackMs: 0, seedDemo: 'false' }),
  );
  let rng = 7;
  const rand = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const devices: { id: string; token: string }[] = [];
  for (let i = 0; i < KIOSKS; i++) {
    const d = { id: `bench-${i}`, token: newDeviceToken() };
    await orch.store.upsertDevice({ id: d.id, name: `Kiosk ${i}`, location: `Site ${i % 20}`, tokenHash: hashDeviceToken(d.token) });
    devices.push(d);
  }
  const tokens = new TokenService(SECRET, 3600);
  const workerTokens: string[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const languages = [...new Set([LANGUAGES[Math.floor(rand() * LANGUAGES.length)]!, LANGUAGES[Math.floor(rand() * LANGUAGES.length)]!])];
    await orch.store.upsertWorker({ id: `bw-${i}`, username: `bw-${i}`, displayName: `Worker ${i}`, role: 'worker', languages, passwordHash: 'x', departments: ['general'], level: 1 });
    workerTokens.push(await tokens.sign({ sub: `bw-${i}`, role: 'worker' }));
  }
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
