/**
 * The SFU: the ONLY module that imports mediasoup. Two mediasoup lines, picked by the worker
 * binary it is given (the JS package and the worker must be the same version):
 *
 * - mediasoup 3.12.16 (package `mediasoup`, worker built by scripts/build-mediasoup-worker.sh):
 *   one `WebRtcServer` per worker listening on one UDP and one TCP port (RTC_PORT+i), through
 *   which every WebRtcTransport of that worker runs. The preferred media path.
 * - mediasoup 3.8.4 (package alias `mediasoup-legacy`, Debian's worker): no WebRtcServer; every
 *   transport takes its own port from the worker's share of RTC_MIN_PORT-RTC_MAX_PORT.
 *
 * One mediasoup Router per session, on the least-loaded of N workers; each peer (the kiosk and the worker) gets WebRtcTransports
 * for sending and receiving, producers for camera and microphone, and consumers of the other
 * peer's producers. Everything is closed when the session ends.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { types as ms } from 'mediasoup';
import type { IceServer, PeerRole, ProducerInfo, TransportInfo } from '@telekiosk/shared';
import { OrchestratorError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { iceServersFor, type TurnOptions } from './iceServers.ts';
import { LEGACY_MEDIASOUP_VERSION, MODERN_MEDIASOUP_VERSION, workerLine, type WorkerLine } from './workerBinary.ts';

type Mediasoup = typeof import('mediasoup');

/** A loaded mediasoup package and the worker binary it spawns. */
interface MediasoupRuntime {
  mediasoup: Mediasoup;
  /** `modern` = 3.12 (WebRtcServer), `legacy` = 3.8.4 (port range). */
  line: WorkerLine;
  version: string;
  workerBin: string;
}

/**
 * Loads the mediasoup JS package matching `workerBin`: `mediasoup` (3.12.16) for a 3.12 worker,
 * the `mediasoup-legacy` alias (3.8.4) for Debian's worker.
 * @throws Error when there is no binary, it does not run, or the matching package is missing.
 */
async function loadMediasoup(workerBin: string | undefined): Promise<MediasoupRuntime> {
  if (!workerBin) throw new Error('no mediasoup-worker binary: run `bash scripts/setup.sh` or set MEDIASOUP_WORKER_BIN');
  const line = workerLine(workerBin);
  // Both versions read MEDIASOUP_WORKER_BIN once, when their module first loads.
  process.env.MEDIASOUP_WORKER_BIN = workerBin;
  const expected = line === 'modern' ? MODERN_MEDIASOUP_VERSION : LEGACY_MEDIASOUP_VERSION;
  let mediasoup: Mediasoup;
  try {
    mediasoup = line === 'modern' ? await import('mediasoup') : ((await import('mediasoup-legacy')) as unknown as Mediasoup);
  } catch (err) {
    throw new Error(`mediasoup ${expected} JS package (for worker ${workerBin}) is not installed: run \`bash scripts/setup.sh\``, { cause: err });
  }
  if (mediasoup.version !== expected) throw new Error(`mediasoup JS package is ${mediasoup.version} but worker ${workerBin} is ${expected}`);
  const loadedBin = (mediasoup as { workerBin?: string }).workerBin;
  if (loadedBin !== undefined && loadedBin !== workerBin) throw new Error(`mediasoup ${expected} was already loaded in this process with worker ${loadedBin}, not ${workerBin}`);
  return { mediasoup, line, version: mediasoup.version, workerBin };
}

/** How long a fixed media port may stay taken before start-up fails (a killed predecessor's worker exits when its channel closes). */
const BIND_RETRY_MS = 250;
const BIND_ATTEMPTS = 20;

/** Codecs the session routers offer: Opus audio, VP8 video (what Chromium and Electron decode everywhere). */
export const MEDIA_CODECS: ms.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
];

