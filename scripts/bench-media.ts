/**
 * Media benchmark (not a test): `npm run bench:media [-- --steps 5,10,20 --measure-s 8]`.
 * On a shared machine run it under the heavy lock: `flock /tmp/telekiosk-heavy.lock npm run bench:media`.
 *
 * How many concurrent calls ONE mediasoup worker (one core of an orchestrator node) forwards on
 * this machine. A call is the product's: one Router per session created with the orchestrator's
 * own router codecs (`MEDIA_CODECS` of apps/orchestrator/src/media/mediaServer.ts), kiosk and
 * remote worker each sending Opus (50 packets/s) and VP8 (30 fps, ~1 Mbit/s, 105 packets/s of
 * 1,200 bytes) and each consuming the other's two streams.
 *
 * What differs from the product, and why: the orchestrator's `MediaServer` only makes
 * WebRtcTransports (ICE + DTLS through the worker's WebRtcServer), which need a WebRTC stack on
 * the other end, and there is no browser-free one here. So this script drives mediasoup 3.12.16
 * directly (the same worker binary, found with `builtWorkerBin()` as the orchestrator does) with
 * PlainTransports that use SRTP AES_CM_128_HMAC_SHA1_80, rtcp-mux and comedia: per packet the
 * worker authenticates and decrypts, routes, re-encrypts and sends, as for WebRTC. Not measured:
 * the DTLS handshake and ICE consent checks (once per call and every few seconds), WebRtcServer
 * demultiplexing by address (one UDP port for all transports instead of one port per transport),
 * transport-wide congestion-control feedback and bandwidth estimation, retransmissions (no loss on
 * loopback), simulcast, and the orchestrator's own Node process (signaling), which shares the node.
 *
 * The calls ramp up (`--steps`); each step runs `--warmup-s` + `--measure-s` of media, then counts
 * packets sent vs forwarded back (loss), the worker's CPU from /proc/<pid>/stat, this load
 * generator's CPU, the other load on the machine, kernel socket drops per side (/proc/net/udp) and
 * how late the generator sent against its schedule. A step in which the generator fell behind
 * (p99 lateness > 20 ms, or its own sockets dropped > 0.1%) is invalid and not counted: the ramp
 * stops there and the figure is a lower bound. Capacity = the largest valid step with < 1% loss
 * and worker CPU < 85% of a core. A step that fails to set up or run, a stream that forwards
 * nothing, or a forwarded packet that does not authenticate exits 1 saying how far it got.
 * `--srtp off` sends plain RTP instead, to show what encryption costs the worker.
 * The LAST line is one JSON object.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { types as ms } from 'mediasoup';
import { MEDIA_CODECS } from '../apps/orchestrator/src/media/mediaServer.ts';
import { builtWorkerBin, MODERN_MEDIASOUP_VERSION, workerLine } from '../apps/orchestrator/src/media/workerBinary.ts';
import { BenchCall, MediaLoadGenerator, PACKETS_PER_PEER_S, receiveErrors, AUDIO_PAYLOAD_BYTES, VIDEO_PACKET_BYTES } from './bench/mediaLoad.ts';
import { machineCpuMs, processCpuMs, selfCpuMs, udpDrops } from './bench/procStats.ts';
import { SRTP_CRYPTO_SUITE } from './bench/srtp.ts';

const argsSchema = z.object({
  /** Concurrent calls per step, rising. */
  steps: z.string().transform((s, ctx) => {
    const v = s.split(',').map((x) => Number(x.trim()));
    if (v.length === 0 || v.some((n) => !Number.isInteger(n) || n < 1) || v.some((n, i) => i > 0 && n <= v[i - 1]!)) ctx.addIssue({ code: 'custom', message: 'a rising list of positive integers' });
    return v;
  }),
  /** Seconds of media before the CPU window of each step. */
  'warmup-s': z.coerce.number().min(0.5).max(30),
  /** Seconds of the CPU window of each step. */
  'measure-s': z.coerce.number().min(2).max(120),
  /** Seconds the whole ramp may take; steps that would end later are not started. */
  'budget-s': z.coerce.number().min(20).max(1800),
  /** `on` (default): SRTP as after a WebRTC DTLS handshake; `off`: plain RTP, to see what encryption costs. */
  srtp: z.enum(['on', 'off']),
});

