import type { WorkerState } from '@telekiosk/shared';
import type { TaskRec, WorkerRec } from './matching.ts';
import { effectivePriority, OrderedQueue, orderKey } from './queue.ts';
import {
  DEFAULT_ROUTING_CONFIG,
  type Clock, type Department, type Offer, type RoutingConfig, type RoutingEngineOptions, type RoutingEvents, type TaskSnapshot, type WorkerSnapshot,
} from './types.ts';

/**
 * Offer id marker of a queued task whose offer another process holds (see
 * `RoutingCore.withdrawOffer`): it is not offered here until it enters a queue again.
 */
export const HELD_ELSEWHERE = 'held-elsewhere';

/** An offer with its timeout handle. */
export type OfferRec = Offer & { timer: unknown };

/**
 * State and bookkeeping shared by the engine layers: records, indexes, buffered events,
 * worker slot accounting and wrap-up, queue insertion and fallback timers, snapshots and
 * read-only queries. Routing decisions live in {@link RoutingCore} (core.ts).
 */
export abstract class RoutingBase {
  /** Effective configuration (defaults merged). */
  readonly config: Readonly<RoutingConfig>;
  protected readonly clock: Clock;
  protected readonly newId: () => string;
  protected readonly workersById = new Map<string, WorkerRec>();
  protected readonly tasksById = new Map<string, TaskRec>();
  protected readonly queuesByName = new Map<Department, OrderedQueue>();
  protected readonly offersById = new Map<string, OfferRec>();
  /** Assigned tasks per worker id; kept across removeWorker so a reconnecting worker keeps its load. */
  protected readonly assigned = new Map<string, Set<TaskRec>>();
  /** Workers available with a free slot. */
  protected readonly free = new Set<WorkerRec>();
  /** Average handle time (ms), learnt by EWMA. */
  protected avgHandle: number;
  /** Bumped on every worker change (cache key for counts). */
  protected workerVersion = 0;
  protected closed = false;
  private readonly listeners: Partial<RoutingEvents>;
  protected seq = 0;
  private depth = 0;
  private flushing = false;
  private readonly pending: (() => void)[] = [];
  private readonly dirty = new Set<Department>();

  constructor(opts: RoutingEngineOptions) {
    this.config = Object.freeze({ ...DEFAULT_ROUTING_CONFIG, ...opts.config });
    this.clock = opts.clock;
    this.newId = opts.newId;
    this.listeners = opts.events ?? {};
    this.avgHandle = this.config.avgHandleMs;
  }

  /** The open offer with this id (if `workerId` is given, only when it is theirs). */
  getOffer(offerId: string, workerId?: string): Offer | undefined {
    const o = this.offersById.get(offerId);
    return o && (workerId === undefined || o.workerId === workerId) ? stripOffer(o) : undefined;
  }

  /** Open offers of a worker. */
  offersOf(workerId: string): Offer[] {
    const w = this.workersById.get(workerId);
    return w ? [...w.offers].map((id) => stripOffer(this.offersById.get(id)!)) : [];
  }

  /** All open offers. */
  openOffers(): Offer[] {
    return [...this.offersById.values()].map(stripOffer);
  }

  /** A worker's snapshot. */
  worker(workerId: string): WorkerSnapshot | undefined {
    const w = this.workersById.get(workerId);
    return w && this.workerSnapshot(w);
  }

  /** All workers. */
  workers(): WorkerSnapshot[] {
    return [...this.workersById.values()].map((w) => this.workerSnapshot(w));
  }

  /** A task's snapshot (queued or assigned). */
  task(taskId: string): TaskSnapshot | undefined {
    const t = this.tasksById.get(taskId);
    return t && this.taskSnapshot(t);
  }

