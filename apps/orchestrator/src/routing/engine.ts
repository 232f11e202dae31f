import { RoutingCore } from './core.ts';
import { estimateWaitMs } from './estimate.ts';
import { matchWorker, profileKey, type TaskRec } from './matching.ts';
import { compareKeys, effectivePriority } from './queue.ts';
import type { Department, RestoredOffer, RoutingState, TaskInput, TaskQueueStatus, TaskSnapshot, TransferResult, TransferTarget } from './types.ts';

/**
 * Contact-center grade task router for escalated kiosk sessions: a pure domain module (no
 * I/O; clock and ids injected; output through {@link RoutingEvents} and return values).
 *
 * - Workers: language proficiency, departments, level (tier), capacity, presence
 *   (available / away with reason / offline) and derived busy / wrap_up; longest idle first.
 * - Tasks: language, department queue, minimum level, priority (0 = safety) with aging, site.
 * - Offers (reservations): one per task and per worker slot, accept / decline / timeout.
 * - Wrap-up timers, requeue at head, cold and directed transfers, queue status with ETA.
 *
 * Rules and their config fields are documented on {@link RoutingConfig}, `matchWorker`
 * (eligibility), `compareCandidates` (worker ranking), `orderKey` (queue order) and
 * `estimateWaitMs` (ETA). Conventions follow Twilio TaskRouter (reservations, activities,
 * "missed reservation") and Amazon Connect (routing profiles, after contact work).
 */
export class RoutingEngine extends RoutingCore {
  private counts: { version: number; byProfile: Map<string, { free: number; staffed: number }> } = { version: -1, byProfile: new Map() };

  /**
   * Rebuilds state from the store after a restart (or when a standby takes over routing),
   * without re-offering anything that was open: workers with their presence and wrap-up
   * deadlines, queued tasks with their original age and queue entry time (`createdAt`,
   * `queuedAt`, head flag), assigned tasks on their workers, and open offers with their ids and
   * deadlines (an offer already past its deadline times out at once, as it would have). Then it
   * routes what is left un-offered. Call it on a fresh engine.
   * @returns offers it could not restore (unknown task or worker, task already offered, no free
   *   slot); the caller closes them in its store.
   */
  restore(state: RoutingState): RestoredOffer[] {
    return this.run(() => {
      const now = this.clock.now();
      for (const wi of state.workers) this.applyWorkerInput(wi);
      for (const ti of state.tasks) {
        if (this.tasksById.has(ti.id)) continue;
        const t = this.newTask(ti, ti.atHead ?? false, now);
        this.tasksById.set(t.id, t);
        if (ti.state === 'assigned' && ti.workerId) {
          t.state = 'assigned';
          t.workerId = ti.workerId;
          t.assignedAt = ti.assignedAt ?? now;
          t.head = false;
          this.assignedOf(ti.workerId).add(t);
          const w = this.workersById.get(ti.workerId);
          if (w) this.touch(w);
        } else this.insertQueued(t);
      }
      const rejected: RestoredOffer[] = [];
      for (const o of state.offers) {
        const t = this.tasksById.get(o.taskId);
        const w = this.workersById.get(o.workerId);
        if (!t || !w || t.offerId || this.freeSlots(w) <= 0 || (o.directed ? t.workerId === w.id : t.state !== 'queued')) {
          rejected.push(o);
          continue;
        }
        if (o.directed) {
          t.transfer = { workerId: w.id, fallbackQueue: null, wrapUpMs: undefined, timer: undefined, anyPresence: true };
          w.directed.add(t);
        }
        this.openOffer(t, w, o);
      }
      for (const w of [...this.workersById.values()]) this.routeWorker(w);
      for (const t of [...this.tasksById.values()]) if (t.state === 'queued') this.routeTask(t);
      return rejected;
    });
  }

  /**
   * Puts a task at the front of its queue (ahead of every task except safety-band tasks,
   * see `orderKey`), e.g. when its worker disconnected mid-call. Known task: its worker
   * (if any) is released without wrap-up and it keeps its age. Unknown task: created from
   * `task` (a TaskInput). Returns undefined for an unknown id given as a string.
   */
  requeueAtHead(task: string | TaskInput): TaskSnapshot | undefined {
    return this.run(() => {
      const id = typeof task === 'string' ? task : task.id;
      const t = this.tasksById.get(id);
      if (t) {
        this.moveToQueue(t, t.department, { wrapUpMs: 0, head: true });
        return this.taskSnapshot(t);
      }
      return typeof task === 'string' ? undefined : this.taskSnapshot(this.addTask(task, true));
    });
  }

