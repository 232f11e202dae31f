import type { HandoffPackage, Language, SessionView, TranscriptEntry } from '@telekiosk/shared';
import { SessionError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../db/store.ts';
import type { MediaServer } from '../media/mediaServer.ts';
import type { RoutingService } from '../routing/service.ts';
import type { RoutingPort } from '../routing/port.ts';
import type { StoredWorker } from '../db/store.ts';
import type { Clock } from '../routing/types.ts';
import type { FleetService } from '../fleet/fleetService.ts';
import type { Notifier, SessionServiceOptions } from './ports.ts';
import type { RobotControl } from './robotControl.ts';
import type { Supervision } from './supervision.ts';
import type { TranscriptWriter } from './transcriptWriter.ts';
import type { WorkerPresence } from './workers.ts';
import type { DevicePresence } from './devices.ts';
import type { SessionLifecycle } from './lifecycle.ts';
import type { Escalation } from './escalation.ts';
import type { OfferDesk } from './offers.ts';
import type { Transfers } from './transfers.ts';
import type { Calls } from './calls.ts';
import type { MediaRouter } from '../cluster/mediaRouter.ts';
import type { Consults } from './consults.ts';

/** How long a console user's profile is cached (ms). */
export const PROFILE_TTL_MS = 30_000;

/**
 * What the session core's use-case modules share: the ports, the stores, the routing service
 * and each other (wired once by `SessionService`). Holds no session state of its own beyond
 * the handoff cache; state lives in the database and the routing service.
 */
export class SessionContext {
  readonly store: Store;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly log: Logger;
  readonly media: MediaServer;
  /** This process's node id (unique per start). */
  readonly nodeId: string;
  /** Routing, wherever it runs (this node when it leads, else the leader over RPC). */
  routing!: RoutingPort;
  /** The routing engine when this node is the routing leader, else null. */
  leader: RoutingService | null = null;
  // Wired by SessionService (constructed after the context).
  transcripts!: TranscriptWriter;
  robot!: RobotControl;
  fleet!: FleetService;
  supervision!: Supervision;
  workers!: WorkerPresence;
  devices!: DevicePresence;
  lifecycle!: SessionLifecycle;
  escalation!: Escalation;
  offers!: OfferDesk;
  transfers!: Transfers;
  calls!: Calls;
  consults!: Consults;
  mediaRouter!: MediaRouter;
  /** Handoff packages of escalated sessions until they end (offers go out without a database read). */
  readonly handoffs = new Map<string, HandoffPackage>();
  /** Set by `close()`: timers and pushes stop. */
  closed = false;

  constructor(readonly options: SessionServiceOptions) {
    this.nodeId = options.nodeId ?? 'local';
    this.store = options.store;
    this.notifier = options.notifier;
    this.clock = options.clock;
    this.log = options.logger.child({ module: 'sessions' });
    this.media = options.media;
  }

  now(): Date {
    return new Date(this.clock.now());
  }

  /** The session of `sessionId` if it belongs to `deviceId`. @throws SessionError `not_found`. */
  async deviceSession(deviceId: string, sessionId: string): Promise<SessionView> {
    const s = await this.store.getSession(sessionId);
    if (!s || s.deviceId !== deviceId) throw SessionError.notFound(sessionId);
    return s;
  }

  /** The in-call session of `sessionId` if `workerId` holds it. @throws SessionError `not_found` / `conflict`. */
  async workerSession(workerId: string, sessionId: string): Promise<SessionView> {
    const s = await this.store.getSession(sessionId);
    if (!s || s.workerId !== workerId) throw SessionError.notFound(sessionId);
    if (s.state !== 'in_call') throw SessionError.wrongState(sessionId, s.state, 'act on it');
    return s;
  }

  /** Appends a transcript line (translated for the other party, pushed to whom it concerns). */
  append(session: SessionView, speaker: TranscriptEntry['speaker'], text: string, opts: { language?: Language; notifyDevice?: boolean; notifyWorker?: boolean; clientId?: string } = {}): Promise<TranscriptEntry> {
    return this.transcripts.append(session, speaker, text, opts);
  }

  /** Writes an audit event and waits for it. @throws the store's error. */
  record(sessionId: string, type: string, actor: string, data: Record<string, unknown> = {}): Promise<void> {
    return this.store.recordEvent(sessionId, type, actor, data, this.now());
  }

  /** Writes an audit event without waiting; a failure is logged with the event (never dropped silently). */
  recordLater(sessionId: string, type: string, actor: string, data: Record<string, unknown> = {}): void {
    this.record(sessionId, type, actor, data).catch((err: unknown) => this.log.error({ err, sessionId, type }, 'audit event could not be stored'));
  }

  /** The current handoff package of a session (cache, else database). */
  async handoff(sessionId: string): Promise<HandoffPackage | undefined> {
    const cached = this.handoffs.get(sessionId);
    if (cached) return cached;
    const stored = await this.store.latestHandoff(sessionId);
    if (stored) this.handoffs.set(sessionId, stored);
    return stored;
  }

  /** Console users' stored profiles (cached for {@link PROFILE_TTL_MS}; any node may need anyone's). */
  private readonly profiles = new Map<string, { w: StoredWorker | undefined; at: number }>();
  async profile(workerId: string): Promise<StoredWorker | undefined> {
    const c = this.profiles.get(workerId);
    if (c && Date.now() - c.at < PROFILE_TTL_MS) return c.w;
    const w = await this.store.getWorker(workerId);
    this.profiles.set(workerId, { w, at: Date.now() });
    return w;
  }
  /** Languages of a console user, in preference order (from the cached profile). */
  async languagesOf(workerId: string) {
    return (await this.profile(workerId))?.languages;
  }

  /** Runs `fn` later and logs its failure with `what` (for work after a response has been sent). */
  background(what: string, fn: () => Promise<unknown>, extra: Record<string, unknown> = {}): void {
    fn().catch((err: unknown) => {
      if (!this.closed) this.log.error({ err, ...extra }, `${what} failed`);
    });
  }
}
