import { compareCandidates, matchWorker, toLanguageMap, type Match, type TaskRec, type WorkerRec } from './matching.ts';
import { compareKeys } from './queue.ts';
import { HELD_ELSEWHERE, RoutingBase, stripOffer, type OfferRec } from './base.ts';
import type { AwayReason, Department, Presence, RevokeReason, TaskInput, TaskSnapshot, WorkerInput, WorkerSnapshot } from './types.ts';

/**
 * Core of the routing engine: workers, tasks, offers (reservations) and incremental routing.
 * {@link RoutingEngine} (engine.ts) adds transfers, requeue-at-head and queue status.
 *
 * Invariant after every operation: no queued, un-offered task has an eligible worker who is
 * available with a free slot. So routing is incremental - only the task or worker an event
 * touched is matched: a new or re-opened task is matched against the free workers
 * (O(free workers)); a worker whose slot frees scans its queues from the head (stops at the
 * first eligible task). Nothing rescans everything. Events are buffered and emitted once the
 * operation's state change is complete (re-entrant listeners are safe).
 */
export class RoutingCore extends RoutingBase {
  // --- workers ---------------------------------------------------------------------------

  /** Adds or updates a worker (profile and, if given, presence). Routes to them if free. */
  upsertWorker(input: WorkerInput): WorkerSnapshot {
    return this.run(() => {
      const w = this.applyWorkerInput(input);
      this.routeWorker(w);
      return this.workerSnapshot(w);
    });
  }

  /** Creates or updates a worker record from `input` without routing. */
  protected applyWorkerInput(input: WorkerInput): WorkerRec {
    let w = this.workersById.get(input.id);
    if (!w) {
      w = { id: input.id, languages: new Map(), departments: new Set([this.config.fallbackDepartment]), level: 1, capacity: this.config.defaultCapacity, sites: null, presence: 'offline', awayReason: null, idleSince: this.clock.now(), offers: new Set(), wrapTimers: new Set(), directed: new Set(), reported: 'offline', reportedReason: null };
      this.workersById.set(w.id, w);
    }
    if (input.languages) w.languages = toLanguageMap(input.languages);
    if (input.departments) w.departments = new Set(input.departments);
    if (input.level !== undefined) w.level = input.level;
    if (input.capacity !== undefined) w.capacity = Math.max(1, Math.floor(input.capacity));
    if (input.sites !== undefined) w.sites = input.sites ? new Set(input.sites) : null;
    if (input.state) this.applyPresence(w, input.state, input.awayReason, input.idleSince);
    if (input.wrapUpUntil && input.wrapUpUntil > this.clock.now() && w.wrapTimers.size === 0) this.startWrapUp(w, input.wrapUpUntil - this.clock.now());
    this.touch(w);
    return w;
  }

  /**
   * Sets presence. `available` also ends a running wrap-up early. `away` (default reason
   * `other`) and `offline` cancel wrap-up, revoke open offers (`worker_unavailable`, re-offered
   * to others) and fail directed transfers to them; assigned tasks stay assigned (the caller
   * completes them or uses `requeueAtHead`). Returns undefined for an unknown worker.
   */
  setWorkerState(workerId: string, state: Presence, reason?: AwayReason): WorkerSnapshot | undefined {
    return this.run(() => {
      const w = this.workersById.get(workerId);
      if (!w) return undefined;
      this.applyPresence(w, state, reason);
      this.routeWorker(w);
      return this.workerSnapshot(w);
    });
  }

  /** Removes a worker (logout) as `offline`. Returns ids of tasks still assigned to them. */
  removeWorker(workerId: string): string[] {
    return this.run(() => {
      const w = this.workersById.get(workerId);
      if (!w) return [];
      this.applyPresence(w, 'offline');
      this.workersById.delete(workerId);
      this.free.delete(w);
      return [...(this.assigned.get(workerId) ?? [])].map((t) => t.id);
    });
  }

  /** Ends a worker's wrap-up early (all slots). False when not in wrap-up. */
  endWrapUp(workerId: string): boolean {
    return this.run(() => {
      const w = this.workersById.get(workerId);
      if (!w || w.wrapTimers.size === 0) return false;
      this.clearWrapUp(w);
      w.idleSince = this.clock.now();
      this.touch(w);
      this.routeWorker(w);
      return true;
    });
  }

  // --- tasks -----------------------------------------------------------------------------

  /**
   * Queues a task and routes it. Idempotent for a queued id; for an assigned id it puts the
   * task back in its queue with its age (e.g. the caller could not persist the accept).
   */
  enqueue(input: TaskInput): TaskSnapshot {
    return this.run(() => {
      const existing = this.tasksById.get(input.id);
      if (existing) {
        if (existing.state === 'assigned') this.moveToQueue(existing, existing.department, { wrapUpMs: 0 });
        return this.taskSnapshot(existing);
      }
      return this.taskSnapshot(this.addTask(input, false));
    });
  }

