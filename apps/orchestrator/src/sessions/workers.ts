import { servesVisitors, type Language, type WorkerState, type WorkerView } from '@telekiosk/shared';
import { AuthError, SessionError } from '../errors.ts';
import type { StoredWorker } from '../db/store.ts';
import type { StoredWorkerPresence } from '../routing/store.ts';
import type { WorkerSnapshot } from '../routing/types.ts';
import { DEAD_AFTER_MS } from '../cluster/nodes.ts';
import type { SessionContext } from './context.ts';

/** Default reconnect grace of a worker (ms). */
export const DEFAULT_WORKER_GRACE_MS = 15_000;

interface LiveWorker {
  worker: StoredWorker;
  /** Sockets of this user on this node. */
  sockets: Set<string>;
}

/**
 * Console users' presence. Each node records the sockets it holds (`connections`, so every node
 * knows who is connected anywhere); routing (on the leader) holds the chosen and derived state.
 * A user whose last socket anywhere drops keeps their chosen state if they come back within the
 * grace; a call they held is requeued at the head of its queue when the grace runs out. The
 * grace counts from the drop, which is stored, so a restart does not restart it; users who were
 * connected when the orchestrator stopped (or whose node died) get the grace from then on.
 */
export class WorkerPresence {
  private readonly live = new Map<string, LiveWorker>();
  /** Reconnect grace timers, by worker id. */
  private readonly grace = new Map<string, unknown>();
  /** Connects and disconnects of one worker run in order on this node. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly ctx: SessionContext) {}

  private get graceMs(): number {
    return this.ctx.options.reconnectGraceMs ?? DEFAULT_WORKER_GRACE_MS;
  }

  /**
   * On becoming the routing leader: users who were connected when routing stopped get the grace
   * from now (unless they are connected on a live node); users who had dropped with a call still
   * assigned keep the rest of their grace (requeued at once if it ran out).
   */
  async restore(workers: StoredWorkerPresence[]): Promise<void> {
    const now = this.ctx.clock.now();
    const connected = new Set(await this.ctx.store.cluster.connectedSubjects('console', DEAD_AFTER_MS));
    for (const w of workers) {
      if (w.connected && !connected.has(w.workerId)) this.armGrace(w.workerId, this.graceMs);
    }
    const calls = (await this.ctx.store.activeSessions()).filter((s) => s.state === 'in_call' && s.workerId);
    for (const s of calls) {
      const w = workers.find((x) => x.workerId === s.workerId);
      if (w?.connected || connected.has(s.workerId!) || this.grace.has(s.workerId!)) continue;
      const droppedAt = w?.disconnectedAt ?? now;
      this.armGrace(s.workerId!, Math.max(0, droppedAt + this.graceMs - now));
    }
  }

  /** A console socket of `worker` connected to this node. */
  connected(worker: StoredWorker, socketId: string): Promise<void> {
    return this.serial(worker.id, async () => {
      await this.ctx.store.cluster.addConnection({ socketId, nodeId: this.ctx.nodeId, kind: 'console', subjectId: worker.id, at: this.ctx.now() });
      const lw = this.live.get(worker.id);
      if (lw) {
        lw.sockets.add(socketId);
        return;
      }
      this.live.set(worker.id, { worker, sockets: new Set([socketId]) });
      const resume = this.clearGrace(worker.id) || (await this.ctx.store.cluster.liveConnections('console', worker.id, DEAD_AFTER_MS, socketId)) > 0;
      if (servesVisitors(worker.role)) {
        await this.ctx.routing.workerOnline({ id: worker.id, languages: worker.languages, ...(worker.departments ? { departments: worker.departments } : {}), ...(worker.level !== undefined ? { level: worker.level } : {}) }, resume);
      }
      this.ctx.supervision.changed();
    });
  }

  /** A console socket of `workerId` on this node closed. */
  disconnected(workerId: string, socketId: string): Promise<void> {
    return this.serial(workerId, async () => {
      await this.ctx.store.cluster.removeConnection(socketId);
      const lw = this.live.get(workerId);
      if (!lw || this.ctx.closed) return;
      lw.sockets.delete(socketId);
      if (lw.sockets.size > 0) return;
      this.live.delete(workerId);
      // Still connected through another node: nothing changes.
      if ((await this.ctx.store.cluster.liveConnections('console', workerId, DEAD_AFTER_MS)) > 0) return;
      if (servesVisitors(lw.worker.role)) await this.ctx.routing.workerOffline(workerId);
      this.armGrace(workerId, this.graceMs);
      this.ctx.supervision.changed();
    });
  }

  /** A user's sockets were on a node that died (the leader's sweeper found them): as a drop at that moment. */
  async droppedWithNode(workerId: string): Promise<void> {
    if ((await this.ctx.store.cluster.liveConnections('console', workerId, DEAD_AFTER_MS)) > 0) return;
    const w = await this.ctx.profile(workerId);
    if (w && servesVisitors(w.role)) await this.ctx.routing.workerOffline(workerId);
    this.armGrace(workerId, this.graceMs);
    this.ctx.supervision.changed();
  }

