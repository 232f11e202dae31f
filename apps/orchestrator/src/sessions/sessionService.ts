import { randomUUID } from 'node:crypto';
import type {
  HandoffPackage,
  KioskContent,
  SessionNote,
  AssistUpdate,
  Capabilities,
  Assignment,
  DeviceStatus,
  Disposition,
  EscalationReason,
  Language,
  Offer,
  PeerRole,
  QueueStatus,
  SessionView,
  TranscriptEntry,
  WorkerState,
  WorkerView,
} from '@telekiosk/shared';
import { AuthError, OfferError, OrchestratorError, SessionError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { toDeviceStatus, type StoredWorker, type Store } from '../db/store.ts';
import type { MediaRoom, MediaServer } from '../media/mediaServer.ts';
import { TaskRouter, type Clock, type OpenOffer } from '../routing/router.ts';
import type { RoutingConfig } from '../routing/types.ts';
import { buildHandoffPackage, priorityFor, type IntakeFacts } from './handoff.ts';
import { notice } from './notices.ts';
import { RobotControl } from './robotControl.ts';
import { Supervision } from './supervision.ts';
import { TranscriptWriter } from './transcriptWriter.ts';
import { sessionNotes } from './desk.ts';
import { OfficeHours } from './officeHours.ts';
import { evaluateTurn, identifyLanguage, type Policy, type PolicyDecision } from '../policy/index.ts';
import { extractFields } from '../intake/fields.ts';
import type { AssistEngine } from '../assist/kbAssist.ts';
import { FleetService } from '../fleet/fleetService.ts';
import type { AlertThresholds } from '../fleet/alertRules.ts';

/** One assistant turn, as the intake engine answers it. */
export interface IntakeTurn {
  reply: string;
  intent: string;
  confidence: number;
  articles: { id: string; title: string; score: number }[];
  escalation: null | { reason: EscalationReason['code']; evidence: string };
  /** Structured details the AI collected this turn (name, case number...). */
  collectedFields?: Record<string, string>;
  /** The AI's reading of the turn. */
  analysis?: { sentiment: 'negative' | 'neutral' | 'positive'; urgency: string; confidence: number; category: string | null };
  /** True when the configured provider failed and the embedded engine answered this turn. */
  degraded?: boolean;
  degradedReason?: string | null;
  /** Which engine answered (`openai`, `embedded`). */
  provider?: string;
}

/** The intake engine the session service drives (embedded rules by default). */
export interface IntakeEngine {
  respond(input: { text: string; language: Language; history: { role: 'visitor' | 'assistant'; text: string }[] }): IntakeTurn | Promise<IntakeTurn>;
  summarize(entries: { role: 'visitor' | 'assistant'; text: string }[], language: Language): string;
  /** LLM summary when configured (falls back to the extractive one inside). */
  summarizeAsync?(entries: { role: 'visitor' | 'assistant'; text: string }[], language: Language): Promise<{ text: string; degraded: boolean }>;
  /** Category of a knowledge article, for the handoff package. */
  categoryOf?(articleId: string): string | null;
}

/**
 * A translation provider (Azure Translator, an LLM, ...). Absent means "not configured": the
 * transcript then keeps the original with its language and says plainly it is untranslated.
 * @throws on provider failure (the caller stores the line untranslated; nothing is lost).
 */
export interface TranslatorLike {
  readonly id: string;
  translate(text: string, to: Language, from?: Language): Promise<{ text: string; provider: string }>;
}

/** Speech provider (OpenAI by configuration). @throws on provider failure. */
export interface SpeechLike {
  transcribe(audio: Uint8Array, mimeType: string, languageHint?: Language): Promise<{ text: string; language: Language | null }>;
  synthesize(text: string, language: Language): Promise<{ audio: Uint8Array; mimeType: string }>;
}

/** Where the service sends push events; implemented by the socket.io namespaces. */
export interface Notifier {
  toDevice<E extends string>(deviceId: string, event: E, payload: unknown): void;
  toWorker<E extends string>(workerId: string, event: E, payload: unknown): void;
  /** To every connected console user. */
  toConsoles<E extends string>(event: E, payload: unknown): void;
  /**
   * Sends to the device's sockets and resolves with the first acknowledgement, or undefined
   * when the device has no connected socket.
   * @throws when no acknowledgement arrives within `timeoutMs`.
   */
  requestDevice(deviceId: string, event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
}

interface LiveWorker {
  worker: StoredWorker;
  state: WorkerState;
  connections: number;
  wrapUpTimer?: unknown;
}

interface IntakeMemory {
  facts: IntakeFacts;
}

export interface SessionServiceOptions {
  store: Store;
  media: MediaServer;
  intake: IntakeEngine;
  /** Translation provider, or null when none is configured. */
  translator?: TranslatorLike | null;
  /** Agent assist for workers in a call (knowledge-base suggestions by default). */
  assist?: AssistEngine | null;
  /** Speech recognition and synthesis, or null (browser voice, typed input only). */
  speech?: SpeechLike | null;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  offerTimeoutMs: number;
  wrapUpMs: number;
  avgHandleMs: number;
  /** Escalation policy evaluated after every visitor turn (null: the intake engine's own escalation only). */
  policy?: Policy | null;
  /** Office hours; outside them waiting visitors are offered a callback. Default: always open. */
  officeHours?: OfficeHours;
  /** How long a worker who drops mid-call may take to reconnect before the visitor is requeued (ms). Default 15000. */
  reconnectGraceMs?: number;
  /** Routing engine rules (e.g. `languageFallbackMs`, `departmentFallbackMs`); defaults in routing/types.ts. */
  routing?: Partial<RoutingConfig>;
  /** Alert thresholds of the fleet service (defaults in fleet/alertRules.ts). */
  alertThresholds?: AlertThresholds;
}

/**
 * Session lifecycle and the glue between kiosks, workers, routing, intake, media and the
 * database. Every method checks that the caller (device or worker) may act on the session
 * and throws typed errors ({@link SessionError}, {@link OfferError}, {@link AuthError}).
 */
export class SessionService {
  readonly router: TaskRouter;
  /** Robot control leases of live sessions. */
  readonly robot: RobotControl;
  /** Fleet health: alerts, battery history, service state. */
  readonly fleet: FleetService;
  /** Supervisor snapshot, monitoring and barge-in. */
  readonly supervision: Supervision;
  private readonly transcripts: TranscriptWriter;
  private readonly workers = new Map<string, LiveWorker>();
  private readonly onlineDevices = new Map<string, number>();
  private readonly intakeMemory = new Map<string, IntakeMemory>();
  /** Warm-transfer offers (directed to one colleague), by offer id. */
  private readonly directed = new Map<string, { offer: Offer; fromWorkerId: string; timer: unknown }>();
  /** Worker-loss grace timers, by worker id: a worker who reconnects in time keeps the call. */
  private readonly lostTimers = new Map<string, unknown>();
  /** The routing task of each escalated session (priority, department, age) for requeues. */
  private readonly tasks = new Map<string, { priority: number; department?: string; enqueuedAt: number; deviceId: string }>();
  /** Handoff packages of escalated sessions (until they end), so offers need no database read. */
  private readonly handoffs = new Map<string, HandoffPackage>();
  /** Latest agent-assist suggestions per session. */
  private readonly assistLatest = new Map<string, AssistUpdate>();
  private readonly log: Logger;
  private closed = false;

  constructor(private readonly o: SessionServiceOptions) {
    this.log = o.logger.child({ module: 'sessions' });
    this.robot = new RobotControl(o.store, o.notifier, o.logger);
    this.transcripts = new TranscriptWriter({
      store: o.store,
      notifier: o.notifier,
      translator: o.translator ?? null,
      clock: o.clock,
      log: this.log,
      workerLanguages: (id) => this.workers.get(id)?.worker.languages,
      monitorsOf: (id) => this.supervision.monitorsOf(id),
    });
    this.supervision = new Supervision({
      store: o.store,
      clock: o.clock,
      workerViews: () => [...this.workers.keys()].map((id) => this.workerView(id)!),
      queued: () =>
        this.router.queuedSessionIds().map((id) => ({
          sessionId: id,
          offered: this.router.queueStatus(id)?.offered ?? false,
          priority: this.tasks.get(id)?.priority ?? 5,
          department: this.tasks.get(id)?.department ?? null,
        })),
      toSupervisors: (event, payload) => {
        for (const lw of this.workers.values()) if (lw.worker.role === 'supervisor') o.notifier.toWorker(lw.worker.id, event, payload);
      },
    });
    this.fleet = new FleetService(o.store, o.clock, o.logger, {
      alert: (alert) => o.notifier.toConsoles('alert:update', alert),
      service: (deviceId, inService, reasons) => {
        o.notifier.toDevice(deviceId, 'device:service', { inService, reasons });
        void this.broadcastDevice(deviceId);
      },
    }, o.alertThresholds);
    this.router = new TaskRouter({
      offerTimeoutMs: o.offerTimeoutMs,
      avgHandleMs: o.avgHandleMs,
      clock: o.clock,
      newId: randomUUID,
      ...(o.routing ? { routing: o.routing } : {}),
      events: {
        offer: (offer) => void this.deliverOffer(offer).catch((err) => this.log.error({ err }, 'offer delivery failed')),
        offerRevoked: (offer, reason) => this.onOfferRevoked(offer, reason),
        queueChanged: () => {
          void this.pushQueueStatus().catch((err) => this.log.error({ err }, 'queue status push failed'));
          this.supervision?.changed();
        },
      },
    });
  }

  private now(): Date {
    return new Date(this.o.clock.now());
  }

  // --- devices -------------------------------------------------------------------------

  async deviceConnected(deviceId: string): Promise<void> {
    if (this.closed) return;
    this.onlineDevices.set(deviceId, (this.onlineDevices.get(deviceId) ?? 0) + 1);
    await this.o.store.touchDevice(deviceId, this.now());
    this.fleet.connectionChanged(deviceId, true, () => this.deviceStatus(deviceId));
    // Tell the kiosk its service state right away (it may be out of service).
    const reasons = await this.fleet.outOfServiceReasons(deviceId);
    this.o.notifier.toDevice(deviceId, 'device:service', { inService: reasons.length === 0, reasons });
    await this.broadcastDevice(deviceId);
  }

  async deviceDisconnected(deviceId: string): Promise<void> {
    if (this.closed) return;
    const n = (this.onlineDevices.get(deviceId) ?? 1) - 1;
    if (n <= 0) this.onlineDevices.delete(deviceId);
    else this.onlineDevices.set(deviceId, n);
    if (n <= 0) this.fleet.connectionChanged(deviceId, false, () => this.deviceStatus(deviceId));
    await this.broadcastDevice(deviceId);
  }

  /** Last reported navigation goal per device (live state, not persisted). */
  private readonly navigation = new Map<string, DeviceStatus['navigation']>();

  async deviceTelemetry(deviceId: string, t: Parameters<Store['updateDeviceTelemetry']>[1]): Promise<void> {
    const nav = (t.robot as { navigation?: DeviceStatus['navigation'] } | null | undefined)?.navigation ?? null;
    this.navigation.set(deviceId, nav);
    await this.o.store.updateDeviceTelemetry(deviceId, t, this.now());
    await this.fleet.sample(deviceId, t.batteryPercent, t.charging);
    const status = await this.deviceStatus(deviceId);
    if (status) await this.fleet.evaluate({ ...status, stuck: (t.robot as { stuck?: unknown } | null | undefined)?.stuck === true });
    await this.broadcastDevice(deviceId);
  }

  async deviceStatuses(): Promise<DeviceStatus[]> {
    const rows = await this.o.store.listDevices();
    const active = await this.o.store.activeSessions();
    return rows.map((r) =>
      toDeviceStatus(r, this.onlineDevices.has(r.id), active.find((s) => s.deviceId === r.id)?.state ?? null, r.in_service && this.fleet.inService(r.id), this.navigation.get(r.id) ?? null),
    );
  }

  async deviceStatus(deviceId: string): Promise<DeviceStatus | undefined> {
    const r = await this.o.store.getDevice(deviceId);
    if (!r) return undefined;
    const active = await this.o.store.activeSessions(deviceId);
    return toDeviceStatus(r, this.onlineDevices.has(r.id), active[0]?.state ?? null, r.in_service && this.fleet.inService(r.id), this.navigation.get(r.id) ?? null);
  }

  /** Staff put a device out of service or back (manual flag). */
  async setDeviceInService(deviceId: string, inService: boolean, actor: string): Promise<DeviceStatus> {
    if (!(await this.o.store.getDevice(deviceId))) throw new SessionError('not_found', `device ${deviceId} not found`);
    await this.o.store.setDeviceInService(deviceId, inService);
    this.log.info({ deviceId, inService, actor }, 'device service set by staff');
    await this.fleet.updateService(deviceId);
    await this.broadcastDevice(deviceId);
    return (await this.deviceStatus(deviceId))!;
  }

  private async broadcastDevice(deviceId: string): Promise<void> {
    const status = await this.deviceStatus(deviceId);
    if (status) this.o.notifier.toConsoles('device:update', status);
  }

  // --- kiosk side ----------------------------------------------------------------------

  /**
   * Starts a session after consent. Ends any session the device left open (kiosk reset).
   * With `mode: 'person'` the visitor chose a person up front: escalates at once (`visitor_choice`).
   */
  async startSession(deviceId: string, req: { language: Language; consentAcceptedAt: string; mode: 'assistant' | 'person' }) {
    const outOfService = await this.fleet.outOfServiceReasons(deviceId);
    if (outOfService.length > 0) throw SessionError.deviceOutOfService(deviceId, outOfService);
    for (const s of await this.o.store.activeSessions(deviceId)) await this.finish(s, 'visitor_left', `device:${deviceId}`);
    const now = this.now();
    const session = await this.o.store.createSession({ deviceId, language: req.language, mode: req.mode, consentAt: new Date(req.consentAcceptedAt), now });
    this.intakeMemory.set(session.id, { facts: { intent: 'unknown', category: null, articlesUsed: [], actionsTaken: [], sentiment: 'neutral', collectedFields: {}, flags: [] } });
    await this.o.store.recordEvent(session.id, 'started', `device:${deviceId}`, { language: req.language, mode: req.mode }, now);
    this.log.info({ sessionId: session.id, deviceId, language: req.language, mode: req.mode }, 'session started');
    await this.appendEntry(session, 'assistant', notice('greeting', req.language));
    let current = session;
    if (req.mode === 'person') {
      const entry = await this.appendEntry(session, 'system', notice('visitorChoicePerson', req.language));
      current = await this.escalate(session, [{ code: 'visitor_choice', evidence: 'Visitor chose "talk to a person" on the start screen', entryId: entry.id }]);
    }
    void this.broadcastDevice(deviceId);
    return { session: current, transcript: await this.o.store.transcript(session.id) };
  }

  /** A visitor's typed message; in intake the assistant answers and may escalate. */
  async visitorMessage(deviceId: string, sessionId: string, text: string): Promise<{ entries: TranscriptEntry[]; session: SessionView }> {
    const session = await this.deviceSession(deviceId, sessionId);
    if (session.state === 'ended') throw SessionError.wrongState(sessionId, session.state, 'send a message');
    // The line keeps the language it was written in (tinyld; short text keeps the session language).
    const language = identifyLanguage(text, session.language).language;
    const visitorEntry = await this.appendEntry(session, 'visitor', text, { notifyDevice: false, language });
    const fields = extractFields(text);
    if (Object.keys(fields).length > 0) {
      const mem = this.intakeMemory.get(sessionId);
      if (mem) Object.assign(mem.facts.collectedFields, fields);
    }
    const entries = [visitorEntry];
    let current = session;
    if (session.state === 'in_call') void this.runAssist(session, visitorEntry);
    if (session.state === 'intake') {
      const history = (await this.o.store.transcript(sessionId))
        .filter((e) => e.speaker === 'visitor' || e.speaker === 'assistant')
        .slice(0, -1)
        .map((e) => ({ role: e.speaker as 'visitor' | 'assistant', text: e.text }));
      const turn = await this.o.intake.respond({ text, language: session.language, history });
      this.remember(sessionId, turn);
      const decision = await this.evaluatePolicy(session, turn);
      const reply = await this.appendEntry(session, 'assistant', turn.reply, { notifyDevice: false });
      entries.push(reply);
      const reasons = decision?.escalate
        ? decision.reasons.map((r) => ({ ...r, entryId: r.entryId ?? visitorEntry.id }))
        : turn.escalation
          ? [{ code: turn.escalation.reason, evidence: turn.escalation.evidence, entryId: visitorEntry.id }]
          : [];
      if (reasons.length > 0) current = await this.escalate(session, reasons, decision);
      else if (decision) await this.o.store.recordEvent(sessionId, 'policy_checked', 'system', { confidence: decision.confidence, sentiment: decision.sentiment, flags: decision.flags }, this.now());
    }
    return { entries, session: current };
  }

  /** The "Talk to a person" button. Idempotent once queued or in a call. */
  async requestPerson(deviceId: string, sessionId: string): Promise<SessionView> {
    const session = await this.deviceSession(deviceId, sessionId);
    if (session.state !== 'intake') {
      if (session.state === 'ended') throw SessionError.wrongState(sessionId, session.state, 'request a person');
      return session;
    }
    return this.escalate(session, [{ code: 'explicit_request', evidence: 'Visitor pressed "Talk to a person"', entryId: null }]);
  }

  async rate(deviceId: string, sessionId: string, rating: number): Promise<void> {
    const session = await this.deviceSession(deviceId, sessionId);
    if (!(await this.o.store.rateSession(session.id, rating))) throw SessionError.wrongState(sessionId, session.state, 'rate before the session ended');
    await this.o.store.recordEvent(sessionId, 'rated', `device:${deviceId}`, { rating }, this.now());
  }

  /** The visitor left or the kiosk idled out. */
  async leave(deviceId: string, sessionId: string, reason: 'visitor_left' | 'idle'): Promise<void> {
    const session = await this.deviceSession(deviceId, sessionId);
    if (session.state === 'ended') return;
    await this.finish(session, reason === 'idle' ? 'visitor_left' : reason, `device:${deviceId}`);
  }

  // --- escalation and routing ----------------------------------------------------------

  /** Runs the escalation policy on the conversation so far (after the intake answered the last visitor turn). */
  private async evaluatePolicy(session: SessionView, turn: IntakeTurn): Promise<PolicyDecision | null> {
    if (!this.o.policy) return null;
    const transcript = await this.o.store.transcript(session.id);
    const turns = transcript
      .filter((e) => e.speaker === 'visitor' || e.speaker === 'assistant')
      .map((e) => ({ role: e.speaker as 'visitor' | 'assistant', text: e.text, entryId: e.id, at: Date.parse(e.createdAt) }));
    try {
      return evaluateTurn(this.o.policy, {
        turns,
        language: session.language,
        sessionStartedAt: Date.parse(session.createdAt),
        now: this.o.clock.now(),
        intake: { intent: turn.intent, confidence: turn.confidence, escalation: turn.escalation },
      });
    } catch (err) {
      this.log.error({ err, sessionId: session.id }, 'escalation policy failed; using the intake engine decision');
      return null;
    }
  }

  private async escalate(session: SessionView, reasons: EscalationReason[], decision: PolicyDecision | null = null): Promise<SessionView> {
    const now = this.now();
    const queued = await this.o.store.markQueued(session.id, now);
    if (!queued) return (await this.o.store.getSession(session.id)) ?? session;
    if (session.state === 'intake' && reasons[0]?.code !== 'visitor_choice') await this.appendEntry(queued, 'system', notice('escalating', session.language));
    const transcript = await this.o.store.transcript(session.id);
    const device = await this.o.store.getDevice(session.deviceId);
    const facts = this.intakeMemory.get(session.id)?.facts ?? { intent: 'unknown', category: null, articlesUsed: [], actionsTaken: [], sentiment: 'neutral' as const, collectedFields: {}, flags: [] };
    const convo = transcript.filter((e) => e.speaker === 'visitor' || e.speaker === 'assistant').map((e) => ({ role: e.speaker as 'visitor' | 'assistant', text: e.text }));
    const handoff = buildHandoffPackage({
      sessionId: session.id,
      device: { id: session.deviceId, name: device?.name ?? session.deviceId, location: device?.location ?? '' },
      language: session.language,
      reasons,
      transcript,
      facts: reasons.some((r) => r.code === 'explicit_request' || r.code === 'visitor_choice') && facts.intent === 'unknown' ? { ...facts, intent: 'request_person' } : facts,
      policy: decision ? { urgency: decision.urgency, department: decision.skills.department, sentiment: decision.sentiment } : null,
      summary: this.o.intake.summarizeAsync ? (await this.o.intake.summarizeAsync(convo, session.language)).text : this.o.intake.summarize(convo, session.language),
      now,
    });
    if (decision) handoff.flags = [...new Set([...handoff.flags, ...decision.flags])];
    await this.o.store.saveHandoff(handoff, now);
    this.handoffs.set(session.id, handoff);
    await this.o.store.recordEvent(session.id, 'escalated', 'system', { reasons, ...(decision ? { priority: decision.priority, department: decision.skills.department } : {}) }, now);
    if (decision?.alertStaff) {
      const evidence = reasons.find((r) => r.code === 'safety')?.evidence ?? reasons[0]?.evidence ?? '';
      await this.fleet.raiseSafety(session.deviceId, `Session ${session.id.slice(0, 8)}: ${evidence}`).catch((err) => this.log.error({ err }, 'safety alert failed'));
    }
    this.log.info({ sessionId: session.id, reasons: reasons.map((r) => r.code) }, 'session escalated');
    this.o.notifier.toDevice(session.deviceId, 'session:update', queued);
    // Department queue from the policy; safety cases go to everyone at once (no department wait).
    const department = decision && decision.priority > 0 ? (decision.skills.department ?? undefined) : undefined;
    this.tasks.set(session.id, { priority: decision?.priority ?? priorityFor(reasons), enqueuedAt: now.getTime(), deviceId: session.deviceId, ...(department ? { department } : {}) });
    this.router.enqueue({ sessionId: session.id, language: session.language, priority: decision?.priority ?? priorityFor(reasons), enqueuedAt: now.getTime(), ...(department ? { department } : {}) });
    void this.broadcastDevice(session.deviceId);
    return queued;
  }

  private remember(sessionId: string, turn: IntakeTurn) {
    const mem = this.intakeMemory.get(sessionId);
    if (!mem) return;
    mem.facts.intent = turn.intent;
    if (turn.collectedFields) Object.assign(mem.facts.collectedFields, turn.collectedFields);
    if (turn.analysis) {
      mem.facts.sentiment = turn.analysis.sentiment;
      if (turn.analysis.category) mem.facts.category = turn.analysis.category;
    }
    if (turn.degraded && !mem.facts.flags.includes('ai_degraded')) {
      mem.facts.flags.push('ai_degraded');
      mem.facts.actionsTaken.push(`AI provider unavailable (${turn.degradedReason ?? 'unknown'}); the embedded assistant answered`);
      void this.o.store.recordEvent(sessionId, 'intake_degraded', 'system', { reason: turn.degradedReason ?? null }, this.now()).catch(() => {});
    }
    const top = turn.articles[0];
    if (top && turn.intent.startsWith('kb:')) {
      if (!mem.facts.articlesUsed.some((a) => a.id === top.id)) mem.facts.articlesUsed.push({ id: top.id, title: top.title });
      mem.facts.actionsTaken.push(`Answered from knowledge article "${top.title}" (${top.id})`);
      mem.facts.category = this.o.intake.categoryOf?.(top.id) ?? mem.facts.category;
    }
  }

  private async deliverOffer(o: OpenOffer): Promise<void> {
    // The handoff package of a waiting visitor is cached: an offer goes out without a database read.
    const handoff = this.handoffs.get(o.sessionId) ?? (await this.o.store.latestHandoff(o.sessionId));
    if (!handoff) return;
    const offer: Offer = { id: o.offerId, sessionId: o.sessionId, workerId: o.workerId, expiresAt: new Date(o.expiresAt).toISOString(), handoff, transfer: null };
    // Queue the audit write first (keeps event order), deliver, then wait for the write.
    const recorded = this.o.store.recordEvent(o.sessionId, 'offered', 'system', { workerId: o.workerId, offerId: o.offerId }, this.now());
    this.o.notifier.toWorker(o.workerId, 'offer:new', offer);
    this.log.info({ sessionId: o.sessionId, workerId: o.workerId, offerId: o.offerId }, 'offer sent');
    await recorded;
  }

  private onOfferRevoked(o: OpenOffer, reason: 'declined' | 'timeout' | 'abandoned') {
    this.o.notifier.toWorker(o.workerId, 'offer:revoked', { offerId: o.offerId, reason });
    void this.o.store.recordEvent(o.sessionId, `offer_${reason}`, reason === 'declined' ? `worker:${o.workerId}` : 'system', { workerId: o.workerId, offerId: o.offerId }, this.now()).catch(() => {});
    if (reason === 'timeout') {
      const lw = this.workers.get(o.workerId);
      if (lw && lw.state === 'available') this.setLiveState(lw, 'away');
    }
  }

  /** Queue position and estimated wait for a queued session. */
  queueStatus(sessionId: string): QueueStatus | undefined {
    const s = this.router.queueStatus(sessionId);
    if (!s) return undefined;
    return { sessionId, ...s, callbackReason: this.callbackReason() };
  }

  /** Why a waiting visitor should be offered a callback now, or null. */
  private callbackReason(): QueueStatus['callbackReason'] {
    if (!(this.o.officeHours ?? OfficeHours.parse('')).isOpen(this.now())) return 'after_hours';
    const staffed = [...this.workers.values()].some((w) => w.worker.role !== 'staff' && (w.state === 'available' || w.state === 'busy' || w.state === 'wrap_up'));
    return staffed ? null : 'no_workers';
  }

  /**
   * The visitor leaves a callback request instead of waiting: stored in the callback queue
   * with a ticket number; the session ends with disposition `callback`.
   */
  async requestCallback(deviceId: string, req: { sessionId: string; name: string; contact: string; note?: string }): Promise<{ ticket: string }> {
    const session = await this.deviceSession(deviceId, req.sessionId);
    if (session.state === 'ended' || session.state === 'in_call') throw SessionError.wrongState(session.id, session.state, 'request a callback');
    const now = this.now();
    const ticket = `CB-${randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
    const row = await this.o.store.insertCallback({ id: randomUUID(), ticket, session_id: session.id, device_id: deviceId, language: session.language, name: req.name, contact: req.contact, note: req.note ?? null, created_at: now });
    await this.o.store.recordEvent(session.id, 'callback_requested', `device:${deviceId}`, { ticket: row.ticket }, now);
    this.log.info({ sessionId: session.id, ticket }, 'callback requested');
    await this.finish((await this.o.store.getSession(session.id))!, 'callback', `device:${deviceId}`);
    this.o.notifier.toConsoles('callbacks:changed', {});
    return { ticket };
  }

  private queuePushPending = false;
  /**
   * Pushes queue status to every waiting kiosk (on changes and on a periodic tick). Coalesced:
   * a burst of queue changes costs one pass, from memory (no database reads per kiosk).
   */
  async pushQueueStatus(): Promise<void> {
    if (this.queuePushPending || this.closed) return;
    this.queuePushPending = true;
    await new Promise<void>((r) => setImmediate(r));
    this.queuePushPending = false;
    for (const sessionId of this.router.queuedSessionIds()) {
      const deviceId = this.tasks.get(sessionId)?.deviceId;
      const status = this.queueStatus(sessionId);
      if (deviceId && status) this.o.notifier.toDevice(deviceId, 'queue:status', status);
    }
  }

  // --- console side --------------------------------------------------------------------

  /** Connected console users per state (for /metrics). */
  workerStateCounts(): Partial<Record<WorkerState, number>> {
    const out: Partial<Record<WorkerState, number>> = {};
    for (const lw of this.workers.values()) out[lw.state] = (out[lw.state] ?? 0) + 1;
    return out;
  }

  /** Devices with a connected kiosk socket. */
  onlineDeviceCount(): number {
    return this.onlineDevices.size;
  }

  workerView(workerId: string): WorkerView | undefined {
    const lw = this.workers.get(workerId);
    return lw ? { id: lw.worker.id, username: lw.worker.username, displayName: lw.worker.displayName, role: lw.worker.role, languages: lw.worker.languages, state: lw.state } : undefined;
  }

  /** A console socket of `worker` connected. Returns the snapshot for `console:hello`. */
  async workerConnected(worker: StoredWorker): Promise<void> {
    const lost = this.lostTimers.get(worker.id);
    if (lost) {
      this.o.clock.clearTimeout(lost);
      this.lostTimers.delete(worker.id);
    }
    const lw = this.workers.get(worker.id);
    if (lw) {
      lw.connections++;
      return;
    }
    const active = (await this.o.store.activeSessions()).find((s) => s.workerId === worker.id && s.state === 'in_call');
    this.workers.set(worker.id, { worker, state: active ? 'busy' : 'away', connections: 1 });
  }

  async workerDisconnected(workerId: string): Promise<void> {
    if (this.closed) return;
    const lw = this.workers.get(workerId);
    if (!lw) return;
    lw.connections--;
    if (lw.connections > 0) return;
    if (lw.wrapUpTimer) this.o.clock.clearTimeout(lw.wrapUpTimer);
    this.workers.delete(workerId);
    this.router.removeWorker(workerId);
    for (const [id, d] of this.directed) if (d.offer.workerId === workerId) this.closeDirected(id, 'unavailable');
    // A worker who drops mid-call gets a grace period to reconnect; then the visitor goes back to the head of the queue.
    const call = (await this.o.store.activeSessions()).find((s) => s.workerId === workerId && s.state === 'in_call');
    if (call) {
      this.lostTimers.set(
        workerId,
        this.o.clock.setTimeout(() => {
          this.lostTimers.delete(workerId);
          void this.requeueAfterWorkerLoss(call.id, workerId).catch((err) => this.log.error({ err }, 'requeue after worker loss failed'));
        }, this.o.reconnectGraceMs ?? 15_000),
      );
    }
  }

  // --- worker loss, transfers, handback ------------------------------------------------

  /** The worker did not come back: the session returns to the head of its queue; nothing of the transcript is lost. */
  private async requeueAfterWorkerLoss(sessionId: string, workerId: string): Promise<void> {
    if (this.closed || this.workers.has(workerId)) return;
    const queued = await this.o.store.requeueFromCall(sessionId);
    if (!queued) return;
    this.leaveCall(sessionId);
    await this.o.store.recordEvent(sessionId, 'worker_lost', 'system', { workerId }, this.now());
    this.log.warn({ sessionId, workerId }, 'worker lost mid-call; session requeued at head');
    await this.appendEntry(queued, 'system', notice('workerLost', queued.language));
    this.o.notifier.toDevice(queued.deviceId, 'session:update', queued);
    const t = this.tasks.get(sessionId) ?? { priority: 5, enqueuedAt: this.o.clock.now(), deviceId: queued.deviceId };
    this.router.requeueAtHead({ sessionId, language: queued.language, priority: t.priority, enqueuedAt: t.enqueuedAt, ...(t.department ? { department: t.department } : {}) });
    void this.broadcastDevice(queued.deviceId);
  }

  /** Closes the live call parts of a session (media room, robot lease) without ending it. */
  private leaveCall(sessionId: string) {
    this.robot.end(sessionId);
    this.o.media.closeRoom(sessionId);
  }

  /** The releasing worker goes to wrap-up, then available. */
  private releaseWorker(workerId: string) {
    const lw = this.workers.get(workerId);
    if (!lw || lw.state !== 'busy') return;
    this.setLiveState(lw, 'wrap_up');
    lw.wrapUpTimer = this.o.clock.setTimeout(() => {
      lw.wrapUpTimer = undefined;
      if (this.workers.get(lw.worker.id) === lw && lw.state === 'wrap_up') this.setLiveState(lw, 'available');
    }, this.o.wrapUpMs);
  }

  /**
   * Transfers a call. Cold: back to a department queue with its original age; the worker wraps
   * up. Warm: a directed offer to a colleague with the handoff package and the note; the worker
   * stays in the call until the colleague accepts (then wraps up).
   * @throws SessionError / AuthError for sessions not assigned to the caller or unknown colleagues.
   */
  async transfer(workerId: string, req: { sessionId: string; mode: 'cold'; department: string; note?: string } | { sessionId: string; mode: 'warm'; toWorkerId: string; note: string }): Promise<SessionView> {
    const session = await this.workerSession(workerId, req.sessionId);
    const now = this.now();
    if (req.mode === 'cold') {
      const queued = await this.o.store.requeueFromCall(session.id);
      if (!queued) throw SessionError.wrongState(session.id, session.state, 'transfer');
      this.leaveCall(session.id);
      await this.o.store.recordEvent(session.id, 'transferred', `worker:${workerId}`, { mode: 'cold', department: req.department, note: req.note ?? null }, now);
      await this.appendEntry(queued, 'system', notice('transferring', queued.language));
      this.o.notifier.toDevice(queued.deviceId, 'session:update', queued);
      const t = this.tasks.get(session.id) ?? { priority: 5, enqueuedAt: now.getTime(), deviceId: queued.deviceId };
      this.tasks.set(session.id, { ...t, department: req.department });
      this.router.enqueue({ sessionId: session.id, language: queued.language, priority: t.priority, enqueuedAt: t.enqueuedAt, department: req.department });
      this.releaseWorker(workerId);
      return queued;
    }
    const target = this.workers.get(req.toWorkerId);
    if (!target || req.toWorkerId === workerId || target.worker.role === 'staff') throw new OrchestratorError('not_found', `toWorkerId: ${req.toWorkerId} is not a connected colleague`);
    if ([...this.directed.values()].some((d) => d.offer.sessionId === session.id)) throw SessionError.wrongState(session.id, 'transferring', 'start a second transfer');
    const handoff = await this.o.store.latestHandoff(session.id);
    if (!handoff) throw SessionError.notFound(session.id);
    const from = this.workers.get(workerId)?.worker;
    const offerId = randomUUID();
    const offer: Offer = {
      id: offerId,
      sessionId: session.id,
      workerId: req.toWorkerId,
      expiresAt: new Date(now.getTime() + this.o.offerTimeoutMs).toISOString(),
      handoff: { ...handoff, transcript: await this.o.store.transcript(session.id), owner: workerId },
      transfer: { fromWorkerId: workerId, fromName: from?.displayName ?? workerId, note: req.note },
    };
    const timer = this.o.clock.setTimeout(() => this.closeDirected(offerId, 'timeout'), this.o.offerTimeoutMs);
    this.directed.set(offerId, { offer, fromWorkerId: workerId, timer });
    await this.o.store.recordEvent(session.id, 'transfer_offered', `worker:${workerId}`, { mode: 'warm', toWorkerId: req.toWorkerId, offerId }, now);
    this.o.notifier.toWorker(req.toWorkerId, 'offer:new', offer);
    return session;
  }

  private closeDirected(offerId: string, reason: 'declined' | 'timeout' | 'unavailable') {
    const d = this.directed.get(offerId);
    if (!d) return;
    this.directed.delete(offerId);
    this.o.clock.clearTimeout(d.timer);
    this.o.notifier.toWorker(d.offer.workerId, 'offer:revoked', { offerId, reason: reason === 'unavailable' ? 'abandoned' : reason });
    this.o.notifier.toWorker(d.fromWorkerId, 'transfer:failed', { sessionId: d.offer.sessionId, toWorkerId: d.offer.workerId, reason });
    void this.o.store.recordEvent(d.offer.sessionId, `transfer_${reason}`, `worker:${d.offer.workerId}`, { offerId }, this.now()).catch(() => {});
  }

  /** The colleague accepts a warm transfer: the call passes to them atomically. */
  private async acceptDirected(workerId: string, offerId: string): Promise<Assignment> {
    const d = this.directed.get(offerId)!;
    this.directed.delete(offerId);
    this.o.clock.clearTimeout(d.timer);
    const lw = this.workers.get(workerId);
    if (!lw || lw.state === 'busy') throw OfferError.gone(offerId);
    const current = await this.o.store.getSession(d.offer.sessionId);
    const session =
      current?.state === 'queued'
        ? await this.o.store.assignWorker(d.offer.sessionId, workerId, this.now()) // supervisor reassignment from the queue
        : await this.o.store.reassign(d.offer.sessionId, d.fromWorkerId, workerId); // warm transfer
    if (!session) throw OfferError.gone(offerId);
    if (current?.state === 'queued') this.router.removeTask(session.id);
    const now = this.now();
    this.robot.end(session.id);
    this.o.media.closeRoom(session.id);
    this.releaseWorker(d.fromWorkerId);
    this.o.notifier.toWorker(d.fromWorkerId, 'session:update', session);
    this.setLiveState(lw, 'busy');
    await this.o.store.recordEvent(session.id, 'transferred', `worker:${workerId}`, { mode: 'warm', fromWorkerId: d.fromWorkerId, offerId }, now);
    await this.translateBacklog(session, lw.worker);
    this.robot.grant(session.id, session.deviceId, workerId);
    await this.appendEntry(session, 'system', notice('workerJoined', session.language, { name: lw.worker.displayName }));
    this.o.notifier.toDevice(session.deviceId, 'session:update', session);
    this.o.notifier.toDevice(session.deviceId, 'call:started', { sessionId: session.id, worker: { displayName: lw.worker.displayName, languages: lw.worker.languages } });
    this.supervision.changed();
    return this.assignment(session);
  }

  /** Hands the visitor back to the AI assistant; the worker wraps up. */
  async handback(workerId: string, sessionId: string, note?: string): Promise<SessionView> {
    const session = await this.workerSession(workerId, sessionId);
    const back = await this.o.store.handbackToIntake(session.id);
    if (!back) throw SessionError.wrongState(session.id, session.state, 'hand back');
    this.leaveCall(session.id);
    await this.o.store.recordEvent(session.id, 'handback', `worker:${workerId}`, { note: note ?? null }, this.now());
    this.intakeMemory.set(session.id, { facts: { intent: 'unknown', category: null, articlesUsed: [], actionsTaken: [], sentiment: 'neutral', collectedFields: {}, flags: [] } });
    await this.appendEntry(back, 'assistant', notice('handback', back.language));
    this.o.notifier.toDevice(back.deviceId, 'session:update', back);
    this.o.notifier.toWorker(workerId, 'session:update', back);
    this.releaseWorker(workerId);
    void this.broadcastDevice(back.deviceId);
    return back;
  }

  /** A note on a session assigned to the worker (audit trail). */
  async addNote(workerId: string, sessionId: string, text: string): Promise<SessionNote> {
    await this.workerSession(workerId, sessionId);
    const at = this.now();
    await this.o.store.recordEvent(sessionId, 'note', `worker:${workerId}`, { text }, at);
    return { text, by: workerId, at: at.toISOString() };
  }

  /** Notes of a session the caller handles or handled (supervisors: any). */
  async notes(worker: { id: string; role: string }, sessionId: string): Promise<SessionNote[]> {
    await this.canSeeSession(worker, sessionId);
    return sessionNotes(this.o.store, sessionId);
  }

  /** Full transcript of a session the caller handled (supervisors: any). */
  async pastTranscript(worker: { id: string; role: string }, sessionId: string): Promise<TranscriptEntry[]> {
    await this.canSeeSession(worker, sessionId);
    return this.o.store.transcript(sessionId);
  }

  private async canSeeSession(worker: { id: string; role: string }, sessionId: string) {
    const s = await this.o.store.getSession(sessionId);
    const handled = s && (s.workerId === worker.id || (await this.o.store.events(sessionId)).some((e) => e.actor === `worker:${worker.id}`));
    if (!s || (worker.role !== 'supervisor' && !handled)) throw SessionError.notFound(sessionId);
  }

  /** Pushes content to the kiosk screen of the worker's call (or clears it with null). */
  async showOnKiosk(workerId: string, sessionId: string, content: KioskContent | null): Promise<void> {
    const session = await this.workerSession(workerId, sessionId);
    if (content) this.o.notifier.toDevice(session.deviceId, 'content:show', content);
    else this.o.notifier.toDevice(session.deviceId, 'content:clear', {});
    await this.o.store.recordEvent(sessionId, content ? 'content_shown' : 'content_cleared', `worker:${workerId}`, content ? { type: content.type, title: content.title } : {}, this.now());
  }

  /** Colleagues for a warm transfer. */
  colleagues(): WorkerView[] {
    return [...this.workers.values()].filter((w) => w.worker.role !== 'staff').map((w) => this.workerView(w.worker.id)!);
  }

  async hello(workerId: string) {
    const worker = this.workerView(workerId);
    if (!worker) throw AuthError.forbidden('not connected');
    const offers: Offer[] = [];
    for (const o of this.router.offersOf(workerId)) {
      const handoff = await this.o.store.latestHandoff(o.sessionId);
      if (handoff) offers.push({ id: o.offerId, sessionId: o.sessionId, workerId, expiresAt: new Date(o.expiresAt).toISOString(), handoff, transfer: null });
    }
    for (const d of this.directed.values()) {
      if (d.offer.workerId === workerId) offers.push(d.offer);
    }
    const active = (await this.o.store.activeSessions()).find((s) => s.workerId === workerId && s.state === 'in_call');
    const assignment = active ? await this.assignment(active) : null;
    return { worker, offers, assignment, devices: await this.deviceStatuses(), capabilities: this.capabilities() };
  }

  /** Sets `available` or `away`. Refused while busy or in wrap-up. */
  setWorkerState(workerId: string, state: 'available' | 'away'): WorkerView {
    const lw = this.workers.get(workerId);
    if (!lw) throw AuthError.forbidden('not connected');
    if (lw.worker.role === 'staff') throw AuthError.forbidden('facility staff do not take sessions');
    if (lw.state === 'busy') throw SessionError.wrongState('-', 'busy', `set state ${state} during a call`);
    if (lw.wrapUpTimer) {
      this.o.clock.clearTimeout(lw.wrapUpTimer);
      lw.wrapUpTimer = undefined;
    }
    this.setLiveState(lw, state);
    return this.workerView(workerId)!;
  }

  private setLiveState(lw: LiveWorker, state: WorkerState) {
    lw.state = state;
    this.router.upsertWorker({ workerId: lw.worker.id, languages: lw.worker.languages, departments: lw.worker.departments, level: lw.worker.level, available: state === 'available' });
    this.o.notifier.toWorker(lw.worker.id, 'worker:update', this.workerView(lw.worker.id));
    this.supervision.changed();
    this.log.info({ workerId: lw.worker.id, state }, 'worker state');
  }

  /** Accepts an offer: atomic assignment in the database; `conflict` if the offer is gone. */
  async acceptOffer(workerId: string, offerId: string): Promise<Assignment> {
    const lw = this.workers.get(workerId);
    if (!lw) throw AuthError.forbidden('not connected');
    const directed = this.directed.get(offerId);
    if (directed && directed.offer.workerId === workerId) return this.acceptDirected(workerId, offerId);
    const task = this.router.claim(offerId, workerId);
    if (!task) throw OfferError.gone(offerId);
    const now = this.now();
    const session = await this.o.store.assignWorker(task.sessionId, workerId, now);
    if (!session) {
      // Someone else won (another orchestrator) or the visitor left: back to routing if still queued.
      const s = await this.o.store.getSession(task.sessionId);
      if (s?.state === 'queued') this.router.enqueue(task);
      this.setLiveState(lw, 'available');
      throw OfferError.gone(offerId);
    }
    this.setLiveState(lw, 'busy');
    await this.o.store.recordEvent(session.id, 'accepted', `worker:${workerId}`, { offerId }, now);
    await this.translateBacklog(session, lw.worker);
    this.robot.grant(session.id, session.deviceId, workerId);
    this.log.info({ sessionId: session.id, workerId }, 'offer accepted');
    await this.appendEntry(session, 'system', notice('workerJoined', session.language, { name: lw.worker.displayName }));
    this.o.notifier.toDevice(session.deviceId, 'session:update', session);
    this.o.notifier.toDevice(session.deviceId, 'call:started', { sessionId: session.id, worker: { displayName: lw.worker.displayName, languages: lw.worker.languages } });
    void this.broadcastDevice(session.deviceId);
    return this.assignment(session);
  }

  declineOffer(workerId: string, offerId: string): void {
    const directed = this.directed.get(offerId);
    if (directed && directed.offer.workerId === workerId) return this.closeDirected(offerId, 'declined');
    if (!this.router.decline(offerId, workerId)) throw OfferError.gone(offerId);
  }

  /** A worker's typed message to the visitor. */
  async workerMessage(workerId: string, sessionId: string, text: string): Promise<TranscriptEntry> {
    const session = await this.workerSession(workerId, sessionId);
    const lw = this.workers.get(workerId);
    const language: Language = lw && !lw.worker.languages.includes(session.language) ? (lw.worker.languages[0] ?? session.language) : session.language;
    return this.appendEntry(session, 'worker', text, { language, notifyWorker: false });
  }

  /** The worker ends the session with a disposition; wrap-up follows. */
  async endByWorker(workerId: string, sessionId: string, disposition: Disposition, notes?: string): Promise<SessionView> {
    const session = await this.workerSession(workerId, sessionId);
    const ended = await this.finish(session, disposition, `worker:${workerId}`, notes);
    return ended;
  }

  private async finish(session: SessionView, disposition: string, actor: string, notes?: string): Promise<SessionView> {
    const now = this.now();
    if (session.state !== 'ended') await this.appendEntry(session, 'system', notice('sessionEnded', session.language), { notifyDevice: actor.startsWith('worker:') });
    const ended = await this.o.store.endSession(session.id, now, disposition);
    if (!ended) return (await this.o.store.getSession(session.id)) ?? session;
    this.router.removeTask(session.id);
    this.robot.end(session.id);
    this.o.media.closeRoom(session.id);
    this.intakeMemory.delete(session.id);
    this.assistLatest.delete(session.id);
    await this.o.store.recordEvent(session.id, 'ended', actor, { disposition, ...(notes ? { notes } : {}) }, now);
    this.log.info({ sessionId: session.id, disposition, actor }, 'session ended');
    this.o.notifier.toDevice(session.deviceId, 'session:update', ended);
    if (session.state === 'in_call') this.o.notifier.toDevice(session.deviceId, 'call:ended', { sessionId: session.id, disposition });
    this.tasks.delete(session.id);
    this.handoffs.delete(session.id);
    this.supervision.ended(session.id);
    this.supervision.changed();
    for (const [id, d] of this.directed) if (d.offer.sessionId === session.id) this.closeDirected(id, 'unavailable');
    if (session.workerId) {
      this.o.notifier.toWorker(session.workerId, 'session:update', ended);
      this.releaseWorker(session.workerId);
    }
    void this.broadcastDevice(session.deviceId);
    return ended;
  }

  // --- speech --------------------------------------------------------------------------

  /** What this orchestrator offers devices and consoles (never pretend). */
  capabilities(): Capabilities {
    const t = this.o.translator?.id;
    return {
      speechInput: !!this.o.speech,
      speechOutput: this.o.speech ? 'provider' : 'browser',
      translation: t === 'azure' ? 'azure' : t ? 'llm' : 'none',
    };
  }

  private async transcribe(audio: Uint8Array, mimeType: string, hint: Language): Promise<{ text: string; language: Language }> {
    if (!this.o.speech) throw new OrchestratorError('unavailable', 'speech recognition is not configured on this orchestrator; type instead');
    let r;
    try {
      r = await this.o.speech.transcribe(audio, mimeType.split(';')[0]!.trim(), hint);
    } catch (err) {
      this.log.warn({ err }, 'transcription failed');
      throw new OrchestratorError('unavailable', 'speech recognition failed; please try again or type');
    }
    if (!r.text.trim()) throw new OrchestratorError('bad_request', 'audio: no speech recognised');
    return { text: r.text.trim().slice(0, 1000), language: r.language ?? hint };
  }

  /** A visitor's spoken utterance: transcribed in the session language, then handled like a typed message. */
  async visitorUtterance(deviceId: string, sessionId: string, audio: Uint8Array, mimeType: string) {
    const session = await this.deviceSession(deviceId, sessionId);
    const { text } = await this.transcribe(audio, mimeType, session.language);
    return this.visitorMessage(deviceId, sessionId, text);
  }

  /** A worker's spoken utterance: transcribed in the worker's language, translated for the visitor. */
  async workerUtterance(workerId: string, sessionId: string, audio: Uint8Array, mimeType: string): Promise<TranscriptEntry> {
    const session = await this.workerSession(workerId, sessionId);
    const worker = this.workers.get(workerId)?.worker;
    const hint = worker && !worker.languages.includes(session.language) ? (worker.languages[0] ?? session.language) : session.language;
    const { text, language } = await this.transcribe(audio, mimeType, hint);
    return this.appendEntry(session, 'worker', text, { language, notifyWorker: false });
  }

  /** Synthesizes an assistant line for the kiosk (provider voice). */
  async synthesize(text: string, language: Language): Promise<{ audio: Uint8Array; mimeType: string }> {
    if (!this.o.speech) throw new OrchestratorError('unavailable', 'speech synthesis is not configured; use the browser voice');
    try {
      return await this.o.speech.synthesize(text, language);
    } catch (err) {
      this.log.warn({ err }, 'speech synthesis failed');
      throw new OrchestratorError('unavailable', 'speech synthesis failed; use the browser voice');
    }
  }

  // --- agent assist --------------------------------------------------------------------

  private async runAssist(session: SessionView, entry: TranscriptEntry): Promise<void> {
    const assist = this.o.assist;
    const workerId = session.workerId;
    if (!assist || !workerId) return;
    const worker = this.workers.get(workerId)?.worker;
    try {
      const suggestions = await assist.suggest(entry.text, entry.language, worker?.languages ?? [session.language]);
      const update: AssistUpdate = { sessionId: session.id, entryId: entry.id, suggestions };
      this.assistLatest.set(session.id, update);
      this.o.notifier.toWorker(workerId, 'assist:update', update);
    } catch (err) {
      this.log.warn({ err, sessionId: session.id }, 'agent assist failed');
    }
  }

  /** Latest suggestions of a session assigned to `workerId`. */
  async latestAssist(workerId: string, sessionId: string): Promise<AssistUpdate | null> {
    await this.workerSession(workerId, sessionId);
    return this.assistLatest.get(sessionId) ?? null;
  }

  // --- media ---------------------------------------------------------------------------

  /** The media room of an in-call session, for an authorised peer. */
  /** The media room of an in-call session for an authorised peer, and the role it joins as (`monitor` for a supervisor watching). */
  async mediaRoom(actor: { role: PeerRole; id: string }, sessionId: string): Promise<{ room: MediaRoom; role: PeerRole }> {
    let session: SessionView;
    let role = actor.role;
    if (actor.role === 'kiosk') session = await this.deviceSession(actor.id, sessionId);
    else if (this.supervision.isMonitoring(actor.id, sessionId)) {
      session = (await this.o.store.getSession(sessionId)) ?? (() => { throw SessionError.notFound(sessionId); })();
      role = 'monitor';
    } else session = await this.workerSession(actor.id, sessionId);
    if (session.state !== 'in_call') throw SessionError.wrongState(sessionId, session.state, 'join media');
    const room = await this.o.media.room(sessionId);
    room.canProduce = (r) => r !== 'monitor' || this.supervision.monitorsOf(sessionId).some((id) => this.supervision.hasBarged(id, sessionId));
    // Tell every other peer of a session about a producer: kiosk, worker and monitoring supervisors.
    const others = (from: PeerRole) => ({
      device: from !== 'kiosk',
      workers: [...(from !== 'worker' && session.workerId ? [session.workerId] : []), ...(from !== 'monitor' ? this.supervision.monitorsOf(sessionId) : [])],
    });
    room.onProducerAdded = (info) => {
      const o = others(info.peerRole);
      if (o.device) this.o.notifier.toDevice(session.deviceId, 'media:producer-added', { sessionId, ...info });
      for (const w of o.workers) this.o.notifier.toWorker(w, 'media:producer-added', { sessionId, ...info });
    };
    room.onProducerClosed = (producerId, from) => {
      const o = others(from);
      if (o.device) this.o.notifier.toDevice(session.deviceId, 'media:producer-closed', { sessionId, producerId });
      for (const w of o.workers) this.o.notifier.toWorker(w, 'media:producer-closed', { sessionId, producerId });
    };
    return { room, role };
  }

  /** A supervisor starts monitoring a call: returns the call's context (handoff and transcript). */
  async monitorCall(supervisorId: string, sessionId: string): Promise<Assignment> {
    const session = await this.supervision.monitor(supervisorId, sessionId);
    await this.o.store.recordEvent(sessionId, 'monitored', `worker:${supervisorId}`, {}, this.now());
    return this.assignment(session);
  }

  /** A supervisor stops monitoring; the monitor's media closes when no supervisor is left watching. */
  stopMonitoring(supervisorId: string, sessionId: string): void {
    this.supervision.leave(supervisorId, sessionId);
    if (this.supervision.monitorsOf(sessionId).length === 0) this.o.media.existingRoom(sessionId)?.closePeer('monitor');
  }

  /** A monitoring supervisor barges in. */
  async bargeIn(supervisorId: string, sessionId: string): Promise<void> {
    this.supervision.bargeIn(supervisorId, sessionId);
    await this.o.store.recordEvent(sessionId, 'barged_in', `worker:${supervisorId}`, {}, this.now());
  }

  /** A supervisor who barged in posts a message to the visitor (and the worker sees it). */
  async supervisorMessage(supervisorId: string, sessionId: string, text: string): Promise<TranscriptEntry> {
    if (!this.supervision.hasBarged(supervisorId, sessionId)) throw AuthError.forbidden('barge in before posting into the call');
    const session = await this.o.store.getSession(sessionId);
    if (!session || session.state !== 'in_call') throw SessionError.notFound(sessionId);
    const sup = this.workers.get(supervisorId)?.worker;
    const language: Language = sup && !sup.languages.includes(session.language) ? (sup.languages[0] ?? session.language) : session.language;
    return this.appendEntry(session, 'supervisor', text, { language });
  }

  /** Supervisor: offer a waiting visitor to a specific worker now. */
  async reassign(supervisorId: string, sessionId: string, toWorkerId: string): Promise<void> {
    const session = await this.o.store.getSession(sessionId);
    if (!session || session.state !== 'queued') throw SessionError.wrongState(sessionId, session?.state ?? 'unknown', 'reassign');
    const target = this.workers.get(toWorkerId);
    if (!target || target.worker.role === 'staff' || target.state === 'busy') throw new OrchestratorError('conflict', `toWorkerId: ${toWorkerId} cannot take a visitor now`);
    const handoff = await this.o.store.latestHandoff(sessionId);
    if (!handoff) throw SessionError.notFound(sessionId);
    const offerId = randomUUID();
    const sup = this.workers.get(supervisorId)?.worker;
    const offer: Offer = {
      id: offerId,
      sessionId,
      workerId: toWorkerId,
      expiresAt: new Date(this.o.clock.now() + this.o.offerTimeoutMs).toISOString(),
      handoff: { ...handoff, transcript: await this.o.store.transcript(sessionId) },
      transfer: { fromWorkerId: supervisorId, fromName: sup?.displayName ?? supervisorId, note: 'Assigned by a supervisor' },
    };
    const timer = this.o.clock.setTimeout(() => this.closeDirected(offerId, 'timeout'), this.o.offerTimeoutMs);
    this.directed.set(offerId, { offer, fromWorkerId: supervisorId, timer });
    await this.o.store.recordEvent(sessionId, 'reassigned', `worker:${supervisorId}`, { toWorkerId, offerId }, this.now());
    this.o.notifier.toWorker(toWorkerId, 'offer:new', offer);
  }

  // --- helpers -------------------------------------------------------------------------

  private async assignment(session: SessionView): Promise<Assignment> {
    const handoff = await this.o.store.latestHandoff(session.id);
    if (!handoff) throw SessionError.notFound(session.id);
    return { session, handoff: { ...handoff, owner: session.workerId ?? handoff.owner }, transcript: await this.o.store.transcript(session.id) };
  }

  private async deviceSession(deviceId: string, sessionId: string): Promise<SessionView> {
    const s = await this.o.store.getSession(sessionId);
    if (!s || s.deviceId !== deviceId) throw SessionError.notFound(sessionId);
    return s;
  }

  private async workerSession(workerId: string, sessionId: string): Promise<SessionView> {
    const s = await this.o.store.getSession(sessionId);
    if (!s || s.workerId !== workerId) throw SessionError.notFound(sessionId);
    if (s.state !== 'in_call') throw SessionError.wrongState(sessionId, s.state, 'act on it');
    return s;
  }

  private appendEntry(
    session: SessionView,
    speaker: TranscriptEntry['speaker'],
    text: string,
    opts: { language?: Language; notifyDevice?: boolean; notifyWorker?: boolean } = {},
  ): Promise<TranscriptEntry> {
    return this.transcripts.append(session, speaker, text, opts);
  }

  private translateBacklog(session: SessionView, worker: StoredWorker): Promise<void> {
    return this.transcripts.translateBacklog(session, worker.languages);
  }

  /** Stops timers; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
    this.fleet.close();
    this.supervision.close();
    for (const t of this.lostTimers.values()) this.o.clock.clearTimeout(t);
    for (const d of this.directed.values()) this.o.clock.clearTimeout(d.timer);
    for (const lw of this.workers.values()) if (lw.wrapUpTimer) this.o.clock.clearTimeout(lw.wrapUpTimer);
  }
}
