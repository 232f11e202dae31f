import { randomUUID } from 'node:crypto';
import type { Assignment, AssistUpdate, Capabilities, DeviceStatus, DeviceTelemetry, Disposition, KioskContent, Language, Offer, PeerRole, QueueStatus, SessionNote, SessionSnapshot, SessionView, TranscriptEntry, WorkerState, WorkerView } from '@telekiosk/shared';
import { AuthError, OrchestratorError } from '../errors.ts';
import type { StoredWorker } from '../db/store.ts';
import { RoutingService } from '../routing/service.ts';
import { LocalRouting, type RoutingPort } from '../routing/port.ts';
import { MediaRouter, type MediaOp } from '../cluster/mediaRouter.ts';
import { DEAD_AFTER_MS, type NodeRegistry } from '../cluster/nodes.ts';
import type { NodeRpc } from '../cluster/rpc.ts';
import { RemoteRouting, serveRouting } from '../cluster/remoteRouting.ts';
import { FleetService } from '../fleet/fleetService.ts';
import { SessionContext } from './context.ts';
import { Calls } from './calls.ts';
import { Consults } from './consults.ts';
import { DevicePresence } from './devices.ts';
import { Escalation } from './escalation.ts';
import { SessionLifecycle } from './lifecycle.ts';
import { OfferDesk } from './offers.ts';
import type { SessionServiceOptions } from './ports.ts';
import { RobotControl } from './robotControl.ts';
import { Supervision } from './supervision.ts';
import { TranscriptWriter } from './transcriptWriter.ts';
import { Transfers, type TransferRequest } from './transfers.ts';
import { WorkerPresence } from './workers.ts';

export type { IntakeEngine, IntakeTurn, Notifier, SessionServiceOptions, SpeechLike, TranslatorLike } from './ports.ts';

/**
 * The session core: the composition root of the use-case modules (lifecycle, escalation,
 * offers, transfers, calls, workers, devices) over one {@link SessionContext}, and the facade
 * the socket namespaces call. Every method checks that the caller (device or worker) may act on
 * the session and throws typed errors. State that a restart must keep is in the database
 * (sessions, transcripts, routing tasks, offers, presence); {@link start} rebuilds from it.
 */
export class SessionService {
  /** Routing wherever it runs: this node when it leads, else the leader over RPC. */
  readonly routing: RoutingPort;
  /** Robot control leases of live sessions. */
  readonly robot: RobotControl;
  /** Fleet health: alerts, battery history, service state. */
  readonly fleet: FleetService;
  /** Supervisor snapshot, monitoring and barge-in. */
  readonly supervision: Supervision;
  private readonly ctx: SessionContext;
  private readonly lifecycle: SessionLifecycle;
  private readonly escalation: Escalation;
  private readonly offers: OfferDesk;
  private readonly transfers: Transfers;
  private readonly calls: Calls;
  private readonly consults: Consults;
  private readonly workers: WorkerPresence;
  private readonly devices: DevicePresence;
  private sweeper: NodeJS.Timeout | null = null;
  private local: LocalRouting | null = null;

