/**
 * Benchmark (not a test): teleop command round trip console -> orchestrator -> kiosk ->
 * rosbridge -> simulator and back, on loopback.
 *
 * Starts the rosbridge simulator and the orchestrator in this process (embedded PGlite in
 * memory), a kiosk peer that runs the kiosk's own RobotLink (roslib) in Node, and a console
 * peer (worker) holding the control lease. It then sends N `robot:command` requests and times
 * each at the console from emit to acknowledgement:
 *  - `ping`: the kiosk calls the base's `/get_robot_info` service through rosbridge and answers
 *    when the simulator has replied (the full loop);
 *  - `drive`: the kiosk publishes `/cmd_vel` through its deadman controller and acknowledges.
 * Prints p50/p99 per kind; the LAST line is `{"rtt_p50_ms", "rtt_p99_ms", ...}` for `ping`.
 * Usage: npm run -s bench:control [-- --samples 500]
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { startSimulator } from '@telekiosk/hardware';
import { consoleRequests, kioskRequests, RobotCommand } from '@telekiosk/shared';
import { request } from '@telekiosk/shared/client';
import { loadConfig } from '../apps/orchestrator/src/config.ts';
import { startOrchestrator } from '../apps/orchestrator/src/server.ts';
import { DEMO_PASSWORD } from '../apps/orchestrator/src/seed.ts';
import { RobotLink } from '../apps/kiosk/src/renderer/client/RobotLink.ts';

const samplesArg = process.argv.indexOf('--samples');
const SAMPLES = samplesArg > 0 ? Number(process.argv[samplesArg + 1]) : 500;

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};

async function main() {
  const sim = await startSimulator({ port: 0 });
  const orch = await startOrchestrator(loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent' }));
  const kiosk = await connect(`${orch.url}/kiosk`, { deviceId: orch.demo!.deviceId, deviceToken: orch.demo!.deviceToken });
  const link = new RobotLink(sim.url, () => {});
  link.start();
  while (link.status.link !== 'up') await new Promise((r) => setTimeout(r, 50));
  kiosk.on('robot:command', (payload: unknown, ack: (r: unknown) => void) => {
    const parsed = RobotCommand.safeParse(payload);
    if (!parsed.success) return ack({ ok: false, reason: 'bad_command' });
    void link.handle(parsed.data).then(ack);
  });

  const login = await fetch(`${orch.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sam', password: DEMO_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const worker = await connect(`${orch.url}/console`, { token });
  await request(worker, consoleRequests, 'console:hello', {});
  await request(worker, consoleRequests, 'worker:set-state', { state: 'available' });
  const offer = new Promise<{ id: string }>((r) => worker.once('offer:new', r));
  const { session } = await request(kiosk, kioskRequests, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
  await request(worker, consoleRequests, 'offer:accept', { offerId: (await offer).id });

  const run = async (command: RobotCommand) => {
    const out: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      const r = await request(worker, consoleRequests, 'robot:command', { sessionId: session.id, command });
      if (!r.ok) throw new Error(`command refused: ${r.reason}`);
      out.push(performance.now() - t0);
    }
    return out;
  };
  await run({ type: 'ping' }); // warm-up
  const ping = await run({ type: 'ping' });
  const drive = await run({ type: 'drive', linear: 0.1, angular: 0 });
  await request(worker, consoleRequests, 'robot:command', { sessionId: session.id, command: { type: 'stop' } });

  console.log(`samples per kind: ${SAMPLES} (loopback, ${process.version})`);
  console.log(`ping  (console -> orchestrator -> kiosk -> rosbridge service -> simulator -> back): p50 ${pct(ping, 50)} ms, p99 ${pct(ping, 99)} ms`);
  console.log(`drive (console -> orchestrator -> kiosk -> /cmd_vel publish -> back):           p50 ${pct(drive, 50)} ms, p99 ${pct(drive, 99)} ms`);
  console.log(`target: ping p99 < 50 ms -> ${pct(ping, 99) < 50 ? 'met' : 'NOT met'}`);
  link.close();
  kiosk.close();
  worker.close();
  await orch.close();
  await sim.close();
  console.log(JSON.stringify({ rtt_p50_ms: pct(ping, 50), rtt_p99_ms: pct(ping, 99), drive_p50_ms: pct(drive, 50), drive_p99_ms: pct(drive, 99), samples: SAMPLES }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