export interface MediaServerOptions {
  /** Path of the mediasoup-worker binary; its version picks the mediasoup package (3.12.16 or 3.8.4). */
  workerBin?: string;
  /** IP the transports (or the WebRtcServers) bind to. */
  listenIp: string;
  /** IP announced in ICE candidates (defaults to listenIp). */
  announcedIp?: string;
  /**
   * Media port of worker 0 with mediasoup 3.12 (worker i: UDP and TCP port rtcPort+i, shared by
   * all its transports). Unset or 0: each worker's WebRtcServer takes one free port from its
   * share of the range. Ignored by 3.8.4.
   */
  rtcPort?: number;
  /** RTC port range, shared out between the workers (3.8.4: one port per transport). */
  rtcMinPort: number;
  rtcMaxPort: number;
  /** mediasoup workers (processes) to run; default 1. One per core uses every core for media. */
  workers?: number;
  /** TURN servers and their shared secret, for the ICE servers handed to clients. */
  turn?: TurnOptions;
  /** Clock for TURN credential expiry (ms since the epoch); default Date.now. */
  now?: () => number;
  logger: Logger;
}

/** Where a worker's transports listen: its WebRtcServer (3.12) or their own ports (3.8.4). */
type TransportListen = { webRtcServer: ms.WebRtcServer } | { listenIps: ms.TransportListenIp[] };

interface Peer {
  transports: Map<string, ms.WebRtcTransport>;
  producers: Map<string, ms.Producer>;
  consumers: Map<string, ms.Consumer>;
}

/** A session's media room: one router; peers by role (kiosk, worker, monitoring supervisor, transferring colleague). */
export class MediaRoom {
  private readonly peers = new Map<PeerRole, Peer>();
  private closed = false;
  /** Whether a peer role may produce (monitors only after barging in). */
  canProduce: (role: PeerRole) => boolean = () => true;
  /** Called when a peer's new producer should be consumed by the other peer. */
  onProducerAdded: (info: ProducerInfo) => void = () => {};
  onProducerClosed: (producerId: string, peerRole: PeerRole) => void = () => {};

  constructor(
    readonly sessionId: string,
    private readonly router: ms.Router,
    private readonly opts: MediaServerOptions,
    private readonly listen: TransportListen,
  ) {}

  get rtpCapabilities(): ms.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  private peer(role: PeerRole): Peer {
    this.ensureOpen();
    let p = this.peers.get(role);
    if (!p) {
      p = { transports: new Map(), producers: new Map(), consumers: new Map() };
      this.peers.set(role, p);
    }
    return p;
  }

  /**
   * The visitor is on hold during a private consult of two workers: the kiosk neither consumes
   * nor may consume the producers of the `worker` and `colleague` peers.
   */
  private hold = false;

  private hiddenFrom(role: PeerRole, owner: PeerRole): boolean {
    return this.hold && role === 'kiosk' && (owner === 'worker' || owner === 'colleague');
  }

  /** Whether the visitor is on hold (see {@link setHold}). */
  get onHold(): boolean {
    return this.hold;
  }

  /**
   * Puts the visitor on hold or takes them off it. On hold, the kiosk's consumers of the workers'
   * producers are closed at once (none can be created until the hold ends).
   * @returns the workers' producers (`worker` and `colleague` peers): the ones the kiosk lost, or may consume again.
   */
  setHold(on: boolean): ProducerInfo[] {
    this.ensureOpen();
    this.hold = on;
    const workers: ProducerInfo[] = [];
    for (const [r, p] of this.peers) if (r === 'worker' || r === 'colleague') for (const prod of p.producers.values()) workers.push({ producerId: prod.id, kind: prod.kind, peerRole: r });
    const kiosk = this.peers.get('kiosk');
    if (on && kiosk) {
      const hidden = new Set(workers.map((w) => w.producerId));
      for (const c of kiosk.consumers.values()) if (hidden.has(c.producerId)) c.close();
    }
    return workers;
  }

  /** Gives a peer's transports, producers and consumers to another role (the transferring worker becomes `colleague`); replaces what `to` had. */
  renamePeer(from: PeerRole, to: PeerRole): void {
    this.ensureOpen();
    const p = this.peers.get(from);
    if (!p) return;
    this.closePeer(to);
    this.peers.delete(from);
    this.peers.set(to, p);
  }

  /** The role a peer entry has now (it changes with {@link renamePeer}). */
  private roleOf(peer: Peer, fallback: PeerRole): PeerRole {
    for (const [r, p] of this.peers) if (p === peer) return r;
    return fallback;
  }