  /**
   * @param cluster in a cluster: the node RPC and registry (routing calls go to the leader, media
   *   requests to the node hosting a call's room, dead nodes are swept by the leader). Omitted in
   *   one process (the node leads once {@link lead} is called).
   */
  constructor(o: SessionServiceOptions, private readonly cluster: { rpc: NodeRpc; registry: NodeRegistry } | null = null) {
    const ctx = (this.ctx = new SessionContext(o));
    ctx.robot = this.robot = new RobotControl(o.store, o.notifier, o.logger);
    ctx.workers = this.workers = new WorkerPresence(ctx);
    ctx.devices = this.devices = new DevicePresence(ctx);
    ctx.lifecycle = this.lifecycle = new SessionLifecycle(ctx);
    ctx.escalation = this.escalation = new Escalation(ctx);
    ctx.offers = this.offers = new OfferDesk(ctx);
    ctx.transfers = this.transfers = new Transfers(ctx);
    ctx.calls = this.calls = new Calls(ctx);
    ctx.consults = this.consults = new Consults(ctx);
    ctx.transcripts = new TranscriptWriter({
      store: o.store,
      notifier: o.notifier,
      translator: o.translator ?? null,
      clock: o.clock,
      log: ctx.log,
      workerLanguages: (id) => ctx.languagesOf(id),
    });
    ctx.supervision = this.supervision = new Supervision({
      store: o.store,
      clock: o.clock,
      workerViews: () => this.workers.views(),
      queued: () => this.routing.queued(),
      toSupervisors: (event, payload) => o.notifier.toSupervisors(event, payload),
      hasSupervisors: () => o.store.cluster.roleConnected('supervisor', DEAD_AFTER_MS),
      onError: (err) => {
        if (!ctx.closed) ctx.log.warn({ err }, 'supervisor snapshot push failed');
      },
    });
    ctx.fleet = this.fleet = new FleetService(o.store, o.clock, o.logger, {
      alert: (alert) => {
        o.notifier.toFleet('alert:update', alert);
        this.escalation.onAlert(alert);
      },
      service: (deviceId, inService, reasons) => {
        o.notifier.toDevice(deviceId, 'device:service', { inService, reasons });
        this.devices.serviceChanged(deviceId, inService);
      },
    }, o.alertThresholds);
    const remote = cluster ? new RemoteRouting(cluster.rpc, () => cluster.registry.leaderId()) : null;
    // Every routing call goes to the leader: this node's engine when it leads, else over RPC.
    const port = (): RoutingPort => {
      if (this.local) return this.local;
      if (remote) return remote;
      throw new OrchestratorError('unavailable', 'routing is starting; retry shortly', { retryAfterMs: 1000 });
    };
    ctx.routing = this.routing = new Proxy({} as RoutingPort, {
      get: (_t, k: string) => (...args: unknown[]) => (port() as unknown as Record<string, (...a: unknown[]) => unknown>)[k]!(...args),
    });
    if (cluster) {
      serveRouting(cluster.rpc, () => this.local);
      this.robot.invalidateElsewhere = (sessionId) => cluster.rpc.broadcast('lease:forget', sessionId);
      cluster.rpc.onBroadcast('lease:forget', (id) => this.robot.forget(String(id)));
    }
    ctx.mediaRouter = new MediaRouter({ media: o.media, store: o.store, nodeId: ctx.nodeId, log: ctx.log.child({ module: 'media-router' }), audience: this.calls.audience, rpc: cluster?.rpc ?? null, registry: cluster?.registry ?? null, onRoomLost: (id) => this.calls.roomsLost([id], 'room_closed', true) });
    o.media.onRoomsLost = (ids, reason) => this.calls.roomsLost(ids, reason);
  }

  /** True while this node runs routing. */
  get isLeader(): boolean {
    return this.local !== null;
  }

  /**
   * This node becomes the routing leader: rebuilds routing from the database (queue order,
   * offers with their deadlines, worker presence and wrap-up), the reconnect graces of workers and
   * kiosks, measured handle times; then sweeps for dead nodes every second (their sockets count
   * as dropped, their calls' media moves). In one process, call once before serving.
   */
  async lead(): Promise<void> {
    if (this.local || this.ctx.closed) return;
    const o = this.ctx.options;
    const service = new RoutingService({
      store: o.routingStore,
      clock: o.clock,
      newId: randomUUID,
      log: this.ctx.log.child({ module: 'routing' }),
      config: { offerTimeoutMs: o.offerTimeoutMs, avgHandleMs: o.avgHandleMs, wrapUpMs: o.wrapUpMs, ...o.routing },
      events: {
        offer: (offer) => this.ctx.background('offer delivery', () => this.offers.deliver(offer), { offerId: offer.offerId }),
        offerRevoked: (offer, reason) => this.offers.revoked(offer, reason),
        workerStateChanged: (w) => this.workers.onRoutingState(w),
        transferFailed: (sessionId, toWorkerId, reason, meta) => this.offers.transferFailed(sessionId, toWorkerId, reason, meta),
        queueChanged: () => {
          this.offers.pushQueueStatus();
          this.supervision.changed();
        },
        taskCompleted: (_sessionId, handleMs) => this.offers.handled(handleMs),
      },
    });
    const connected = await service.start();
    this.ctx.leader = service;
    this.local = new LocalRouting(service, { queueStatus: (id) => this.offers.queueStatus(id), pushQueueStatus: () => this.offers.pushQueueStatus() });
    await this.workers.restore(await o.routingStore.loadWorkers().catch(() => connected));
    await this.devices.restore();
    await this.offers.restore();
    this.offers.pushQueueStatus();
    this.sweeper = setInterval(() => this.ctx.background('dead node sweep', () => this.sweep()), 1000);
    this.sweeper.unref();
  }