  /** Removes a task in any state: queued (visitor left; its offer is revoked `task_removed`) or assigned (= {@link completeTask}). */
  removeTask(taskId: string): boolean {
    return this.run(() => {
      const t = this.tasksById.get(taskId);
      if (!t) return false;
      if (t.state === 'assigned') return this.completeInternal(t, this.config.wrapUpMs), true;
      this.clearTransferState(t);
      const offerWorker = this.revokeOfferOf(t, 'task_removed');
      this.unqueue(t);
      this.tasksById.delete(taskId);
      if (offerWorker) this.routeWorkerById(offerWorker);
      return true;
    });
  }

  /** Completes an assigned task: the worker's slot goes to wrap-up for `wrapUpMs` (default config), then frees. */
  completeTask(taskId: string, opts: { wrapUpMs?: number } = {}): boolean {
    return this.run(() => {
      const t = this.tasksById.get(taskId);
      if (!t || t.state !== 'assigned') return false;
      this.completeInternal(t, opts.wrapUpMs ?? this.config.wrapUpMs);
      return true;
    });
  }

  // --- offers ----------------------------------------------------------------------------

  /**
   * Accepts (claims) an open offer: the task is assigned to the worker and leaves its queue
   * (for a warm transfer the previous worker is released to wrap-up).
   * @returns the assigned task, or undefined when the offer is not open for this worker.
   */
  accept(offerId: string, workerId: string): TaskSnapshot | undefined {
    return this.run(() => {
      const o = this.offersById.get(offerId);
      const t = o && this.tasksById.get(o.taskId);
      const w = this.workersById.get(workerId);
      if (!o || o.workerId !== workerId || !t || !w) return undefined;
      this.clock.clearTimeout(o.timer);
      this.offersById.delete(offerId);
      w.offers.delete(offerId);
      t.offerId = null;
      let previous: string | null = null;
      if (t.state === 'assigned') {
        previous = t.workerId;
        const wrapUpMs = t.transfer?.wrapUpMs ?? this.config.wrapUpMs;
        this.clearTransferState(t);
        this.releaseWorker(t, wrapUpMs);
      } else {
        this.clearTransferState(t);
        this.unqueue(t);
      }
      t.state = 'assigned';
      t.workerId = w.id;
      t.assignedAt = this.clock.now();
      t.head = false;
      t.declined.clear();
      this.assignedOf(w.id).add(t);
      this.touch(w);
      const { timer: _timer, ...offer } = o;
      this.emit('offerAccepted', offer, this.taskSnapshot(t));
      if (previous) this.routeWorkerById(previous);
      this.routeWorker(w);
      return this.taskSnapshot(t);
    });
  }

  /**
   * Withdraws an open offer without re-offering the task to anyone (another process holds an
   * offer of it): the worker's slot frees (`transferred` to the listeners); the task stays queued
   * without an offer until it is routed again (e.g. that other offer closes, or a restart).
   */
  withdrawOffer(offerId: string): boolean {
    return this.run(() => {
      const o = this.offersById.get(offerId);
      if (!o) return false;
      const t = this.tasksById.get(o.taskId);
      if (t) t.declined.add(o.workerId);
      this.closeOffer(o, 'transferred');
      if (t && t.state === 'queued') t.offerId = HELD_ELSEWHERE;
      this.routeWorkerById(o.workerId);
      return true;
    });
  }

  /** Declines an open offer: re-offered to the next best worker (decliners skipped until all free eligible workers declined). */
  decline(offerId: string, workerId: string): boolean {
    return this.run(() => {
      const o = this.offersById.get(offerId);
      if (!o || o.workerId !== workerId) return false;
      const t = this.tasksById.get(o.taskId);
      t?.declined.add(workerId);
      this.closeOffer(o, 'declined');
      if (t) this.afterOfferClosed(t, workerId, 'declined');
      this.routeWorkerById(workerId);
      return true;
    });
  }

  protected applyPresence(w: WorkerRec, state: Presence, reason?: AwayReason, idleSince?: number): void {
    const now = this.clock.now();
    if (state === 'available') {
      if (w.presence !== 'available') w.idleSince = idleSince ?? now;
      if (w.wrapTimers.size) (this.clearWrapUp(w), (w.idleSince = now));
      w.presence = 'available';
      w.awayReason = null;
      this.touch(w);
      return;
    }
    w.awayReason = state === 'away' ? (reason ?? (w.presence === 'away' ? w.awayReason : null) ?? 'other') : null;
    w.presence = state;
    this.clearWrapUp(w);
    this.touch(w);
    for (const id of [...w.offers]) {
      const o = this.offersById.get(id)!;
      const t = this.tasksById.get(o.taskId);
      this.closeOffer(o, 'worker_unavailable');
      if (t) this.afterOfferClosed(t, w.id, 'worker_unavailable');
    }
    for (const t of [...w.directed]) this.failTransfer(t, 'worker_unavailable');
    this.touch(w);
  }