  /** Producers of the peers other than `role` (what `role` should consume; on hold the kiosk gets none of the workers'). */
  producersFor(role: PeerRole): ProducerInfo[] {
    const out: ProducerInfo[] = [];
    for (const [r, p] of this.peers) {
      if (r === role || this.hiddenFrom(role, r)) continue;
      for (const prod of p.producers.values()) out.push({ producerId: prod.id, kind: prod.kind, peerRole: r });
    }
    return out;
  }

  /**
   * ICE servers for a peer's transports: the TURN servers with a fresh time-limited credential
   * for `userId` (empty when no TURN server is configured).
   */
  iceServers(userId: string): IceServer[] {
    return iceServersFor(this.opts.turn, userId, (this.opts.now ?? Date.now)());
  }

  /**
   * Creates a WebRtcTransport (UDP preferred, TCP allowed) for `role`: through the worker's
   * WebRtcServer (its one UDP and one TCP port) with mediasoup 3.12, on its own port with 3.8.4.
   */
  async createTransport(role: PeerRole, direction: 'send' | 'recv'): Promise<TransportInfo> {
    const peer = this.peer(role);
    const transport = await this.router.createWebRtcTransport({
      ...(this.listen as ms.WebRtcTransportOptions),
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      appData: { direction, role },
    });
    peer.transports.set(transport.id, transport);
    transport.observer.on('close', () => peer.transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters as unknown as Record<string, unknown>,
      iceCandidates: transport.iceCandidates as unknown as Record<string, unknown>[],
      dtlsParameters: transport.dtlsParameters as unknown as Record<string, unknown>,
    };
  }

  async connectTransport(role: PeerRole, transportId: string, dtlsParameters: unknown): Promise<void> {
    const t = this.transport(role, transportId);
    await t.connect({ dtlsParameters: dtlsParameters as ms.DtlsParameters });
  }

  async produce(role: PeerRole, transportId: string, kind: 'audio' | 'video', rtpParameters: unknown): Promise<string> {
    if (!this.canProduce(role)) throw new OrchestratorError('forbidden', 'a monitor sends media only after barging in');
    const peer = this.peer(role);
    const t = this.transport(role, transportId);
    if ((t.appData as { direction?: string }).direction !== 'send') throw new OrchestratorError('bad_request', 'transportId: not a send transport');
    const producer = await t.produce({ kind, rtpParameters: rtpParameters as ms.RtpParameters });
    peer.producers.set(producer.id, producer);
    producer.observer.on('close', () => {
      const owner = this.roleOf(peer, role);
      peer.producers.delete(producer.id);
      this.onProducerClosed(producer.id, owner);
    });
    this.onProducerAdded({ producerId: producer.id, kind: producer.kind, peerRole: role });
    return producer.id;
  }

  /** Creates a paused consumer of another peer's producer; resume with {@link resumeConsumer}. */
  async consume(role: PeerRole, transportId: string, producerId: string, rtpCapabilities: unknown) {
    const peer = this.peer(role);
    const t = this.transport(role, transportId);
    const caps = rtpCapabilities as ms.RtpCapabilities;
    const ownsProducer = peer.producers.has(producerId);
    const exists = this.producersFor(role).some((p) => p.producerId === producerId);
    if (ownsProducer || !exists) throw new OrchestratorError('not_found', `producerId: ${producerId} is not a producer of the other peer`);
    if (!this.router.canConsume({ producerId, rtpCapabilities: caps })) throw new OrchestratorError('bad_request', 'rtpCapabilities: cannot consume this producer');
    const consumer = await t.consume({ producerId, rtpCapabilities: caps, paused: true });
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.on('close', () => peer.consumers.delete(consumer.id));
    consumer.on('producerclose', () => consumer.close());
    return { consumerId: consumer.id, producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown> };
  }

  /** ICE restart of one of `role`'s transports: new ICE parameters for the client's `restartIce()`. */
  async restartIce(role: PeerRole, transportId: string): Promise<Record<string, unknown>> {
    const t = this.transport(role, transportId);
    return (await t.restartIce()) as unknown as Record<string, unknown>;
  }

  /** Consumers in this room (load metric for placement). */
  get consumerCount(): number {
    let n = 0;
    for (const p of this.peers.values()) n += p.consumers.size;
    return n;
  }