  /** This node stops leading (lost the lock, or drains): routing stops here; the state stays in the database. */
  unlead(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.local = null;
    this.ctx.leader?.close();
    this.ctx.leader = null;
  }

  /** Nodes that stopped answering: their sockets count as dropped (graces start), their calls' media is set up again elsewhere. */
  private async sweep(): Promise<void> {
    if (!this.local || !this.cluster) return;
    const dead = (await this.cluster.registry.dead()).filter((id) => id !== this.ctx.nodeId);
    if (dead.length === 0) return;
    const conns = await this.ctx.store.cluster.takeConnectionsOfNodes(dead);
    for (const c of conns) {
      if (c.kind === 'console') await this.workers.droppedWithNode(c.subjectId);
      else await this.devices.droppedWithNode(c.subjectId);
    }
    const rooms = await this.ctx.store.cluster.takeMediaRoomsOfNodes(dead);
    if (rooms.length > 0) this.calls.roomsLost(rooms, 'room_closed', true);
    await this.ctx.store.cluster.deleteNodes(dead);
    this.ctx.log.warn({ nodes: dead, connections: conns.length, rooms: rooms.length }, 'dead nodes taken over');
  }

  // --- devices -------------------------------------------------------------------------

  deviceConnected(deviceId: string, socketId: string): Promise<void> {
    return this.devices.connected(deviceId, socketId);
  }
  deviceDisconnected(deviceId: string, socketId: string): Promise<void> {
    return this.devices.disconnected(deviceId, socketId);
  }
  deviceTelemetry(deviceId: string, t: DeviceTelemetry): Promise<void> {
    return this.devices.telemetry(deviceId, t);
  }
  deviceStatuses(): Promise<DeviceStatus[]> {
    return this.devices.all();
  }
  deviceStatus(deviceId: string): Promise<DeviceStatus | undefined> {
    return this.devices.status(deviceId);
  }
  /** Staff put a device out of service or back (manual flag). */
  setDeviceInService(deviceId: string, inService: boolean, actor: string): Promise<DeviceStatus> {
    return this.devices.setInService(deviceId, inService, actor);
  }
  /** Devices with a connected kiosk socket. */
  onlineDeviceCount(): number {
    return this.devices.onlineCount();
  }
  /** Stores pending telemetry now. */
  flushTelemetry(): Promise<void> {
    return this.devices.flush();
  }

  // --- kiosk side ----------------------------------------------------------------------