  private completeInternal(t: TaskRec, wrapUpMs: number): void {
    this.clearTransferState(t);
    const transferWorker = this.revokeOfferOf(t, 'task_removed');
    const alpha = this.config.handleTimeSmoothing;
    if (t.assignedAt !== null && alpha > 0) this.avgHandle += alpha * (this.clock.now() - t.assignedAt - this.avgHandle);
    const workerId = t.workerId;
    this.tasksById.delete(t.id);
    this.releaseWorker(t, wrapUpMs);
    if (transferWorker) this.routeWorkerById(transferWorker);
    if (workerId) this.routeWorkerById(workerId);
  }

  /** Creates, queues (at the head when `head`) and routes a new task. */
  protected addTask(input: TaskInput, head: boolean): TaskRec {
    const now = this.clock.now();
    const t = this.newTask(input, head, now);
    this.tasksById.set(t.id, t);
    this.insertQueued(t);
    this.routeTask(t);
    return t;
  }

  /** A new task record (not yet queued or indexed). */
  protected newTask(input: TaskInput, head: boolean, now: number): TaskRec {
    return { id: input.id, language: input.language, priority: input.priority, department: input.department ?? this.config.fallbackDepartment, minLevel: input.minLevel ?? 1, site: input.site ?? null, createdAt: input.createdAt ?? now, queuedAt: input.queuedAt ?? now, seq: ++this.seq, head, state: 'queued', workerId: null, assignedAt: null, offerId: null, declined: new Set(), transfer: null, timers: [], key: [], data: input.data };
  }

  /**
   * Moves a task (queued or assigned) into `queue` with its original age (cold transfer,
   * requeue): revokes its offer (`transferred`), releases its worker (wrap-up `wrapUpMs`, and
   * the releasing worker counts as a decliner), then routes.
   */
  protected moveToQueue(t: TaskRec, queue: Department, opts: { wrapUpMs: number; head?: boolean }): void {
    const offerWorker = this.revokeOfferOf(t, 'transferred');
    this.clearTransferState(t);
    const previous = t.state === 'assigned' ? t.workerId : null;
    if (t.state === 'queued') this.unqueue(t);
    else this.releaseWorker(t, opts.wrapUpMs);
    t.department = queue;
    t.queuedAt = this.clock.now();
    t.head = opts.head ?? false;
    t.seq = ++this.seq;
    t.declined.clear();
    if (previous) t.declined.add(previous);
    this.insertQueued(t);
    this.routeTask(t);
    if (previous) this.routeWorkerById(previous);
    if (offerWorker) this.routeWorkerById(offerWorker);
  }

  // --- internals: offers and transfers ---------------------------------------------------

  private offerTo(t: TaskRec, w: WorkerRec, m: Match): void {
    const now = this.clock.now();
    const o = this.openOffer(t, w, { offerId: this.newId(), createdAt: now, expiresAt: now + this.config.offerTimeoutMs, needsTranslation: m.needsTranslation });
    this.emit('offer', stripOffer(o));
  }

  /** Records an open offer of `t` to `w` with its deadline and arms its timeout (no event). */
  protected openOffer(t: TaskRec, w: WorkerRec, p: { offerId: string; createdAt: number; expiresAt: number; needsTranslation: boolean }): OfferRec {
    const o: OfferRec = { offerId: p.offerId, taskId: t.id, workerId: w.id, queue: t.department, createdAt: p.createdAt, expiresAt: p.expiresAt, needsTranslation: p.needsTranslation, directed: t.transfer !== null, timer: undefined };
    o.timer = this.clock.setTimeout(() => this.run(() => this.onTimeout(p.offerId)), Math.max(0, p.expiresAt - this.clock.now()));
    this.offersById.set(p.offerId, o);
    t.offerId = p.offerId;
    w.offers.add(p.offerId);
    if (t.state === 'queued') this.markDirty(t.department);
    this.touch(w);
    return o;
  }

  /** Timeout: the worker goes away (`missed_offer`) and the task is re-offered. */
  private onTimeout(offerId: string): void {
    const o = this.offersById.get(offerId);
    if (!o) return;
    const t = this.tasksById.get(o.taskId);
    t?.declined.add(o.workerId);
    this.closeOffer(o, 'timeout');
    const w = this.workersById.get(o.workerId);
    if (t) w?.directed.delete(t); // its transfer fails as `timeout` below, not `worker_unavailable`
    if (w) this.applyPresence(w, 'away', 'missed_offer');
    if (t) this.afterOfferClosed(t, o.workerId, 'timeout');
  }

