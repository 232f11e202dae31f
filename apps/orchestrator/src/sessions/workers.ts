import type { Language, WorkerState, WorkerView } from '@telekiosk/shared';
import { AuthError, SessionError } from '../errors.ts';
import type { StoredWorker } from '../db/store.ts';
import type { StoredWorkerPresence } from '../routing/store.ts';
import type { WorkerSnapshot } from '../routing/types.ts';
import type { SessionContext } from './context.ts';

/** Default reconnect grace of a worker (ms). */
export const DEFAULT_WORKER_GRACE_MS = 15_000;

interface LiveWorker {
  worker: StoredWorker;
  connections: number;
}

/**
 * Console users' presence: who is connected (any number of sockets per user), their routing
 * state (from the routing service, persisted there), and the reconnect grace. A worker whose
 * last socket drops keeps their chosen state if they come back within the grace; a call they
 * held is requeued at the head of its queue when the grace runs out. The grace counts from the
 * drop, which is stored, so a restart does not restart it; workers who were connected when the
 * orchestrator stopped get the grace from the restart.
 */
export class WorkerPresence {
  private readonly live = new Map<string, LiveWorker>();
  /** Reconnect grace timers, by worker id. */
  private readonly grace = new Map<string, unknown>();
  /** Connects and disconnects of one worker run in order. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly ctx: SessionContext) {}

  private get graceMs(): number {
    return this.ctx.options.reconnectGraceMs ?? DEFAULT_WORKER_GRACE_MS;
  }

  /**
   * After a restart: workers who were connected get the grace from now; workers who had dropped
   * with a call still assigned keep the rest of their grace (requeued at once if it ran out).
   */
  async restore(workers: StoredWorkerPresence[]): Promise<void> {
    const now = this.ctx.clock.now();
    for (const w of workers) {
      if (w.connected) this.armGrace(w.workerId, this.graceMs);
    }
    const calls = (await this.ctx.store.activeSessions()).filter((s) => s.state === 'in_call' && s.workerId);
    for (const s of calls) {
      const w = workers.find((x) => x.workerId === s.workerId);
      if (w?.connected || this.grace.has(s.workerId!)) continue;
      const droppedAt = w?.disconnectedAt ?? now;
      this.armGrace(s.workerId!, Math.max(0, droppedAt + this.graceMs - now));
    }
  }

  /** A console socket of `worker` connected. */
  connected(worker: StoredWorker): Promise<void> {
    return this.serial(worker.id, async () => {
      const lw = this.live.get(worker.id);
      if (lw) {
        lw.connections++;
        return;
      }
      this.live.set(worker.id, { worker, connections: 1 });
      const resume = this.clearGrace(worker.id);
      if (worker.role !== 'staff') {
        await this.ctx.routing.workerOnline({ id: worker.id, languages: worker.languages, ...(worker.departments ? { departments: worker.departments } : {}), ...(worker.level !== undefined ? { level: worker.level } : {}) }, resume);
      }
      this.ctx.supervision.changed();
    });
  }

  /** A console socket of `workerId` closed. */
  disconnected(workerId: string): Promise<void> {
    return this.serial(workerId, async () => {
      const lw = this.live.get(workerId);
      if (!lw || this.ctx.closed) return;
      lw.connections--;
      if (lw.connections > 0) return;
      this.live.delete(workerId);
      if (lw.worker.role !== 'staff') await this.ctx.routing.workerOffline(workerId);
      this.armGrace(workerId, this.graceMs);
      this.ctx.supervision.changed();
    });
  }

  /** The worker chose `available` or `away`. Refused for staff and during a call. */
  async setState(workerId: string, state: 'available' | 'away'): Promise<WorkerView> {
    const lw = this.live.get(workerId);
    if (!lw) throw AuthError.forbidden('not connected');
    if (lw.worker.role === 'staff') throw AuthError.forbidden('facility staff do not take sessions');
    if (this.ctx.routing.worker(workerId)?.state === 'busy') throw SessionError.wrongState('-', 'busy', `set state ${state} during a call`);
    await this.ctx.routing.setPresence(workerId, state, state === 'away' ? 'other' : undefined);
    return this.view(workerId)!;
  }