const raw = parseArgs({
  options: {
    steps: { type: 'string', default: '5,10,20,30,40,50,60,70,80,90,100,110,120,140,160,180,200,240,280,320' },
    'warmup-s': { type: 'string', default: '2' },
    'measure-s': { type: 'string', default: '8' },
    'budget-s': { type: 'string', default: '240' },
    srtp: { type: 'string', default: 'on' },
  },
}).values;
const parsed = argsSchema.safeParse(raw);
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`--${i.path.join('.')}: ${i.message}`);
  process.exit(2);
}
const ARGS = parsed.data;

/** Largest forwarding loss of a passing step, percent. */
const MAX_LOSS_PCT = 1;
/** Largest worker CPU of a passing step, percent of one core. */
const MAX_WORKER_CPU_PCT = 85;
/** The generator kept its schedule when 99% of packets left within this many ms of their time. */
const MAX_LATE_P99_MS = 20;
/** ...and its own sockets dropped at most this fraction of what it sent, percent. */
const MAX_GEN_DROP_PCT = 0.1;
/** Worker port range (away from the orchestrator's default 40000-40999). */
const RTC_MIN_PORT = 47000;
const RTC_MAX_PORT = 49999;

/** Figures of one step. */
interface StepResult {
  calls: number;
  setup_ms: number;
  /** RTP packets sent by the generator in the step (warm-up + measure). */
  sent: number;
  /** RTP packets that reached the producers (worker's inbound stats). */
  producer_in: number;
  /** RTP packets the consumers sent (worker's outbound stats). */
  consumer_out: number;
  /** RTP packets received back by the generator. */
  received: number;
  /** Forwarding loss: (sent - received - generator socket drops) / sent, percent. */
  loss_pct: number;
  /** Datagrams the kernel dropped on the worker's sockets / on the generator's receive sockets. */
  sfu_socket_drops: number;
  generator_socket_drops: number;
  /** CPU over the measure window, percent of one core. */
  worker_cpu_pct: number;
  worker_cpu_pct_per_call: number;
  /** Worker CPU per RTP packet forwarded (in + decrypt + route + encrypt + out), microseconds. */
  worker_cpu_us_per_packet: number;
  generator_cpu_pct: number;
  /** Everything else busy on the machine during the window (other processes), percent of one core. */
  other_cpu_pct: number;
  /** How late packets left versus their schedule: p99 and max, ms. */
  send_late_p99_ms: number;
  send_late_max_ms: number;
  /** The generator kept its schedule (lateness and own socket drops within limits). */
  generator_kept_rate: boolean;
  /** Valid and under both limits (loss, worker CPU). */
  passed: boolean;
}

const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