  async resumeConsumer(role: PeerRole, consumerId: string): Promise<void> {
    const c = this.peer(role).consumers.get(consumerId);
    if (!c) throw new OrchestratorError('not_found', `consumerId: ${consumerId} not found`);
    await c.resume();
  }

  /** Closes everything of one peer (it left or reconnects). */
  closePeer(role: PeerRole): void {
    const p = this.peers.get(role);
    if (!p) return;
    for (const t of p.transports.values()) t.close();
    this.peers.delete(role);
  }

  /** Closes the router and with it every transport, producer and consumer. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
    this.peers.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Counts for tests and metrics. */
  stats() {
    let transports = 0, producers = 0, consumers = 0;
    for (const p of this.peers.values()) {
      transports += p.transports.size;
      producers += p.producers.size;
      consumers += p.consumers.size;
    }
    return { transports, producers, consumers };
  }

  private transport(role: PeerRole, id: string): ms.WebRtcTransport {
    const t = this.peer(role).transports.get(id);
    if (!t) throw new OrchestratorError('not_found', `transportId: ${id} not found`);
    return t;
  }

  private ensureOpen() {
    if (this.closed) throw new OrchestratorError('conflict', `media room of session ${this.sessionId} is closed`);
  }
}

/** One mediasoup worker process and the rooms on it. */
interface WorkerSlot {
  index: number;
  worker: ms.Worker | null;
  starting: Promise<ms.Worker> | null;
  /** Where its transports listen (set with the worker). */
  listen: TransportListen | null;
  /** Its WebRtcServer's ports (3.12), for logs and health. */
  ports: { udp: number; tcp: number } | null;
  rooms: Set<string>;
}

/** Which media path is in use (logged at start; for health and tests). */
export interface MediaPath {
  /** mediasoup version of the JS package and worker, e.g. `3.12.16`. */
  mediasoupVersion: string;
  /** True with mediasoup 3.12 (one UDP + one TCP port per worker); false with the 3.8.4 port range. */
  webRtcServer: boolean;
  /** The worker binary. */
  workerBin: string;
  /** Per worker: its WebRtcServer's UDP and TCP port (3.12), or its port range (3.8.4). */
  workers: { worker: number; udpPort?: number; tcpPort?: number; rtcMinPort: number; rtcMaxPort: number }[];
}

/**
 * Owns the mediasoup workers (one per core by default) and the rooms of live sessions. Each new
 * room goes to the least-loaded worker (fewest consumers, then rooms). When a worker dies, its
 * rooms are closed, a replacement worker starts in its slot, and {@link onRoomsLost} reports the
 * sessions so their peers rejoin (on a healthy worker).
 */
export class MediaServer {
  private readonly slots: WorkerSlot[];
  private readonly rooms = new Map<string, { room: MediaRoom; slot: WorkerSlot }>();
  /** Rooms being created (router creation is asynchronous). */
  private readonly creating = new Map<string, Promise<MediaRoom>>();
  private closed = false;
  private runtime: Promise<MediasoupRuntime> | null = null;
  private loaded: MediasoupRuntime | null = null;
  /** Sessions whose rooms were lost (worker died): their peers must rejoin. Set by the session core. */
  onRoomsLost: (sessionIds: string[], reason: 'worker_died') => void = () => {};

  constructor(private readonly opts: MediaServerOptions) {
    const n = Math.max(1, Math.floor(opts.workers ?? 1));
    this.slots = Array.from({ length: n }, (_, index) => ({ index, worker: null, starting: null, listen: null, ports: null, rooms: new Set() }));
  }

