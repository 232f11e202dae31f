/**
 * The SFU: the ONLY module that imports mediasoup (3.8 here; 3.19 renamed `listenIps` to
 * `listenInfos` and moved type paths, so an upgrade is a one-file change).
 *
 * One mediasoup Router per session, on the least-loaded of N workers; each peer (the kiosk and the worker) gets WebRtcTransports
 * for sending and receiving, producers for camera and microphone, and consumers of the other
 * peer's producers. Everything is closed when the session ends.
 */
import type { types as ms } from 'mediasoup';
import type { PeerRole, ProducerInfo, TransportInfo } from '@telekiosk/shared';
import { OrchestratorError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Codecs the session routers offer: Opus audio, VP8 video (what Chromium and Electron decode everywhere). */
const MEDIA_CODECS: ms.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
];

export interface MediaServerOptions {
  /** Path of the mediasoup-worker binary. */
  workerBin?: string;
  /** IP the transports bind to. */
  listenIp: string;
  /** IP announced in ICE candidates (defaults to listenIp). */
  announcedIp?: string;
  /** RTC port range (shared out between the workers). */
  rtcMinPort: number;
  rtcMaxPort: number;
  /** mediasoup workers (processes) to run; default 1. One per core uses every core for media. */
  workers?: number;
  logger: Logger;
}

interface Peer {
  transports: Map<string, ms.WebRtcTransport>;
  producers: Map<string, ms.Producer>;
  consumers: Map<string, ms.Consumer>;
}

/** A session's media room: one router, two peers. */
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

  /** Producers of the peer other than `role` (what `role` should consume). */
  producersFor(role: PeerRole): ProducerInfo[] {
    const out: ProducerInfo[] = [];
    for (const [r, p] of this.peers) {
      if (r === role) continue;
      for (const prod of p.producers.values()) out.push({ producerId: prod.id, kind: prod.kind, peerRole: r });
    }
    return out;
  }

  /** Creates a WebRtcTransport (UDP preferred, TCP allowed) for `role`. */
  async createTransport(role: PeerRole, direction: 'send' | 'recv'): Promise<TransportInfo> {
    const peer = this.peer(role);
    const transport = await this.router.createWebRtcTransport({
      listenIps: [{ ip: this.opts.listenIp, announcedIp: this.opts.announcedIp }],
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
      peer.producers.delete(producer.id);
      this.onProducerClosed(producer.id, role);
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
  rooms: Set<string>;
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
  /** Sessions whose rooms were lost (worker died): their peers must rejoin. Set by the session core. */
  onRoomsLost: (sessionIds: string[], reason: 'worker_died') => void = () => {};

  constructor(private readonly opts: MediaServerOptions) {
    const n = Math.max(1, Math.floor(opts.workers ?? 1));
    this.slots = Array.from({ length: n }, (_, index) => ({ index, worker: null, starting: null, rooms: new Set() }));
  }

  /** Starts every mediasoup worker. @throws when the worker binary is missing or fails. */
  async start(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.workerOf(s)));
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
        // mediasoup 3.8 reads MEDIASOUP_WORKER_BIN when its module loads.
        if (this.opts.workerBin) process.env.MEDIASOUP_WORKER_BIN = this.opts.workerBin;
        const mediasoup = await import('mediasoup');
        // Each worker gets its own share of the port range.
        const span = Math.max(1, Math.floor((this.opts.rtcMaxPort - this.opts.rtcMinPort + 1) / this.slots.length));
        const min = this.opts.rtcMinPort + slot.index * span;
        const max = slot.index === this.slots.length - 1 ? this.opts.rtcMaxPort : min + span - 1;
        const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: min, rtcMaxPort: max });
        worker.on('died', (err: Error) => this.onWorkerDied(slot, worker, err));
        slot.worker = worker;
        return worker;
      })().catch((err: unknown) => {
        slot.starting = null;
        throw err;
      });
    }
    return slot.starting;
  }

  private onWorkerDied(slot: WorkerSlot, worker: ms.Worker, err: Error): void {
    if (slot.worker !== worker) return;
    this.opts.logger.error({ err, worker: slot.index, pid: worker.pid, rooms: slot.rooms.size }, 'mediasoup worker died; its calls move to a healthy worker');
    slot.worker = null;
    slot.starting = null;
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
        try {
          worker = await this.workerOf(slot);
        } catch (err) {
          throw new OrchestratorError('unavailable', 'no media worker is running; retry shortly', { cause: err });
        }
        const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
        const created = new MediaRoom(sessionId, router, this.opts);
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