  /** Routing reported a state change: tell the worker and the supervisors. */
  onRoutingState(w: WorkerSnapshot): void {
    const view = this.view(w.id);
    if (view) this.ctx.notifier.toWorker(w.id, 'worker:update', view);
    this.ctx.supervision.changed();
    this.ctx.log.info({ workerId: w.id, state: w.state, awayReason: w.awayReason }, 'worker state');
  }

  // --- reads ---------------------------------------------------------------------------

  /** The worker as others see them, or undefined when not connected. */
  view(workerId: string): WorkerView | undefined {
    const lw = this.live.get(workerId);
    if (!lw) return undefined;
    const r = this.ctx.routing.worker(workerId);
    const state: WorkerState = r ? r.state : 'away';
    return { id: lw.worker.id, username: lw.worker.username, displayName: lw.worker.displayName, role: lw.worker.role, languages: lw.worker.languages, state, awayReason: state === 'away' ? (r?.awayReason ?? null) : null };
  }
  /** Every connected console user. */
  views(): WorkerView[] {
    return [...this.live.keys()].map((id) => this.view(id)!);
  }
  /** Connected colleagues who take visitors (for a warm transfer). */
  colleagues(): WorkerView[] {
    return this.views().filter((w) => w.role !== 'staff');
  }
  /** The stored profile of a connected user. */
  profile(workerId: string): StoredWorker | undefined {
    return this.live.get(workerId)?.worker;
  }
  isConnected(workerId: string): boolean {
    return this.live.has(workerId);
  }
  /** Languages of a connected worker, in preference order. */
  languagesOf(workerId: string): Language[] | undefined {
    return this.live.get(workerId)?.worker.languages;
  }
  /** Connected supervisors' ids. */
  supervisorIds(): string[] {
    return [...this.live.values()].filter((l) => l.worker.role === 'supervisor').map((l) => l.worker.id);
  }
  /** Connected console users per state (for /metrics). */
  stateCounts(): Partial<Record<WorkerState, number>> {
    const out: Partial<Record<WorkerState, number>> = {};
    for (const v of this.views()) out[v.state] = (out[v.state] ?? 0) + 1;
    return out;
  }

  /** Stops the grace timers; idempotent. */
  close(): void {
    for (const t of this.grace.values()) this.ctx.clock.clearTimeout(t);
    this.grace.clear();
  }

  // --- internals -----------------------------------------------------------------------

  private armGrace(workerId: string, ms: number): void {
    this.clearGrace(workerId);
    this.grace.set(
      workerId,
      this.ctx.clock.setTimeout(() => {
        this.grace.delete(workerId);
        this.ctx.background('worker reconnect grace', () => this.serial(workerId, () => this.lost(workerId)), { workerId });
      }, ms),
    );
  }

  /** Clears a running grace; true when one was running (the worker came back in time). */
  private clearGrace(workerId: string): boolean {
    const t = this.grace.get(workerId);
    if (t === undefined) return false;
    this.ctx.clock.clearTimeout(t);
    this.grace.delete(workerId);
    return true;
  }

  /** The grace ran out: the worker is gone; a call they held goes back to the head of its queue. */
  private async lost(workerId: string): Promise<void> {
    if (this.ctx.closed || this.live.has(workerId)) return;
    // Restored as connected after a restart, never came back: leave routing.
    if (this.ctx.routing.worker(workerId)) await this.ctx.routing.workerOffline(workerId);
    const calls = (await this.ctx.store.activeSessions()).filter((s) => s.workerId === workerId && s.state === 'in_call');
    for (const s of calls) await this.ctx.transfers.requeueAfterWorkerLoss(s.id, workerId);
  }

  private serial(workerId: string, fn: () => Promise<void>): Promise<void> {
    const run = (this.chains.get(workerId) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => {});
    this.chains.set(workerId, tail);
    void tail.then(() => {
      if (this.chains.get(workerId) === tail) this.chains.delete(workerId);
    });
    return run;
  }
}