  startSession(deviceId: string, req: { language: Language; consentAcceptedAt: string; mode: 'assistant' | 'person' }) {
    return this.lifecycle.start(deviceId, req);
  }
  visitorMessage(deviceId: string, sessionId: string, text: string, clientId?: string): Promise<{ entries: TranscriptEntry[]; session: SessionView }> {
    return this.lifecycle.message(deviceId, sessionId, text, clientId);
  }
  requestPerson(deviceId: string, sessionId: string): Promise<SessionView> {
    return this.lifecycle.requestPerson(deviceId, sessionId);
  }
  changeLanguage(deviceId: string, sessionId: string, language: Language): Promise<SessionView> {
    return this.lifecycle.changeLanguage(deviceId, sessionId, language);
  }
  rate(deviceId: string, sessionId: string, rating: number): Promise<void> {
    return this.lifecycle.rate(deviceId, sessionId, rating);
  }
  leave(deviceId: string, sessionId: string, reason: 'visitor_left' | 'idle'): Promise<void> {
    return this.lifecycle.leave(deviceId, sessionId, reason);
  }
  requestCallback(deviceId: string, req: { sessionId: string; name: string; contact: string; note?: string }): Promise<{ ticket: string }> {
    return this.lifecycle.requestCallback(deviceId, req);
  }
  /** A kiosk's resync after a reconnect. */
  resume(deviceId: string, sessionId: string, lastSeq: number): Promise<SessionSnapshot> {
    return this.lifecycle.resume(deviceId, sessionId, lastSeq);
  }
  /** Queue position, waiting state and estimate of a queued session (computed where routing runs). */
  queueStatus(sessionId: string): Promise<QueueStatus | undefined> {
    return this.routing.queueStatus(sessionId);
  }
  /** Pushes changed queue statuses to waiting kiosks (on the leader; also on a periodic tick, as time moves estimates). */
  pushQueueStatus(): void {
    this.offers.pushQueueStatus();
  }
  /** Visitors waiting (for /metrics). */
  async queueLength(): Promise<number> {
    return (await this.routing.queued()).length;
  }

  // --- console side --------------------------------------------------------------------

  workerConnected(worker: StoredWorker, socketId: string): Promise<void> {
    return this.workers.connected(worker, socketId);
  }
  workerDisconnected(workerId: string, socketId: string): Promise<void> {
    return this.workers.disconnected(workerId, socketId);
  }
  workerView(workerId: string): Promise<WorkerView | undefined> {
    return this.workers.view(workerId);
  }
  /** Connected console users per state (for /metrics). */
  workerStateCounts(): Promise<Partial<Record<WorkerState, number>>> {
    return this.workers.stateCounts();
  }
  /** Colleagues for a warm transfer. */
  colleagues(): Promise<WorkerView[]> {
    return this.workers.colleagues();
  }
  setWorkerState(workerId: string, state: 'available' | 'away'): Promise<WorkerView> {
    return this.workers.setState(workerId, state);
  }

  /** The console's snapshot on every (re)connect: who I am, my open offers, my call, devices, capabilities. */
  async hello(workerId: string) {
    const worker = await this.workers.view(workerId);
    if (!worker) throw AuthError.forbidden('not connected');
    const offers: Offer[] = await this.offers.offersFor(workerId);
    const active = (await this.ctx.store.activeSessions()).find((s) => s.workerId === workerId && s.state === 'in_call');
    const consult = await this.consults.ofWorker(workerId);
    // The transferring worker of a consult is still in the call, as a colleague.
    const call = active ?? consult?.colleagueSession ?? null;
    const assignment = call ? await this.offers.assignment(call) : null;
    return { worker, offers, assignment, devices: await this.devices.all(), capabilities: this.calls.capabilities(), consult: consult?.state ?? null };
  }