  /**
   * Transfers a task (queued or assigned).
   * - `{ toQueue }` (cold): the task goes to that department queue with its original age
   *   (`createdAt`); an assigned task's worker is released to wrap-up (`wrapUpMs`).
   * - `{ toWorker }` (directed / warm target): an offer to exactly that worker (skills not
   *   checked), as soon as they are available with a free slot, waiting at most
   *   `config.directedWaitMs`. An assigned task stays with its current worker until the
   *   target accepts (warm transfer), then that worker goes to wrap-up. If the target
   *   declines, times out or goes away, `transferFailed` is emitted and the task falls back
   *   to `toQueue` if given; otherwise a queued task is routed normally and an assigned task
   *   stays with its worker.
   * - `{}`: requeue into its current queue with its age.
   */
  transfer(taskId: string, target: TransferTarget): TransferResult {
    return this.run((): TransferResult => {
      const t = this.tasksById.get(taskId);
      if (!t) return { ok: false, reason: 'unknown_task' };
      const wrapUpMs = target.wrapUpMs ?? this.config.wrapUpMs;
      if (target.toWorker === undefined) {
        this.moveToQueue(t, target.toQueue ?? t.department, { wrapUpMs });
        return { ok: true, offered: t.offerId !== null };
      }
      const w = this.workersById.get(target.toWorker);
      if (!w) return { ok: false, reason: 'unknown_worker' };
      if (w.presence === 'offline') return { ok: false, reason: 'worker_offline' };
      const offerWorker = this.revokeOfferOf(t, 'transferred');
      this.clearTransferState(t);
      const wait = this.config.directedWaitMs;
      const timer = Number.isFinite(wait)
        ? this.clock.setTimeout(() => this.run(() => {
            if (t.transfer?.timer === timer && !t.offerId) this.failTransfer(t, 'wait_expired');
          }), wait)
        : undefined;
      t.transfer = { workerId: w.id, fallbackQueue: target.toQueue ?? null, wrapUpMs: target.wrapUpMs, timer, ...(target.anyPresence ? { anyPresence: true } : {}) };
      w.directed.add(t);
      if (t.state === 'queued') this.markDirty(t.department);
      this.routeTask(t);
      if (offerWorker) this.routeWorkerById(offerWorker);
      return { ok: true, offered: t.offerId !== null };
    });
  }

  /**
   * Raises a queued task's priority (lower number = sooner; 0 = safety), e.g. a waiting visitor
   * just reported an emergency. The task keeps its age (`createdAt`, `queuedAt`), moves into
   * `queue` (default `config.fallbackDepartment`: a safety case waits for no department) at its
   * new place, and is routed again. An open offer stays open (that worker is the fastest way to
   * a person); a pending directed transfer is kept too. Never lowers a priority.
   * @returns the task as it is now; undefined for an unknown id. An assigned task is unchanged.
   */
  raisePriority(taskId: string, priority: number, queue?: Department): TaskSnapshot | undefined {
    return this.run(() => {
      const t = this.tasksById.get(taskId);
      if (!t) return undefined;
      const target = queue ?? this.config.fallbackDepartment;
      if (t.state !== 'queued' || (priority >= t.priority && target === t.department)) return this.taskSnapshot(t);
      this.unqueue(t);
      t.priority = Math.min(t.priority, priority);
      t.department = target;
      this.insertQueued(t);
      this.routeTask(t);
      return this.taskSnapshot(t);
    });
  }

  /** Queue status of a queued task (undefined when unknown or assigned); see `estimateWaitMs` for the ETA formula. */
  queueStatus(taskId: string): TaskQueueStatus | undefined {
    const t = this.tasksById.get(taskId);
    if (!t || t.state !== 'queued') return undefined;
    const q = this.queuesByName.get(t.department)!;
    const index = q.indexOf(t);
    const now = this.clock.now();
    const { free, staffed } = this.countsFor(t, now);
    const offered = t.offerId !== null;
    let onShift = 0;
    for (const w of this.workersById.values()) if (w.presence === 'available' && matchWorker(w, t, Number.MAX_SAFE_INTEGER, this.config)) onShift += w.capacity;
    return {
      taskId,
      queue: t.department,
      position: index + 1,
      queueLength: q.size,
      estimatedWaitMs: estimateWaitMs({ ahead: index, free, staffed, offered, avgHandleMs: this.avgHandle, offerTimeoutMs: this.config.offerTimeoutMs, offerAnswerMs: this.config.offerAnswerMs }),
      availableWorkers: free,
      staffedSlots: staffed,
      onShiftSlots: onShift,
      offered,
      effectivePriority: effectivePriority(t, now, this.config),
      waitedMs: now - t.createdAt,
    };
  }

  /** Queued task ids in order: of one queue, or of all queues merged by the same order. */
  queuedTaskIds(queue?: Department): string[] {
    if (queue !== undefined) return (this.queuesByName.get(queue)?.ordered ?? []).map((t) => t.id);
    const all: TaskRec[] = [];
    for (const q of this.queuesByName.values()) all.push(...q.ordered);
    return all.sort((a, b) => compareKeys(a.key, b.key)).map((t) => t.id);
  }

  /** Queues with their number of queued tasks. */
  queueSizes(): Record<string, number> {
    return Object.fromEntries([...this.queuesByName].map(([name, q]) => [name, q.size]));
  }

  /** Current average handle time (ms) used for estimates. */
  get averageHandleMs(): number {
    return this.avgHandle;
  }

  /**
   * Eligible workers for `t` now: `free` = available with a free slot; `staffed` = capacity of
   * those logged in and not away. Cached per task skill profile until a worker changes.
   */
  private countsFor(t: TaskRec, now: number): { free: number; staffed: number } {
    if (this.counts.version !== this.workerVersion) this.counts = { version: this.workerVersion, byProfile: new Map() };
    const key = profileKey(t, now, this.config);
    const cached = key === null ? undefined : this.counts.byProfile.get(key);
    if (cached) return cached;
    let free = 0;
    let staffed = 0;
    for (const w of this.workersById.values()) {
      if (w.presence !== 'available' || !matchWorker(w, t, now, this.config)) continue;
      staffed += w.capacity;
      if (this.routable(w)) free++;
    }
    const result = { free, staffed };
    if (key !== null) this.counts.byProfile.set(key, result);
    return result;
  }
}
