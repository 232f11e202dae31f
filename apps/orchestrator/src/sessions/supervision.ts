import type { SessionView, SupervisorSnapshot, WorkerView } from '@telekiosk/shared';
import type { Store } from '../db/store.ts';
import { AuthError, SessionError } from '../errors.ts';
import type { Clock } from '../routing/types.ts';

type QueueItem = SupervisorSnapshot['queue'][number];
type LiveCall = SupervisorSnapshot['calls'][number];

/** What supervision reads from the session core. */
export interface SupervisionHost {
  store: Store;
  clock: Clock;
  /** Connected console users (any node). */
  workerViews(): Promise<WorkerView[]>;
  /** Queued session ids in routing order, with their queue status and task. */
  queued(): Promise<{ sessionId: string; offered: boolean; priority: number; department: string | null }[]>;
  /** Sends to every connected supervisor. */
  toSupervisors(event: string, payload: unknown): void;
  /** True when a supervisor is connected somewhere (no snapshot is built when nobody watches). */
  hasSupervisors(): Promise<boolean>;
  /** A snapshot push failed (logged by the host). */
  onError(err: unknown): void;
}

/** Minimum interval between two `supervisor:update` pushes (ms). */
export const SUPERVISOR_UPDATE_MS = 1000;

/**
 * Supervisor tools: a live snapshot of queues, workers and calls (pushed at most once per
 * second on changes), call monitoring (listen and watch only) and barge-in. Monitors are kept in
 * the database (`call_monitors`), so every node of a cluster sees them.
 */
export class Supervision {
  private pending: unknown = null;
  private closed = false;

  constructor(private readonly host: SupervisionHost) {}

  /** Builds the snapshot from the database and routing. */
  async snapshot(): Promise<SupervisorSnapshot> {
    const now = this.host.clock.now();
    const active = await this.host.store.activeSessions();
    const devices = new Map((await this.host.store.fleet.listDevices()).map((d) => [d.id, d.name]));
    const workers = await this.host.workerViews();
    const names = new Map(workers.map((w) => [w.id, w.displayName]));
    const byId = new Map(active.map((s) => [s.id, s]));
    const queue: QueueItem[] = [];
    for (const q of await this.host.queued()) {
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
      if (this.closed) return;
      void this.host
        .hasSupervisors()
        .then(async (any) => {
          if (any && !this.closed) this.host.toSupervisors('supervisor:update', await this.snapshot());
        })
        .catch((err: unknown) => this.host.onError(err));
    }, SUPERVISOR_UPDATE_MS);
  }

  /** A supervisor starts monitoring an in-call session. @throws when the session is not in a call. */
  async monitor(supervisorId: string, sessionId: string): Promise<SessionView> {
    const s = await this.host.store.getSession(sessionId);
    if (!s) throw SessionError.notFound(sessionId);
    if (s.state !== 'in_call') throw SessionError.wrongState(sessionId, s.state, 'monitor');
    await this.host.store.addMonitor(sessionId, supervisorId, new Date(this.host.clock.now()));
    return s;
  }

  /** Whether `supervisorId` monitors `sessionId`. */
  async isMonitoring(supervisorId: string, sessionId: string): Promise<boolean> {
    return (await this.host.store.monitors(sessionId)).some((m) => m.workerId === supervisorId);
  }

  /** Supervisors monitoring a session. */
  async monitorsOf(sessionId: string): Promise<string[]> {
    return (await this.host.store.monitors(sessionId)).map((m) => m.workerId);
  }

  /** Barge in: the monitoring supervisor may now speak and post. @throws AuthError when not monitoring. */
  async bargeIn(supervisorId: string, sessionId: string): Promise<void> {
    if (!(await this.host.store.setBarged(sessionId, supervisorId))) throw AuthError.forbidden('barge-in: monitor the call first');
  }

  async hasBarged(supervisorId: string, sessionId: string): Promise<boolean> {
    return (await this.host.store.monitors(sessionId)).some((m) => m.workerId === supervisorId && m.barged);
  }

  /** Whether any monitoring supervisor of the call barged in (a monitor peer may then send media). */
  async anyBarged(sessionId: string): Promise<boolean> {
    return (await this.host.store.monitors(sessionId)).some((m) => m.barged);
  }

  async leave(supervisorId: string, sessionId: string): Promise<void> {
    await this.host.store.removeMonitor(sessionId, supervisorId);
  }

  close(): void {
    this.closed = true;
    if (this.pending) this.host.clock.clearTimeout(this.pending);
  }
}