  /** The worker chose `available` or `away`. Refused for staff and during a call. */
  async setState(workerId: string, state: 'available' | 'away'): Promise<WorkerView> {
    const lw = this.live.get(workerId);
    if (!lw) throw AuthError.forbidden('not connected');
    if (!servesVisitors(lw.worker.role)) throw AuthError.forbidden(`the ${lw.worker.role} role does not take sessions`);
    if ((await this.ctx.routing.worker(workerId))?.state === 'busy') throw SessionError.wrongState('-', 'busy', `set state ${state} during a call`);
    const snap = await this.ctx.routing.setPresence(workerId, state, state === 'away' ? 'other' : undefined);
    return this.viewOf(lw.worker, snap?.state ?? 'away', snap?.awayReason ?? null);
  }

  /** Routing (on the leader) reported a state change: tell the worker and the supervisors. */
  onRoutingState(w: WorkerSnapshot): void {
    this.ctx.background('worker state push', async () => {
      const profile = await this.ctx.profile(w.id);
      if (profile) this.ctx.notifier.toWorker(w.id, 'worker:update', this.viewOf(profile, w.state, w.awayReason));
    });
    this.ctx.supervision.changed();
    this.ctx.log.info({ workerId: w.id, state: w.state, awayReason: w.awayReason }, 'worker state');
  }

  // --- reads ---------------------------------------------------------------------------

  private viewOf(w: StoredWorker, state: WorkerState, awayReason: string | null): WorkerView {
    return { id: w.id, username: w.username, displayName: w.displayName, role: w.role, languages: w.languages, state, awayReason: state === 'away' ? awayReason : null };
  }

  /** A connected user as others see them (state from routing), or undefined when not connected anywhere. */
  async view(workerId: string): Promise<WorkerView | undefined> {
    const local = this.live.get(workerId)?.worker;
    const w = local ?? ((await this.ctx.store.cluster.liveConnections('console', workerId, DEAD_AFTER_MS)) > 0 ? await this.ctx.profile(workerId) : undefined);
    if (!w) return undefined;
    if (!servesVisitors(w.role)) return this.viewOf(w, 'away', null);
    const r = await this.ctx.routing.worker(workerId);
    return this.viewOf(w, r?.state ?? 'away', r?.awayReason ?? null);
  }

  /** Every connected console user (any node), with the state routing last reported. */
  async views(): Promise<WorkerView[]> {
    const ids = await this.ctx.store.cluster.connectedSubjects('console', DEAD_AFTER_MS);
    const states = await this.ctx.store.presenceStates(ids);
    const out: WorkerView[] = [];
    for (const id of ids) {
      const w = this.live.get(id)?.worker ?? (await this.ctx.profile(id));
      if (!w) continue;
      const leader = this.ctx.leader?.worker(id);
      const p = states.get(id);
      const state = (!servesVisitors(w.role) ? 'away' : (leader?.state ?? p?.state ?? 'away')) as WorkerState;
      out.push(this.viewOf(w, state === 'offline' ? 'away' : state, leader?.awayReason ?? p?.awayReason ?? null));
    }
    return out;
  }
  /** Connected colleagues who take visitors (for a warm transfer). */
  async colleagues(): Promise<WorkerView[]> {
    return (await this.views()).filter((w) => servesVisitors(w.role));
  }
  /** The stored profile of a user connected to this node. */
  local(workerId: string): StoredWorker | undefined {
    return this.live.get(workerId)?.worker;
  }
  /** Whether a user has a socket on a live node. */
  async isConnected(workerId: string): Promise<boolean> {
    return this.live.has(workerId) || (await this.ctx.store.cluster.liveConnections('console', workerId, DEAD_AFTER_MS)) > 0;
  }
  /** Languages of a user, in preference order. */
  languagesOf(workerId: string): Promise<Language[] | undefined> {
    return this.ctx.languagesOf(workerId);
  }
  /** Connected console users per state (for /metrics). */
  async stateCounts(): Promise<Partial<Record<WorkerState, number>>> {
    const out: Partial<Record<WorkerState, number>> = {};
    for (const v of await this.views()) out[v.state] = (out[v.state] ?? 0) + 1;
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
    if (this.ctx.closed || (await this.isConnected(workerId))) return;
    // Restored as connected after a restart and never came back: leave routing.
    if (await this.ctx.routing.worker(workerId)) await this.ctx.routing.workerOffline(workerId);
    const calls = (await this.ctx.store.activeSessions()).filter((s) => s.workerId === workerId && s.state === 'in_call');
    for (const s of calls) await this.ctx.transfers.requeueAfterWorkerLoss(s.id, workerId);
  }

  private serial(workerId: string, fn: () => Promise<void>): Promise<void> {
    const run = (this.chains.get(workerId) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    this.chains.set(workerId, tail);
    void tail.then(() => {
      if (this.chains.get(workerId) === tail) this.chains.delete(workerId);
    });
    return run;
  }
}