  /**
   * Starts every mediasoup worker (and with 3.12 its WebRtcServer), then logs the media path.
   * @throws when the worker binary is missing or fails, or a fixed RTC_PORT is taken.
   */
  async start(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.workerOf(s)));
    const path = this.mediaPath();
    if (path) {
      const where = path.webRtcServer
        ? path.workers.map((w) => `worker ${w.worker}: UDP ${w.udpPort} + TCP ${w.tcpPort}`).join(', ')
        : path.workers.map((w) => `worker ${w.worker}: ports ${w.rtcMinPort}-${w.rtcMaxPort}`).join(', ');
      this.opts.logger.info({ media: path }, `media path: mediasoup ${path.mediasoupVersion} ${path.webRtcServer ? 'WebRtcServer' : '(fallback, a port per transport)'}; ${where}`);
    }
  }

  /** The media path in use, once the mediasoup package is loaded (null before {@link start}). */
  mediaPath(): MediaPath | null {
    const rt = this.loaded;
    if (!rt) return null;
    return {
      mediasoupVersion: rt.version,
      webRtcServer: rt.line === 'modern',
      workerBin: rt.workerBin,
      workers: this.slots.map((s) => ({ worker: s.index, ...this.portRange(s), ...(s.ports ? { udpPort: s.ports.udp, tcpPort: s.ports.tcp } : {}) })),
    };
  }

  /** The worker's share of the RTC port range. */
  private portRange(slot: WorkerSlot): { rtcMinPort: number; rtcMaxPort: number } {
    const span = Math.max(1, Math.floor((this.opts.rtcMaxPort - this.opts.rtcMinPort + 1) / this.slots.length));
    const min = this.opts.rtcMinPort + slot.index * span;
    const max = slot.index === this.slots.length - 1 ? this.opts.rtcMaxPort : min + span - 1;
    return { rtcMinPort: min, rtcMaxPort: max };
  }

  private loadRuntime(): Promise<MediasoupRuntime> {
    this.runtime ??= loadMediasoup(this.opts.workerBin).then(
      (rt) => (this.loaded = rt),
      (err: unknown) => {
        this.runtime = null;
        throw err;
      },
    );
    return this.runtime;
  }

  /** Number of worker slots. */
  get workerCount(): number {
    return this.slots.length;
  }

  /** Process ids of the running workers (for health checks and fault tests). */
  workerPids(): number[] {
    return this.slots.map((s) => s.worker?.pid).filter((p): p is number => typeof p === 'number');
  }

  /** Load per worker: rooms and consumers (for placement, /metrics and the health endpoint). */
  load(): { worker: number; pid: number | null; rooms: number; consumers: number }[] {
    return this.slots.map((s) => ({ worker: s.index, pid: s.worker?.pid ?? null, rooms: s.rooms.size, consumers: [...s.rooms].reduce((n, id) => n + (this.rooms.get(id)?.room.consumerCount ?? 0), 0) }));
  }

  private workerOf(slot: WorkerSlot): Promise<ms.Worker> {
    if (slot.worker) return Promise.resolve(slot.worker);
    if (!slot.starting) {
      slot.starting = (async () => {
        const rt = await this.loadRuntime();
        // Each worker gets its own share of the port range.
        const { rtcMinPort, rtcMaxPort } = this.portRange(slot);
        const worker = await rt.mediasoup.createWorker({ logLevel: 'warn', rtcMinPort, rtcMaxPort });
        worker.on('died', (err: Error) => this.onWorkerDied(slot, worker, err));
        if (rt.line === 'modern') {
          try {
            const server = await this.createWebRtcServer(worker, slot);
            slot.listen = { webRtcServer: server };
          } catch (err) {
            worker.close();
            throw err;
          }
        } else {
          slot.listen = { listenIps: [{ ip: this.opts.listenIp, announcedIp: this.opts.announcedIp }] };
          slot.ports = null;
        }
        slot.worker = worker;
        return worker;
      })().catch((err: unknown) => {
        slot.starting = null;
        throw err;
      });
    }
    return slot.starting;
  }

  /**
   * The worker's WebRtcServer: one UDP and one TCP listener (port rtcPort+index, or a free one
   * from the worker's range) that every WebRtcTransport of the worker shares. A fixed port still
   * held by a killed predecessor's worker is retried for a few seconds.
   * @throws Error naming RTC_PORT when the fixed port stays taken.
   */
  private async createWebRtcServer(worker: ms.Worker, slot: WorkerSlot): Promise<ms.WebRtcServer> {
    const port = this.opts.rtcPort ? this.opts.rtcPort + slot.index : undefined;
    const listenInfos = (['udp', 'tcp'] as const).map((protocol) => ({ protocol, ip: this.opts.listenIp, announcedIp: this.opts.announcedIp, ...(port ? { port } : {}) }));
    for (let attempt = 1; ; attempt++) {
      try {
        const server = await worker.createWebRtcServer({ listenInfos });
        const dump = (await server.dump()) as { udpSockets: { port: number }[]; tcpServers: { port: number }[] };
        slot.ports = { udp: dump.udpSockets[0]!.port, tcp: dump.tcpServers[0]!.port };
        return server;
      } catch (err) {
        const inUse = /address already in use/i.test(err instanceof Error ? err.message : String(err));
        if (port && inUse && attempt < BIND_ATTEMPTS && !worker.closed) {
          await delay(BIND_RETRY_MS);
          continue;
        }
        const what = port ? `RTC_PORT: UDP/TCP port ${port} on ${this.opts.listenIp} (media worker ${slot.index})` : `media worker ${slot.index}: no free port in ${this.opts.rtcMinPort}-${this.opts.rtcMaxPort} on ${this.opts.listenIp}`;
        throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    }
  }

  private onWorkerDied(slot: WorkerSlot, worker: ms.Worker, err: Error): void {
    if (slot.worker !== worker) return;
    this.opts.logger.error({ err, worker: slot.index, pid: worker.pid, rooms: slot.rooms.size }, 'mediasoup worker died; its calls move to a healthy worker');
    slot.worker = null;
    slot.starting = null;
    slot.listen = null;
    const lost = [...slot.rooms];
    for (const id of lost) {
      this.rooms.get(id)?.room.close();
      this.rooms.delete(id);
    }
    slot.rooms.clear();
    if (this.closed) return;
    // A replacement starts in the background; rooms go to other workers meanwhile.
    this.workerOf(slot).catch((e: unknown) => this.opts.logger.error({ err: e, worker: slot.index }, 'replacement mediasoup worker failed to start'));
    if (lost.length > 0) this.onRoomsLost(lost, 'worker_died');
  }

  /** The least-loaded live worker slot (a dead one only when no other is up). */
  private pickSlot(): WorkerSlot {
    const load = (s: WorkerSlot) => [...s.rooms].reduce((n, id) => n + (this.rooms.get(id)?.room.consumerCount ?? 0), 0);
    const live = this.slots.filter((s) => s.worker);
    const pool = live.length > 0 ? live : this.slots;
    return pool.reduce((best, s) => {
      const d = load(s) - load(best) || s.rooms.size - best.rooms.size;
      return d < 0 ? s : best;
    });
  }

  /** The room of a session, created on first use on the least-loaded worker. */
  async room(sessionId: string): Promise<MediaRoom> {
    if (this.closed) throw new OrchestratorError('unavailable', 'media server closed');
    const existing = this.rooms.get(sessionId);
    if (existing && !existing.room.isClosed) return existing.room;
    // Both peers join at the same moment: one creation per session, awaited by everyone.
    let creating = this.creating.get(sessionId);
    if (!creating) {
      creating = (async () => {
        const slot = this.pickSlot();
        let worker: ms.Worker;
        let listen: TransportListen | null;
        try {
          worker = await this.workerOf(slot);
          listen = slot.listen;
        } catch (err) {
          throw new OrchestratorError('unavailable', 'no media worker is running; retry shortly', { cause: err });
        }
        if (!listen || worker.closed) throw new OrchestratorError('unavailable', 'the media worker just stopped; retry shortly');
        const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
        const created = new MediaRoom(sessionId, router, this.opts, listen);
        this.rooms.set(sessionId, { room: created, slot });
        slot.rooms.add(sessionId);
        router.observer.on('close', () => {
          // When the worker itself closed (died), keep the entry: the `died` handler reports it.
          if (worker.closed) return;
          slot.rooms.delete(sessionId);
          if (this.rooms.get(sessionId)?.room === created) this.rooms.delete(sessionId);
        });
        return created;
      })().finally(() => this.creating.delete(sessionId));
      this.creating.set(sessionId, creating);
    }
    return creating;
  }

  existingRoom(sessionId: string): MediaRoom | undefined {
    return this.rooms.get(sessionId)?.room;
  }

  /** Closes a session's room (session ended, or the call passed to another worker). */
  closeRoom(sessionId: string): void {
    const r = this.rooms.get(sessionId);
    r?.room.close();
    r?.slot.rooms.delete(sessionId);
    this.rooms.delete(sessionId);
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const r of this.rooms.values()) r.room.close();
    this.rooms.clear();
    for (const s of this.slots) s.worker?.close();
  }
}
