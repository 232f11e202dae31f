import { randomUUID } from 'node:crypto';
import type { Assignment, AssistUpdate, Capabilities, DeviceStatus, DeviceTelemetry, Disposition, KioskContent, Language, Offer, PeerRole, QueueStatus, SessionNote, SessionSnapshot, SessionView, TranscriptEntry, WorkerState, WorkerView } from '@telekiosk/shared';
import { AuthError } from '../errors.ts';
import type { StoredWorker } from '../db/store.ts';
import type { MediaRoom } from '../media/mediaServer.ts';
import { RoutingService } from '../routing/service.ts';
import { FleetService } from '../fleet/fleetService.ts';
import { SessionContext } from './context.ts';
import { Calls } from './calls.ts';
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
  /** Routing with its state in the database. */
  readonly routing: RoutingService;
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
  private readonly workers: WorkerPresence;
  private readonly devices: DevicePresence;

  constructor(o: SessionServiceOptions) {
    const ctx = (this.ctx = new SessionContext(o));
    ctx.robot = this.robot = new RobotControl(o.store, o.notifier, o.logger);
    ctx.workers = this.workers = new WorkerPresence(ctx);
    ctx.devices = this.devices = new DevicePresence(ctx);
    ctx.lifecycle = this.lifecycle = new SessionLifecycle(ctx);
    ctx.escalation = this.escalation = new Escalation(ctx);
    ctx.offers = this.offers = new OfferDesk(ctx);
    ctx.transfers = this.transfers = new Transfers(ctx);
    ctx.calls = this.calls = new Calls(ctx);
    ctx.transcripts = new TranscriptWriter({
      store: o.store,
      notifier: o.notifier,
      translator: o.translator ?? null,
      clock: o.clock,
      log: ctx.log,
      workerLanguages: (id) => this.workers.languagesOf(id),
      monitorsOf: (id) => this.supervision.monitorsOf(id),
    });
    ctx.supervision = this.supervision = new Supervision({
      store: o.store,
      clock: o.clock,
      workerViews: () => this.workers.views(),
      queued: () =>
        this.routing.queuedSessionIds().map((id) => {
          const t = this.routing.task(id);
          return { sessionId: id, offered: !!t?.offerId, priority: t?.priority ?? 5, department: t?.department ?? null };
        }),
      toSupervisors: (event, payload) => {
        for (const id of this.workers.supervisorIds()) o.notifier.toWorker(id, event, payload);
      },
      supervisorCount: () => this.workers.supervisorIds().length,
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
    ctx.routing = this.routing = new RoutingService({
      store: o.routingStore,
      clock: o.clock,
      newId: randomUUID,
      log: ctx.log.child({ module: 'routing' }),
      config: { offerTimeoutMs: o.offerTimeoutMs, avgHandleMs: o.avgHandleMs, wrapUpMs: o.wrapUpMs, ...o.routing },
      events: {
        offer: (offer) => ctx.background('offer delivery', () => this.offers.deliver(offer), { offerId: offer.offerId }),
        offerRevoked: (offer, reason) => this.offers.revoked(offer, reason),
        workerStateChanged: (w) => this.workers.onRoutingState(w),
        transferFailed: (sessionId, toWorkerId, reason, meta) => this.offers.transferFailed(sessionId, toWorkerId, reason, meta),
        queueChanged: () => {
          this.offers.pushQueueStatus();
          this.supervision.changed();
        },
      },
    });
    o.media.onRoomsLost = (ids, reason) => this.calls.roomsLost(ids, reason);
  }

  /**
   * Rebuilds from the database after a (re)start: routing (queue order, offers with their
   * deadlines, worker presence and wrap-up), reconnect graces of workers and kiosks, measured
   * handle times, and the robot leases of calls in progress. Call once before serving.
   */
  async start(): Promise<void> {
    const connected = await this.routing.start();
    await this.workers.restore(await this.ctx.options.routingStore.loadWorkers().catch(() => connected));
    await this.devices.restore();
    await this.offers.restore();
    for (const s of await this.ctx.store.activeSessions()) {
      if (s.state === 'in_call' && s.workerId) this.robot.grant(s.id, s.deviceId, s.workerId);
    }
    this.offers.pushQueueStatus();
  }

  // --- devices -------------------------------------------------------------------------

  deviceConnected(deviceId: string): Promise<void> {
    return this.devices.connected(deviceId);
  }
  deviceDisconnected(deviceId: string): Promise<void> {
    return this.devices.disconnected(deviceId);
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
  /** Queue position, waiting state and estimate of a queued session. */
  queueStatus(sessionId: string): QueueStatus | undefined {
    return this.offers.queueStatus(sessionId);
  }
  /** Pushes changed queue statuses to waiting kiosks (also on a periodic tick, as time moves estimates). */
  pushQueueStatus(): void {
    this.offers.pushQueueStatus();
  }
  /** Visitors waiting (for /metrics). */
  queueLength(): number {
    return this.routing.queuedSessionIds().length;
  }

  // --- console side --------------------------------------------------------------------

  workerConnected(worker: StoredWorker): Promise<void> {
    return this.workers.connected(worker);
  }
  workerDisconnected(workerId: string): Promise<void> {
    return this.workers.disconnected(workerId);
  }
  workerView(workerId: string): WorkerView | undefined {
    return this.workers.view(workerId);
  }
  /** Connected console users per state (for /metrics). */
  workerStateCounts(): Partial<Record<WorkerState, number>> {
    return this.workers.stateCounts();
  }
  /** Colleagues for a warm transfer. */
  colleagues(): WorkerView[] {
    return this.workers.colleagues();
  }
  setWorkerState(workerId: string, state: 'available' | 'away'): Promise<WorkerView> {
    return this.workers.setState(workerId, state);
  }

  /** The console's snapshot on every (re)connect: who I am, my open offers, my call, devices, capabilities. */
  async hello(workerId: string) {
    const worker = this.workers.view(workerId);
    if (!worker) throw AuthError.forbidden('not connected');
    const offers: Offer[] = await this.offers.offersFor(workerId);
    const active = (await this.ctx.store.activeSessions()).find((s) => s.workerId === workerId && s.state === 'in_call');
    const assignment = active ? await this.offers.assignment(active) : null;
    return { worker, offers, assignment, devices: await this.devices.all(), capabilities: this.calls.capabilities() };
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
  mediaRoom(actor: { role: PeerRole; id: string }, sessionId: string): Promise<{ room: MediaRoom; role: PeerRole }> {
    return this.calls.mediaRoom(actor, sessionId);
  }
  monitorCall(supervisorId: string, sessionId: string): Promise<Assignment> {
    return this.calls.monitor(supervisorId, sessionId);
  }
  stopMonitoring(supervisorId: string, sessionId: string): void {
    this.calls.stopMonitoring(supervisorId, sessionId);
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
    this.ctx.closed = true;
    this.routing.close();
    this.fleet.close();
    this.supervision.close();
    this.workers.close();
    this.devices.close();
  }
}