  acceptOffer(workerId: string, offerId: string): Promise<Assignment> {
    return this.offers.accept(workerId, offerId);
  }
  declineOffer(workerId: string, offerId: string): Promise<void> {
    return this.offers.decline(workerId, offerId);
  }
  workerMessage(workerId: string, sessionId: string, text: string, clientId?: string): Promise<TranscriptEntry> {
    return this.calls.workerMessage(workerId, sessionId, text, clientId);
  }
  /** The worker ends the session with a disposition; wrap-up follows. */
  async endByWorker(workerId: string, sessionId: string, disposition: Disposition, notes?: string): Promise<SessionView> {
    const session = await this.ctx.workerSession(workerId, sessionId);
    return this.lifecycle.finish(session, disposition, `worker:${workerId}`, notes);
  }
  transfer(workerId: string, req: TransferRequest): Promise<SessionView> {
    return this.transfers.transfer(workerId, req);
  }
  /** A private line between the two workers of a consult. */
  consultMessage(workerId: string, sessionId: string, text: string) {
    return this.consults.message(workerId, sessionId, text);
  }
  /** The receiving worker joins the visitor after a consult (three-way). */
  consultJoin(workerId: string, sessionId: string): Promise<SessionView> {
    return this.consults.join(workerId, sessionId);
  }
  /** The transferring worker leaves the call after a consult. */
  consultLeave(workerId: string, sessionId: string): Promise<void> {
    return this.consults.leave(workerId, sessionId);
  }
  handback(workerId: string, sessionId: string, note?: string): Promise<SessionView> {
    return this.transfers.handback(workerId, sessionId, note);
  }
  reassign(supervisorId: string, sessionId: string, toWorkerId: string): Promise<void> {
    return this.transfers.reassign(supervisorId, sessionId, toWorkerId);
  }
  addNote(workerId: string, sessionId: string, text: string): Promise<SessionNote> {
    return this.calls.addNote(workerId, sessionId, text);
  }
  notes(worker: { id: string; role: string }, sessionId: string): Promise<SessionNote[]> {
    return this.calls.notes(worker, sessionId);
  }
  pastTranscript(worker: { id: string; role: string }, sessionId: string): Promise<TranscriptEntry[]> {
    return this.calls.pastTranscript(worker, sessionId);
  }
  showOnKiosk(workerId: string, sessionId: string, content: KioskContent | null): Promise<void> {
    return this.calls.showOnKiosk(workerId, sessionId, content);
  }
  latestAssist(workerId: string, sessionId: string): Promise<AssistUpdate | null> {
    return this.calls.latestAssist(workerId, sessionId);
  }

  // --- calls ---------------------------------------------------------------------------

  capabilities(): Capabilities {
    return this.calls.capabilities();
  }
  async visitorUtterance(deviceId: string, sessionId: string, audio: Uint8Array, mimeType: string) {
    const session = await this.ctx.deviceSession(deviceId, sessionId);
    const { text } = await this.calls.transcribe(audio, mimeType, session.language);
    return this.lifecycle.message(deviceId, sessionId, text);
  }
  workerUtterance(workerId: string, sessionId: string, audio: Uint8Array, mimeType: string): Promise<TranscriptEntry> {
    return this.calls.workerUtterance(workerId, sessionId, audio, mimeType);
  }
  synthesize(text: string, language: Language): Promise<{ audio: Uint8Array; mimeType: string }> {
    return this.calls.synthesize(text, language);
  }
  /** A peer's media operation in its call's room (on whichever node hosts it). */
  mediaOp(actor: { role: PeerRole; id: string }, sessionId: string, op: MediaOp, args: unknown[]): Promise<unknown> {
    return this.calls.mediaOp(actor, sessionId, op, args);
  }

  monitorCall(supervisorId: string, sessionId: string): Promise<Assignment> {
    return this.calls.monitor(supervisorId, sessionId);
  }
  stopMonitoring(supervisorId: string, sessionId: string): Promise<void> {
    return this.calls.stopMonitoring(supervisorId, sessionId);
  }
  bargeIn(supervisorId: string, sessionId: string): Promise<void> {
    return this.calls.bargeIn(supervisorId, sessionId);
  }
  supervisorMessage(supervisorId: string, sessionId: string, text: string): Promise<TranscriptEntry> {
    return this.calls.supervisorMessage(supervisorId, sessionId, text);
  }

  /** Stops timers (state stays in the database for the next start); idempotent. */
  close(): void {
    if (this.ctx.closed) return;
    this.unlead();
    this.ctx.closed = true;
    this.fleet.close();
    this.supervision.close();
    this.workers.close();
    this.devices.close();
  }
}