async function sumStats(objs: (ms.Producer | ms.Consumer)[], type: 'inbound-rtp' | 'outbound-rtp'): Promise<number> {
  let n = 0;
  for (let i = 0; i < objs.length; i += 200) {
    const stats = await Promise.all(objs.slice(i, i + 200).map((o) => o.getStats() as Promise<{ type: string; packetCount: number }[]>));
    for (const list of stats) for (const s of list) if (s.type === type) n += s.packetCount;
  }
  return n;
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const workerBin = process.env.MEDIASOUP_WORKER_BIN || builtWorkerBin();
  if (!workerBin) throw new Error(`no mediasoup ${MODERN_MEDIASOUP_VERSION} worker: run \`bash scripts/build-mediasoup-worker.sh\` (or set MEDIASOUP_WORKER_BIN)`);
  if (workerLine(workerBin) !== 'modern') throw new Error(`MEDIASOUP_WORKER_BIN: ${workerBin} is not a mediasoup ${MODERN_MEDIASOUP_VERSION} worker; this benchmark measures the 3.12 media path`);
  process.env.MEDIASOUP_WORKER_BIN = workerBin;
  const mediasoup = await import('mediasoup');
  if (mediasoup.version !== MODERN_MEDIASOUP_VERSION) throw new Error(`mediasoup JS package is ${mediasoup.version}, worker is ${MODERN_MEDIASOUP_VERSION}`);

  const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: RTC_MIN_PORT, rtcMaxPort: RTC_MAX_PORT });
  let died: Error | null = null;
  worker.on('died', (err: Error) => (died = err));
  const cores = availableParallelism();
  const key = ARGS.srtp === 'on' ? MediaLoadGenerator.newKey() : null;
  console.log(`mediasoup ${mediasoup.version} worker pid ${worker.pid} (${workerBin}); ${cores} cores shared by the worker, this generator and anything else running`);
  console.log(`a call: 2 peers x (Opus ${1000 / 20} pkt/s of ${AUDIO_PAYLOAD_BYTES} B + VP8 105 pkt/s of ${VIDEO_PACKET_BYTES} B), each consuming the other; ${key ? `SRTP ${SRTP_CRYPTO_SUITE}` : 'plain RTP (--srtp off: no encryption)'}; ${ARGS['warmup-s']} s warm-up + ${ARGS['measure-s']} s measured per step`);

  const gen = new MediaLoadGenerator(key);
  const calls: BenchCall[] = [];
  const steps: StepResult[] = [];
  let limit: 'loss' | 'worker_cpu' | 'generator' | 'time_budget' | 'last_step' = 'last_step';
  let failure: string | null = null;

  try {
    for (const n of ARGS.steps) {
      const elapsedS = (performance.now() - t0) / 1000;
      const lastSetupS = steps.length ? steps[steps.length - 1]!.setup_ms / 1000 : 0;
      const estimateS = ARGS['warmup-s'] + ARGS['measure-s'] + 2 + lastSetupS * 2;
      if (elapsedS + estimateS > ARGS['budget-s']) {
        limit = 'time_budget';
        console.log(`step ${n} calls not started: it would end past the ${ARGS['budget-s']} s budget`);
        break;
      }
      const setupStart = performance.now();
      while (calls.length < n) {
        const call = await BenchCall.create(calls.length, worker, MEDIA_CODECS, key);
        calls.push(call);
        gen.add(call);
      }
      const setupMs = performance.now() - setupStart;
      const r = await measureStep(worker, calls, gen, setupMs);
      if (died) throw new Error(`the mediasoup worker died during step ${n}: ${String(died)}`);
      steps.push(r);
      console.log(
        `${String(n).padStart(4)} calls: loss ${r.loss_pct.toFixed(3)}% (sent ${r.sent}, at producers ${r.producer_in}, from consumers ${r.consumer_out}, received ${r.received}; socket drops sfu ${r.sfu_socket_drops} gen ${r.generator_socket_drops})` +
          ` | worker CPU ${r.worker_cpu_pct.toFixed(1)}% (${r.worker_cpu_pct_per_call.toFixed(2)}%/call, ${r.worker_cpu_us_per_packet.toFixed(1)} us/pkt) | generator CPU ${r.generator_cpu_pct.toFixed(1)}% | other ${r.other_cpu_pct.toFixed(1)}%` +
          ` | send lateness p99 ${r.send_late_p99_ms} ms max ${r.send_late_max_ms.toFixed(0)} ms${r.generator_kept_rate ? '' : ' GENERATOR FELL BEHIND: step invalid'} | setup ${(r.setup_ms / 1000).toFixed(1)} s`,
      );
      if (receiveErrors.length > 0) throw new Error(`forwarded packets failed checks: ${receiveErrors.slice(0, 5).join('; ')}`);
      const dead = calls.flatMap((c) => [...c.streams.values()].filter((s) => s.received === 0).map((s) => `call ${c.index} ${s.kind}`));
      if (dead.length > 0) throw new Error(`${dead.length} consumer stream(s) forwarded nothing (${dead.slice(0, 5).join(', ')})`);
      if (!r.generator_kept_rate) {
        limit = 'generator';
        break;
      }
      if (r.loss_pct >= MAX_LOSS_PCT) {
        limit = 'loss';
        break;
      }
      if (r.worker_cpu_pct >= MAX_WORKER_CPU_PCT) {
        limit = 'worker_cpu';
        break;
      }
    }
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  } finally {
    gen.stop();
    for (const c of calls) c.close();
    worker.close();
  }

  const best = [...steps].reverse().find((s) => s.passed);
  const measured = limit === 'loss' || limit === 'worker_cpu';
  if (failure) {
    console.error(`FAILED after ${steps.length} of ${ARGS.steps.length} steps (${calls.length} calls set up): ${failure}`);
  } else if (!best) {
    failure = `no step passed (< ${MAX_LOSS_PCT}% loss, worker CPU < ${MAX_WORKER_CPU_PCT}%, generator on schedule); ${steps.length} step(s) ran`;
    console.error(`FAILED: ${failure}`);
  } else {
    const perCall = best.worker_cpu_pct / best.calls;
    console.log(
      `capacity of one mediasoup worker: ${best.calls} concurrent calls (${best.loss_pct.toFixed(3)}% loss, worker ${best.worker_cpu_pct.toFixed(1)}% of a core)` +
        (measured ? `; the next step hit the ${limit === 'loss' ? 'loss' : 'CPU'} limit` : `; a LOWER BOUND: the ramp ended by ${limit === 'generator' ? 'the load generator falling behind' : limit === 'time_budget' ? 'the time budget' : 'running out of steps'} before the worker hit a limit`),
    );
    console.log(`worker CPU per call ${perCall.toFixed(2)}% of a core → about ${Math.floor(MAX_WORKER_CPU_PCT / perCall)} calls at ${MAX_WORKER_CPU_PCT}% if it grows linearly (projection, not measured); generator ${(best.generator_cpu_pct / best.calls).toFixed(2)}% of a core per call on the same ${cores} cores`);
    console.log(`an orchestrator node runs one worker per core (MEDIA_WORKERS): calls per node ≈ workers x calls per worker, less the cores the orchestrator process itself needs (not measured here)`);
  }
  const perCallPct = best ? best.worker_cpu_pct / best.calls : null;
  console.log(
    JSON.stringify({
      calls_per_worker: failure ? null : (best?.calls ?? null),
      calls_per_worker_is: failure ? 'failed' : measured ? 'measured' : 'lower_bound',
      limit,
      worker_cpu_pct_per_call: perCallPct === null ? null : round(perCallPct, 3),
      projected_calls_per_worker_at_85pct_cpu: perCallPct ? Math.floor(MAX_WORKER_CPU_PCT / perCallPct) : null,
      generator_cpu_pct_per_call: best ? round(best.generator_cpu_pct / best.calls, 3) : null,
      criteria: { max_loss_pct: MAX_LOSS_PCT, max_worker_cpu_pct: MAX_WORKER_CPU_PCT, max_send_late_p99_ms: MAX_LATE_P99_MS, max_generator_drop_pct: MAX_GEN_DROP_PCT },
      call: { peers: 2, packets_per_s: 2 * PACKETS_PER_PEER_S, audio: 'opus 50 pkt/s', video: 'vp8 30 fps 105 pkt/s ~1 Mbit/s', srtp: key ? SRTP_CRYPTO_SUITE : 'off', transport: 'PlainTransport (not WebRtcTransport)' },
      mediasoup: MODERN_MEDIASOUP_VERSION,
      cores,
      steps,
      duration_s: round((performance.now() - t0) / 1000, 0),
      ...(failure ? { failure } : {}),
    }),
  );
  return failure ? 1 : 0;
}