  /** Closes an offer without routing; the worker's slot is free again. */
  private closeOffer(o: OfferRec, reason: RevokeReason): void {
    this.clock.clearTimeout(o.timer);
    this.offersById.delete(o.offerId);
    const t = this.tasksById.get(o.taskId);
    if (t && t.offerId === o.offerId) {
      t.offerId = null;
      if (t.state === 'queued') this.markDirty(t.department);
    }
    this.emit('offerRevoked', stripOffer(o), reason);
    const w = this.workersById.get(o.workerId);
    if (w) (w.offers.delete(o.offerId), this.touch(w));
  }

  /** Revokes the task's open offer, if any; returns the worker it was offered to. */
  protected revokeOfferOf(t: TaskRec, reason: RevokeReason): string | null {
    const o = t.offerId ? this.offersById.get(t.offerId) : undefined;
    if (!o) return null;
    this.closeOffer(o, reason);
    return o.workerId;
  }

  private afterOfferClosed(t: TaskRec, workerId: string, reason: RevokeReason): void {
    if (this.tasksById.get(t.id) !== t) return;
    if (t.transfer && t.transfer.workerId === workerId) this.failTransfer(t, reason);
    else this.routeTask(t);
  }

  /** A directed transfer failed: cold-transfer to its fallback queue, else a queued task is routed normally and an assigned one stays with its worker. */
  protected failTransfer(t: TaskRec, reason: RevokeReason | 'wait_expired'): void {
    const tr = t.transfer;
    if (!tr) return;
    const offerWorker = tr.workerId;
    if (t.offerId) this.revokeOfferOf(t, 'transferred');
    this.clearTransferState(t);
    this.emit('transferFailed', t.id, tr.workerId, reason);
    if (tr.fallbackQueue) this.moveToQueue(t, tr.fallbackQueue, { wrapUpMs: tr.wrapUpMs ?? this.config.wrapUpMs });
    else if (t.state === 'queued') this.routeTask(t);
    this.routeWorkerById(offerWorker);
  }

  // --- internals: routing ----------------------------------------------------------------

  /** Offers an un-offered task to the best free eligible worker (decliners only when nobody else). */
  protected routeTask(t: TaskRec): void {
    if (this.closed || t.offerId || this.tasksById.get(t.id) !== t) return;
    const now = this.clock.now();
    if (t.transfer) {
      // A directed offer goes out when its worker is routable, or, with `anyPresence`, as soon as
      // they are connected (away too: the named person can decline) with a free slot.
      const w = this.workersById.get(t.transfer.workerId);
      const reachable = w && (t.transfer.anyPresence ? !this.closed && w.presence !== 'offline' && this.freeSlots(w) > 0 : this.routable(w));
      if (w && reachable) this.offerTo(t, w, matchWorker(w, t, now, this.config)!);
      return;
    }
    if (t.state !== 'queued') return;
    let best: WorkerRec | null = null, bm: Match | null = null, again: WorkerRec | null = null, am: Match | null = null;
    for (const w of this.free) {
      const m = this.routable(w) ? matchWorker(w, t, now, this.config) : null;
      if (!m) continue;
      if (!t.declined.has(w.id)) {
        if (!best || compareCandidates(w, m, best, bm!) < 0) (best = w), (bm = m);
      } else if (!again || compareCandidates(w, m, again, am!) < 0) (again = w), (am = m);
    }
    if (best) return this.offerTo(t, best, bm!);
    if (!again) return;
    t.declined.clear(); // every free eligible worker declined: new round
    this.offerTo(t, again, am!);
  }

  /** Fills a worker's free slots: directed transfers first, then the best task of the queues they serve. */
  protected routeWorker(w: WorkerRec): void {
    const now = this.clock.now();
    while (this.routable(w)) {
      const directed = [...w.directed].find((t) => !t.offerId);
      if (directed) {
        this.offerTo(directed, w, matchWorker(w, directed, now, this.config)!);
        continue;
      }
      let best: TaskRec | null = null, bm: Match | null = null, again: TaskRec | null = null, am: Match | null = null;
      const queues = w.departments.has(this.config.fallbackDepartment) ? this.queuesByName.values() : [...w.departments].map((d) => this.queuesByName.get(d)).filter((q) => q !== undefined);
      for (const q of queues) {
        for (const t of q.ordered) {
          if (best && compareKeys(t.key, best.key) >= 0) break;
          if (t.offerId || t.transfer) continue;
          const m = matchWorker(w, t, now, this.config);
          if (!m) continue;
          if (!t.declined.has(w.id)) {
            (best = t), (bm = m);
            break;
          }
          if (!again || compareKeys(t.key, again.key) < 0) (again = t), (am = m);
        }
      }
      if (best) this.offerTo(best, w, bm!);
      else if (again) (again.declined.clear(), this.offerTo(again, w, am!));
      else return;
    }
  }

}