  /** Cancels all timers and open offers silently; later calls do not route. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const o of this.offersById.values()) this.clock.clearTimeout(o.timer);
    this.offersById.clear();
    for (const w of this.workersById.values()) (this.clearWrapUp(w), w.offers.clear());
    for (const t of this.tasksById.values()) (t.timers.forEach((h) => this.clock.clearTimeout(h)), this.clock.clearTimeout(t.transfer?.timer), (t.offerId = null));
    this.free.clear();
  }

  // --- internals: events -----------------------------------------------------------------

  /** Runs an operation; at the outermost level emits `queueChanged` (if any) and flushes events. */
  protected run<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      if (--this.depth === 0) {
        if (this.dirty.size) {
          const queues = [...this.dirty];
          this.dirty.clear();
          this.emit('queueChanged', queues);
        }
        this.flush();
      }
    }
  }

  protected emit<K extends keyof RoutingEvents>(name: K, ...args: Parameters<RoutingEvents[K]>): void {
    const fn = this.listeners[name] as ((...a: unknown[]) => void) | undefined;
    if (fn) this.pending.push(() => fn(...args));
  }

  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let i = 0; i < this.pending.length; i++) {
        try {
          this.pending[i]!();
        } catch {
          /* listeners cannot corrupt routing */
        }
      }
    } finally {
      this.pending.length = 0;
      this.flushing = false;
    }
  }

  protected markDirty(queue: Department): void {
    this.dirty.add(queue);
  }

  // --- internals: workers ----------------------------------------------------------------

  protected freeSlots(w: WorkerRec): number {
    return w.capacity - (this.assigned.get(w.id)?.size ?? 0) - w.offers.size - w.wrapTimers.size;
  }

  protected routable(w: WorkerRec): boolean {
    return !this.closed && w.presence === 'available' && this.freeSlots(w) > 0 && this.workersById.get(w.id) === w;
  }

  /** Derived contact-center state (see WorkerSnapshot.state). */
  protected stateOf(w: WorkerRec): WorkerState {
    if (w.presence === 'offline') return 'offline';
    if ((this.assigned.get(w.id)?.size ?? 0) > 0) return 'busy';
    if (w.wrapTimers.size > 0) return 'wrap_up';
    return w.presence;
  }

  /** Re-derives free-set membership and state; emits `workerStateChanged` on change. */
  protected touch(w: WorkerRec): void {
    this.workerVersion++;
    if (this.routable(w)) this.free.add(w);
    else this.free.delete(w);
    const state = this.stateOf(w);
    const reason = state === 'away' ? w.awayReason : null;
    if (state === w.reported && reason === w.reportedReason) return;
    const previous = w.reported;
    w.reported = state;
    w.reportedReason = reason;
    this.emit('workerStateChanged', this.workerSnapshot(w), previous);
  }

  protected clearWrapUp(w: WorkerRec): void {
    for (const h of w.wrapTimers) this.clock.clearTimeout(h);
    w.wrapTimers.clear();
  }

  /** Starts a wrap-up slot of `ms` for `w` (immediately idle when `ms` <= 0 or the worker is not available). */
  protected startWrapUp(w: WorkerRec, ms: number): void {
    if (ms <= 0 || w.presence !== 'available') {
      w.idleSince = this.clock.now();
      return this.touch(w);
    }
    w.wrapUntil = Math.max(w.wrapTimers.size ? (w.wrapUntil ?? 0) : 0, this.clock.now() + ms);
    const handle = this.clock.setTimeout(() => this.run(() => {
      if (!w.wrapTimers.delete(handle)) return;
      w.idleSince = this.clock.now();
      this.touch(w);
      this.routeWorker(w);
    }), ms);
    w.wrapTimers.add(handle);
    this.touch(w);
  }

  protected assignedOf(workerId: string): Set<TaskRec> {
    let s = this.assigned.get(workerId);
    if (!s) this.assigned.set(workerId, (s = new Set()));
    return s;
  }

  /** Detaches an assigned task from its worker (slot to wrap-up for `wrapUpMs`); does not route. */
  protected releaseWorker(t: TaskRec, wrapUpMs: number): void {
    const workerId = t.workerId;
    t.workerId = null;
    t.assignedAt = null;
    if (!workerId) return;
    const set = this.assigned.get(workerId);
    set?.delete(t);
    if (set?.size === 0) this.assigned.delete(workerId);
    const w = this.workersById.get(workerId);
    if (w) this.startWrapUp(w, wrapUpMs);
  }

  // --- internals: tasks and queues -------------------------------------------------------

  protected queueOf(name: Department): OrderedQueue {
    let q = this.queuesByName.get(name);
    if (!q) this.queuesByName.set(name, (q = new OrderedQueue(name)));
    return q;
  }

  /** Puts a task into its department queue (state queued) and arms its fallback timers. */
  protected insertQueued(t: TaskRec): void {
    t.state = 'queued';
    if (t.offerId === HELD_ELSEWHERE) t.offerId = null;
    t.key = orderKey(t, this.config);
    this.queueOf(t.department).insert(t);
    this.markDirty(t.department);
    for (const ms of [this.config.languageFallbackMs, t.department !== this.config.fallbackDepartment ? this.config.departmentFallbackMs : Infinity]) {
      if (!this.closed && ms > 0 && Number.isFinite(ms)) this.armFallback(t, t.queuedAt + ms);
    }
  }

  /** At `due` the task's eligible set grows: try to route it (re-armed if the timer fired early). */
  private armFallback(t: TaskRec, due: number): void {
    const handle = this.clock.setTimeout(() => this.run(() => {
      t.timers = t.timers.filter((h) => h !== handle);
      if (this.tasksById.get(t.id) !== t || t.state !== 'queued') return;
      if (this.clock.now() < due) return this.armFallback(t, due);
      this.markDirty(t.department);
      this.routeTask(t);
    }), Math.max(0, due - this.clock.now()));
    t.timers.push(handle);
  }

  protected unqueue(t: TaskRec): void {
    if (this.queuesByName.get(t.department)?.remove(t)) this.markDirty(t.department);
    for (const h of t.timers) this.clock.clearTimeout(h);
    t.timers = [];
  }

  /** Drops a pending directed transfer without events. */
  protected clearTransferState(t: TaskRec): void {
    const tr = t.transfer;
    if (!tr) return;
    this.clock.clearTimeout(tr.timer);
    this.workersById.get(tr.workerId)?.directed.delete(t);
    t.transfer = null;
    if (t.state === 'queued') this.markDirty(t.department);
  }

  protected routeWorkerById(workerId: string): void {
    const w = this.workersById.get(workerId);
    if (w) this.routeWorker(w);
  }

  // --- internals: snapshots --------------------------------------------------------------

  protected workerSnapshot(w: WorkerRec): WorkerSnapshot {
    const active = [...(this.assigned.get(w.id) ?? [])].map((t) => t.id);
    return { id: w.id, state: this.stateOf(w), presence: w.presence, awayReason: w.presence === 'away' ? w.awayReason : null, languages: Object.fromEntries(w.languages), departments: [...w.departments], level: w.level, capacity: w.capacity, sites: w.sites ? [...w.sites] : null, idleSince: w.idleSince, activeTasks: active, openOffers: w.offers.size, wrapUpSlots: w.wrapTimers.size, wrapUpUntil: w.wrapTimers.size ? (w.wrapUntil ?? null) : null, freeSlots: Math.max(0, this.freeSlots(w)) };
  }

  protected taskSnapshot(t: TaskRec): TaskSnapshot {
    return { id: t.id, language: t.language, priority: t.priority, effectivePriority: effectivePriority(t, this.clock.now(), this.config), department: t.department, minLevel: t.minLevel, site: t.site, createdAt: t.createdAt, queuedAt: t.queuedAt, state: t.state, workerId: t.workerId, assignedAt: t.assignedAt, offerId: t.offerId, atHead: t.head, transferTo: t.transfer?.workerId ?? null, data: t.data };
  }

  /** Offers an un-offered task to the best free eligible worker (core.ts). */
  protected abstract routeTask(t: TaskRec): void;
  /** Fills a worker's free slots (core.ts). */
  protected abstract routeWorker(w: WorkerRec): void;
}

/** An offer without its timer handle. */
export function stripOffer(o: OfferRec): Offer {
  return { offerId: o.offerId, taskId: o.taskId, workerId: o.workerId, queue: o.queue, createdAt: o.createdAt, expiresAt: o.expiresAt, needsTranslation: o.needsTranslation, directed: o.directed };
}