/** Runs one step's media on the calls already set up, then reads every counter. */
async function measureStep(worker: ms.Worker, calls: BenchCall[], gen: MediaLoadGenerator, setupMs: number): Promise<StepResult> {
  const producers = calls.flatMap((c) => c.producers);
  const consumers = calls.flatMap((c) => c.consumers);
  const genPorts = new Set(calls.map((c) => c.recvSocket.address().port));
  const sfuPorts = new Set(calls.flatMap((c) => c.workerPorts));
  const received = () => calls.reduce((n, c) => n + c.received, 0);
  const before = { received: received(), producerIn: await sumStats(producers, 'inbound-rtp'), consumerOut: await sumStats(consumers, 'outbound-rtp'), genDrops: udpDrops(genPorts), sfuDrops: udpDrops(sfuPorts) };

  gen.start();
  await delay(ARGS['warmup-s'] * 1000);
  const c0 = { worker: processCpuMs(worker.pid), self: selfCpuMs(), machine: machineCpuMs(), t: performance.now() };
  await delay(ARGS['measure-s'] * 1000);
  const c1 = { worker: processCpuMs(worker.pid), self: selfCpuMs(), machine: machineCpuMs(), t: performance.now() };
  gen.stop();

  // Drain: wait until nothing more arrives (in-flight packets), at most 3 s.
  let last = received();
  for (let quiet = 0, waited = 0; quiet < 300 && waited < 3000; waited += 50) {
    await delay(50);
    const now = received();
    quiet = now === last ? quiet + 50 : 0;
    last = now;
  }
  const sent = gen.sent;
  const got = received() - before.received;
  const genDrops = udpDrops(genPorts) - before.genDrops;
  const sfuDrops = udpDrops(sfuPorts) - before.sfuDrops;
  const producerIn = (await sumStats(producers, 'inbound-rtp')) - before.producerIn;
  const consumerOut = (await sumStats(consumers, 'outbound-rtp')) - before.consumerOut;

  const wallMs = c1.t - c0.t;
  const workerPct = ((c1.worker - c0.worker) / wallMs) * 100;
  const genPct = ((c1.self - c0.self) / wallMs) * 100;
  const machine = c1.machine.busyMs - c0.machine.busyMs;
  const machinePct = (machine / (c1.machine.totalMs - c0.machine.totalMs)) * 100 * availableParallelism();
  const packetsInWindow = calls.length * 2 * PACKETS_PER_PEER_S * (wallMs / 1000);
  const lossPct = sent > 0 ? (Math.max(0, sent - got - genDrops) / sent) * 100 : 100;
  const lateP99 = gen.lateness.quantile(0.99);
  const kept = lateP99 <= MAX_LATE_P99_MS && (genDrops / Math.max(1, sent)) * 100 <= MAX_GEN_DROP_PCT;
  return {
    calls: calls.length,
    setup_ms: Math.round(setupMs),
    sent,
    producer_in: producerIn,
    consumer_out: consumerOut,
    received: got,
    loss_pct: round(lossPct, 3),
    sfu_socket_drops: sfuDrops,
    generator_socket_drops: genDrops,
    worker_cpu_pct: round(workerPct),
    worker_cpu_pct_per_call: round(workerPct / calls.length, 3),
    worker_cpu_us_per_packet: round(((c1.worker - c0.worker) * 1000) / packetsInWindow, 2),
    generator_cpu_pct: round(genPct),
    other_cpu_pct: round(Math.max(0, machinePct - workerPct - genPct)),
    send_late_p99_ms: lateP99,
    send_late_max_ms: round(gen.lateness.maxMs),
    generator_kept_rate: kept,
    passed: kept && lossPct < MAX_LOSS_PCT && workerPct < MAX_WORKER_CPU_PCT,
  };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const failure = err instanceof Error ? err.message : String(err);
    console.error(`FAILED before any step: ${failure}`);
    console.log(JSON.stringify({ calls_per_worker: null, calls_per_worker_is: 'failed', steps: [], failure }));
    process.exit(1);
  },
);
