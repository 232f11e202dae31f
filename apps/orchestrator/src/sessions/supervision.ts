import type { SessionView, SupervisorSnapshot, WorkerView } from '@telekiosk/shared';

type QueueItem = SupervisorSnapshot['queue'][number];
type LiveCall = SupervisorSnapshot['calls'][number];
import type { Store } from '../db/store.ts';
import { AuthError, SessionError } from '../errors.ts';
import type { Clock } from '../routing/types.ts';

/** What supervision reads from the session service. */
export interface SupervisionHost {
  store: Store;
  clock: Clock;
  /** Connected console users. */
  workerViews(): WorkerView[];
  /** Queued session ids in routing order, with their queue status and task. */
  queued(): { sessionId: string; offered: boolean; priority: number; department: string | null }[];
  /** Sends to every connected supervisor. */
  toSupervisors(event: string, payload: unknown): void;
  /** Connected supervisors (no snapshot is built when nobody watches). */
  supervisorCount(): number;
  /** A snapshot push failed (logged by the host). */
  onError(err: unknown): void;
}

/** Minimum interval between two `supervisor:update` pushes (ms). */
export const SUPERVISOR_UPDATE_MS = 1000;

/**
 * Supervisor tools: a live snapshot of queues, workers and calls (pushed at most once per
 * second on changes), call monitoring (listen and watch only) and barge-in.
 */
export class Supervision {
  /** sessionId -> supervisors monitoring it. */
  private readonly monitors = new Map<string, Set<string>>();
  /** `${sessionId}:${supervisorId}` of supervisors who barged in (may speak and post). */
  private readonly barged = new Set<string>();
  private pending: unknown = null;
  private closed = false;

  constructor(private readonly host: SupervisionHost) {}

  /** Builds the snapshot from the database and the router. */
  async snapshot(): Promise<SupervisorSnapshot> {
    const now = this.host.clock.now();
    const active = await this.host.store.activeSessions();
    const devices = new Map((await this.host.store.listDevices()).map((d) => [d.id, d.name]));
    const workers = this.host.workerViews();
    const names = new Map(workers.map((w) => [w.id, w.displayName]));
    const byId = new Map(active.map((s) => [s.id, s]));
    const queue: QueueItem[] = [];
    for (const q of this.host.queued()) {
      const s = byId.get(q.sessionId);
      if (!s) continue;
      queue.push({
        sessionId: s.id,
        deviceId: s.deviceId,
        deviceName: devices.get(s.deviceId) ?? s.deviceId,
        language: s.language,
        department: q.department ?? 'general',
        priority: q.priority,
        waitingMs: Math.max(0, now - Date.parse(s.escalatedAt ?? s.createdAt)),
        offered: q.offered,
      });
    }
    const calls: LiveCall[] = active
      .filter((s): s is SessionView & { workerId: string } => s.state === 'in_call' && !!s.workerId)
      .map((s) => ({
        sessionId: s.id,
        deviceId: s.deviceId,
        deviceName: devices.get(s.deviceId) ?? s.deviceId,
        workerId: s.workerId,
        workerName: names.get(s.workerId) ?? s.workerId,
        language: s.language,
        sinceMs: Math.max(0, now - Date.parse(s.escalatedAt ?? s.createdAt)),
      }));
    return { queue, workers, calls };
  }

  /** Something changed: push a fresh snapshot soon (coalesced). */
  changed(): void {
    if (this.closed || this.pending) return;
    this.pending = this.host.clock.setTimeout(() => {
      this.pending = null;
      if (this.closed || this.host.supervisorCount() === 0) return;
      void this.snapshot()
        .then((s) => this.host.toSupervisors('supervisor:update', s))
        .catch((err: unknown) => this.host.onError(err));
    }, SUPERVISOR_UPDATE_MS);
  }

  /** A supervisor starts monitoring an in-call session. @throws when the session is not in a call. */
  async monitor(supervisorId: string, sessionId: string): Promise<SessionView> {
    const s = await this.host.store.getSession(sessionId);
    if (!s) throw SessionError.notFound(sessionId);
    if (s.state !== 'in_call') throw SessionError.wrongState(sessionId, s.state, 'monitor');
    const set = this.monitors.get(sessionId) ?? new Set<string>();
    set.add(supervisorId);
    this.monitors.set(sessionId, set);
    return s;
  }

  /** Whether `supervisorId` monitors `sessionId`. */
  isMonitoring(supervisorId: string, sessionId: string): boolean {
    return this.monitors.get(sessionId)?.has(supervisorId) ?? false;
  }

  /** Supervisors monitoring a session. */
  monitorsOf(sessionId: string): string[] {
    return [...(this.monitors.get(sessionId) ?? [])];
  }

  /** Barge in: the monitoring supervisor may now speak and post. */
  bargeIn(supervisorId: string, sessionId: string): void {
    if (!this.isMonitoring(supervisorId, sessionId)) throw AuthError.forbidden('barge-in: monitor the call first');
    this.barged.add(`${sessionId}:${supervisorId}`);
  }

  hasBarged(supervisorId: string, sessionId: string): boolean {
    return this.barged.has(`${sessionId}:${supervisorId}`);
  }

  leave(supervisorId: string, sessionId: string): void {
    this.monitors.get(sessionId)?.delete(supervisorId);
    this.barged.delete(`${sessionId}:${supervisorId}`);
  }

  /** The session ended: forget its monitors. */
  ended(sessionId: string): void {
    for (const id of this.monitors.get(sessionId) ?? []) this.barged.delete(`${sessionId}:${id}`);
    this.monitors.delete(sessionId);
  }

  close(): void {
    this.closed = true;
    if (this.pending) this.host.clock.clearTimeout(this.pending);
  }
}
