import type { Language, WorkerState } from '@telekiosk/shared';
import type { Logger } from '../logger.ts';
import { RoutingEngine } from './engine.ts';
import type { OfferKind, OfferOutcome, RoutingStore, StoredOffer, StoredTask, StoredWorkerPresence } from './store.ts';
import type { AwayReason, Clock, Department, Offer, RevokeReason, RoutingConfig, TaskQueueStatus, TaskSnapshot, WorkerSnapshot } from './types.ts';

/** An offer with what the session core needs to present it (kind, who transferred, note). */
export interface RoutedOffer extends Offer {
  /** The session offered (= the task id). */
  sessionId: string;
  kind: OfferKind;
  fromWorkerId: string | null;
  note: string | null;
}

/** What the routing service reports to the session core. Listener errors are logged, never thrown into routing. */
export interface RoutingServiceEvents {
  /** An offer went out; it is already stored, so a restart keeps it with its deadline. */
  offer(offer: RoutedOffer): void;
  /** An offer closed without accept (declined, timeout, task removed, worker unavailable, transferred). */
  offerRevoked(offer: RoutedOffer, reason: RevokeReason): void;
  /** A worker's derived state changed (available, away with reason, busy, wrap_up, offline). */
  workerStateChanged(worker: WorkerSnapshot, previous: WorkerState): void;
  /** A directed offer (warm transfer or reassignment) failed. */
  transferFailed(sessionId: string, toWorkerId: string, reason: RevokeReason | 'wait_expired', meta: { kind: OfferKind; fromWorkerId: string | null }): void;
  /** Positions or offered flags in these queues may have changed. */
  queueChanged(queues: Department[]): void;
  /** An assigned task completed after `handleMs` with its worker (measured handle time for wait estimates). */
  taskCompleted(sessionId: string, handleMs: number): void;
}

/** A worker's profile as routing needs it. */
export interface WorkerProfile {
  id: string;
  languages: Language[];
  departments?: string[];
  level?: number;
}

/** A task to enqueue: one escalated session. */
export interface NewTask {
  sessionId: string;
  deviceId: string;
  language: Language;
  /** Lower first; 0 = safety. */
  priority: number;
  department?: Department;
  /** First enqueue (ms); default now. Age and aging count from here. */
  createdAt?: number;
}

/** Constructor options of {@link RoutingService}. */
export interface RoutingServiceOptions {
  store: RoutingStore;
  clock: Clock;
  newId: () => string;
  log: Logger;
  config?: Partial<RoutingConfig>;
  events: Partial<RoutingServiceEvents>;
}

/** Task payload kept in the engine. */
interface TaskData {
  deviceId: string;
}

/**
 * Routing with its state in the store: the pure {@link RoutingEngine} decides; every change it
 * makes (tasks, offers with their deadlines, worker presence and wrap-up) is written to the
 * {@link RoutingStore} in the order it happened, and {@link start} rebuilds the engine from the
 * store after a restart. Operations return once their writes are stored (so a caller acknowledges
 * nothing that a crash could lose); a failed write is logged with what it was and routing goes on
 * from memory (the session rows stay the source of truth for assignment, see `Store.assignWorker`).
 */
export class RoutingService {
  readonly engine: RoutingEngine;
  private readonly o: RoutingServiceOptions;
  /** Metadata of the next directed offer of a task (set by {@link directOffer}). */
  private readonly directedMeta = new Map<string, { kind: OfferKind; fromWorkerId: string | null; note: string | null; fallbackQueue: Department | null }>();
  /** Metadata of open offers, by offer id. */
  private readonly offerMeta = new Map<string, { kind: OfferKind; fromWorkerId: string | null; note: string | null }>();
  /** Last chosen presence of workers who disconnected (restored when they come back within the grace). */
  private readonly lastPresence = new Map<string, { presence: 'available' | 'away'; awayReason: AwayReason | null; idleSince: number; wrapUpUntil: number | null }>();
  /** Workers being removed: their transition to `offline` is a disconnect, not a chosen presence. */
  private removing: string | null = null;
  /** Offers whose row this process's claim already closed as accepted (`accept`): no second write. */
  private readonly claimedInStore = new Set<string>();
  private closed = false;

  constructor(o: RoutingServiceOptions) {
    this.o = o;
    this.engine = new RoutingEngine({
      clock: o.clock,
      newId: o.newId,
      config: o.config ?? {},
      events: {
        offer: (offer) => this.onOffer(offer),
        offerRevoked: (offer, reason) => this.onRevoked(offer, reason),
        offerAccepted: (offer, task) => {
          this.offerMeta.delete(offer.offerId);
          // The claim (`accept`) stored the outcome already; an accept that did not claim the row stores it here.
          if (!this.claimedInStore.delete(offer.offerId)) this.write(`s:${offer.taskId}`, 'offer accepted', () => this.o.store.closeOffer(offer.offerId, 'accepted', 'accepted', this.o.clock.now()));
          this.persistTask(task);
        },
        workerStateChanged: (w, previous) => {
          if (w.id !== this.removing && w.state !== 'offline') this.persistPresence(w);
          this.safe(() => this.o.events.workerStateChanged?.(w, previous));
        },
        transferFailed: (taskId, workerId, reason) => {
          const meta = this.directedMeta.get(taskId) ?? { kind: 'transfer' as const, fromWorkerId: null };
          this.directedMeta.delete(taskId);
          const t = this.engine.task(taskId);
          if (t) this.persistTask(t);
          this.safe(() => this.o.events.transferFailed?.(taskId, workerId, reason, { kind: meta.kind, fromWorkerId: meta.fromWorkerId }));
        },
        queueChanged: (queues) => this.safe(() => this.o.events.queueChanged?.(queues)),
      },
    });
  }

  // --- start-up ------------------------------------------------------------------------

  /**
   * Rebuilds routing from the store: queued tasks with their original age and queue entry,
   * assigned tasks on their workers, open offers with their deadlines (those that expired while
   * no process was routing are closed as `revoked`, without penalising the worker), and the
   * workers that were connected (with their presence and wrap-up). Call once, before any other
   * operation.
   * @returns the workers that were connected when routing stopped: the caller gives them the
   *   reconnect grace (they are routable now; their sockets come back on their own).
   */
  async start(): Promise<StoredWorkerPresence[]> {
    const [tasks, offers, workers] = await Promise.all([this.o.store.loadTasks(), this.o.store.loadOpenOffers(), this.o.store.loadWorkers()]);
    const now = this.o.clock.now();
    const connected = workers.filter((w) => w.connected);
    for (const w of workers) this.lastPresence.set(w.workerId, { presence: w.presence === 'available' ? 'available' : 'away', awayReason: w.awayReason, idleSince: w.idleSince, wrapUpUntil: w.wrapUpUntil });
    const live = offers.filter((o) => o.expiresAt > now);
    for (const o of offers) if (o.expiresAt <= now) this.write(`s:${o.sessionId}`, 'close expired offer', () => this.o.store.closeOffer(o.offerId, 'revoked', 'expired_while_down', now));
    for (const o of live) this.offerMeta.set(o.offerId, { kind: o.kind, fromWorkerId: o.fromWorkerId, note: o.note });
    const rejected = this.engine.restore({
      workers: connected.map((w) => ({
        id: w.workerId,
        languages: w.languages,
        departments: w.departments,
        level: w.level,
        state: w.presence === 'available' ? ('available' as const) : ('away' as const),
        ...(w.awayReason ? { awayReason: w.awayReason } : {}),
        idleSince: w.idleSince,
        wrapUpUntil: w.wrapUpUntil,
      })),
      tasks: tasks.map((t) => ({
        id: t.sessionId,
        language: t.language,
        priority: t.priority,
        department: t.department,
        minLevel: t.minLevel,
        ...(t.site ? { site: t.site } : {}),
        createdAt: t.createdAt,
        queuedAt: t.queuedAt,
        state: t.state,
        atHead: t.atHead,
        workerId: t.workerId,
        assignedAt: t.assignedAt,
        data: { deviceId: t.deviceId } satisfies TaskData,
      })),
      offers: live.map((o) => ({ offerId: o.offerId, taskId: o.sessionId, workerId: o.workerId, createdAt: o.createdAt, expiresAt: o.expiresAt, needsTranslation: o.needsTranslation, directed: o.kind !== 'routed' })),
    });
    for (const o of rejected) {
      this.offerMeta.delete(o.offerId);
      this.write(`s:${o.taskId}`, 'close unrestorable offer', () => this.o.store.closeOffer(o.offerId, 'revoked', 'not_restorable', now));
    }
    this.o.log.info({ queued: tasks.filter((t) => t.state === 'queued').length, assigned: tasks.filter((t) => t.state === 'assigned').length, offers: live.length - rejected.length, workers: connected.length }, 'routing rebuilt from the store');
    await this.flush();
    return connected;
  }

  // --- workers -------------------------------------------------------------------------

  /**
   * A worker's console connected. With `resume` (they come back within the reconnect grace, or
   * were connected when routing restarted) they keep the presence they had (available, away,
   * wrap-up); otherwise they start `away`, as after a fresh sign-in.
   */
  async workerOnline(profile: WorkerProfile, resume: boolean): Promise<WorkerSnapshot> {
    return this.op(() => {
      const last = resume ? this.lastPresence.get(profile.id) : undefined;
      const known = this.engine.worker(profile.id);
      const w = this.engine.upsertWorker({
        id: profile.id,
        languages: profile.languages,
        ...(profile.departments ? { departments: profile.departments } : {}),
        ...(profile.level !== undefined ? { level: profile.level } : {}),
        ...(known && known.presence !== 'offline'
          ? {}
          : last
            ? { state: last.presence, ...(last.awayReason ? { awayReason: last.awayReason } : {}), idleSince: last.idleSince, wrapUpUntil: last.wrapUpUntil }
            : { state: 'away' as const }),
      });
      this.persistPresence(w);
      this.write(`w:${profile.id}`, 'worker connected', () => this.o.store.setConnected(profile.id, true, this.o.clock.now()));
      return w;
    });
  }

  /** A worker's last console socket closed: their open offers go to others; assigned calls stay assigned (the caller runs the grace). */
  async workerOffline(workerId: string): Promise<void> {
    return this.op(() => {
      const w = this.engine.worker(workerId);
      if (w) this.lastPresence.set(workerId, { presence: w.presence === 'available' ? 'available' : 'away', awayReason: w.awayReason, idleSince: w.idleSince, wrapUpUntil: w.wrapUpUntil });
      this.removing = workerId;
      try {
        this.engine.removeWorker(workerId);
      } finally {
        this.removing = null;
      }
      this.write(`w:${workerId}`, 'worker disconnected', () => this.o.store.setConnected(workerId, false, this.o.clock.now()));
    });
  }

  /** Sets a connected worker's presence; `away` with a reason. @returns undefined for a worker not connected. */
  async setPresence(workerId: string, presence: 'available' | 'away', reason?: AwayReason): Promise<WorkerSnapshot | undefined> {
    return this.op(() => this.engine.setWorkerState(workerId, presence, reason));
  }

  // --- tasks ---------------------------------------------------------------------------

  /** Queues an escalated session and routes it. */
  async enqueue(t: NewTask): Promise<TaskSnapshot> {
    return this.op(() => {
      const snap = this.engine.enqueue({ id: t.sessionId, language: t.language, priority: t.priority, ...(t.department ? { department: t.department } : {}), ...(t.createdAt !== undefined ? { createdAt: t.createdAt } : {}), data: { deviceId: t.deviceId } satisfies TaskData });
      this.persistTask(this.engine.task(t.sessionId) ?? snap);
      return snap;
    });
  }

  /** Puts a session at the head of its queue (its worker was lost mid-call); it keeps its age. */
  async requeueAtHead(sessionId: string, fallback: NewTask): Promise<void> {
    return this.op(() => {
      if (this.engine.task(sessionId)) this.engine.requeueAtHead(sessionId);
      else this.engine.requeueAtHead({ id: fallback.sessionId, language: fallback.language, priority: fallback.priority, ...(fallback.department ? { department: fallback.department } : {}), createdAt: fallback.createdAt ?? this.o.clock.now(), data: { deviceId: fallback.deviceId } satisfies TaskData });
      this.persistTask(this.engine.task(sessionId));
    });
  }

  /** Adopts a task routing does not hold (e.g. a call whose row predates the routing tables), as stored: queued or assigned. */
  async adopt(t: StoredTask): Promise<void> {
    if (this.engine.task(t.sessionId)) return;
    return this.op(() => {
      this.engine.restore({
        workers: [],
        tasks: [{ id: t.sessionId, language: t.language, priority: t.priority, department: t.department, minLevel: t.minLevel, ...(t.site ? { site: t.site } : {}), createdAt: t.createdAt, queuedAt: t.queuedAt, state: t.state, atHead: t.atHead, workerId: t.workerId, assignedAt: t.assignedAt, data: { deviceId: t.deviceId } satisfies TaskData }],
        offers: [],
      });
      this.persistTask(this.engine.task(t.sessionId));
    });
  }

  /**
   * Raises a queued session's priority (a waiting visitor reported an emergency); see
   * `RoutingEngine.raisePriority`. A session routing does not hold is queued from `fallback`.
   * @returns the task as it is now.
   */
  async raisePriority(sessionId: string, priority: number, fallback: NewTask): Promise<TaskSnapshot | undefined> {
    if (!this.engine.task(sessionId)) return this.enqueue(fallback);
    return this.op(() => {
      const snap = this.engine.raisePriority(sessionId, priority, fallback.department);
      this.persistTask(this.engine.task(sessionId));
      return snap;
    });
  }

  /** Cold transfer: the session goes to `department`'s queue with its original age; its worker wraps up. */
  async moveToQueue(sessionId: string, department: Department, fallback: NewTask): Promise<void> {
    if (!this.engine.task(sessionId)) await this.enqueue(fallback);
    return this.op(() => {
      this.engine.transfer(sessionId, { toQueue: department });
      this.persistTask(this.engine.task(sessionId));
    });
  }

  /**
   * A directed offer of a session to one worker: a warm transfer of a call (the current worker
   * keeps it until the colleague accepts) or a supervisor's reassignment of a waiting visitor.
   * It goes out as soon as the named worker is connected with a free slot, even while away.
   * @returns false when the worker is unknown or offline.
   */
  async directOffer(sessionId: string, toWorkerId: string, meta: { kind: Exclude<OfferKind, 'routed'>; fromWorkerId: string; note: string | null }): Promise<boolean> {
    return this.op(() => {
      this.directedMeta.set(sessionId, { ...meta, fallbackQueue: null });
      const r = this.engine.transfer(sessionId, { toWorker: toWorkerId, anyPresence: true });
      if (!r.ok) this.directedMeta.delete(sessionId);
      return r.ok;
    });
  }

  /**
   * Claims an open offer for `workerId`: its row in the store first (atomic: open, not expired,
   * theirs), then the task is assigned in routing. The caller then makes
   * the assignment in the session row (the guard against double assignment) and calls
   * {@link undoAccept} if that fails.
   * @returns the task and the offer's metadata, or undefined when the offer is not open for this worker.
   */
  async accept(offerId: string, workerId: string): Promise<{ task: TaskSnapshot; offer: RoutedOffer } | undefined> {
    const open = this.getOffer(offerId, workerId);
    if (!open) return undefined;
    // The offer row decides first (atomic in the database): a claim that lost a race, or whose
    // row another process already closed, takes nothing here.
    let stored = true;
    const claimed = await this.o.store.claimOffer(offerId, workerId, this.o.clock.now()).catch((err: unknown) => {
      this.o.log.warn({ err, offerId }, 'offer claim could not be stored; accepting from memory');
      stored = false;
      return true;
    });
    if (!claimed) return undefined;
    if (stored) this.claimedInStore.add(offerId);
    const task = this.engine.accept(offerId, workerId);
    this.claimedInStore.delete(offerId);
    if (!task) return undefined;
    if (open.kind !== 'routed') this.directedMeta.delete(open.sessionId);
    return { task, offer: open };
  }

  /** The session row refused an accepted offer (another process assigned it, or the visitor left): the task goes back to its queue if `stillQueued`, else leaves routing. */
  async undoAccept(sessionId: string, stillQueued: boolean): Promise<void> {
    const t = this.engine.task(sessionId);
    if (!t) return;
    return this.op(() => {
      if (stillQueued) this.engine.enqueue({ id: t.id, language: t.language, priority: t.priority, department: t.department, createdAt: t.createdAt, data: t.data });
      else this.engine.removeTask(sessionId);
      const after = this.engine.task(sessionId);
      if (after) this.persistTask(after);
      else this.write(`s:${sessionId}`, 'delete task', () => this.o.store.deleteTask(sessionId));
    });
  }

  /** Declines an open offer (re-offered to the next worker). False when not open for this worker. */
  async decline(offerId: string, workerId: string): Promise<boolean> {
    return this.op(() => this.engine.decline(offerId, workerId));
  }

  /** The session ended or went back to the assistant: its task leaves routing (an assigned worker wraps up for `wrapUpMs`, default config). */
  async complete(sessionId: string, opts: { wrapUpMs?: number } = {}): Promise<void> {
    return this.op(() => {
      const t = this.engine.task(sessionId);
      if (t?.state === 'assigned' && t.assignedAt !== null) {
        const handleMs = this.o.clock.now() - t.assignedAt;
        this.safe(() => this.o.events.taskCompleted?.(sessionId, handleMs));
      }
      if (t?.state === 'assigned') this.engine.completeTask(sessionId, opts);
      else if (t) this.engine.removeTask(sessionId);
      this.directedMeta.delete(sessionId);
      this.write(`s:${sessionId}`, 'delete task', () => this.o.store.deleteTask(sessionId));
    });
  }

  /** Ends a worker's wrap-up (they chose `available`). */
  endWrapUp(workerId: string): boolean {
    return this.engine.endWrapUp(workerId);
  }

  // --- reads ---------------------------------------------------------------------------

  /** The open offer with this id, if it belongs to `workerId` (any worker when omitted). */
  getOffer(offerId: string, workerId?: string): RoutedOffer | undefined {
    const o = this.engine.getOffer(offerId, workerId);
    return o && this.routed(o);
  }
  /** Open offers of a worker. */
  offersOf(workerId: string): RoutedOffer[] {
    return this.engine.offersOf(workerId).map((o) => this.routed(o));
  }
  /** Queue status of a queued session. */
  queueStatus(sessionId: string): TaskQueueStatus | undefined {
    return this.engine.queueStatus(sessionId);
  }
  /** Queued session ids in routing order. */
  queuedSessionIds(): string[] {
    return this.engine.queuedTaskIds();
  }
  /** A task snapshot (queued or assigned). */
  task(sessionId: string): TaskSnapshot | undefined {
    return this.engine.task(sessionId);
  }
  /** Device of a task's session. */
  deviceOf(sessionId: string): string | undefined {
    return (this.engine.task(sessionId)?.data as TaskData | undefined)?.deviceId;
  }
  /** A worker's routing snapshot. */
  worker(workerId: string): WorkerSnapshot | undefined {
    return this.engine.worker(workerId);
  }
  /** Every worker routing knows (connected ones). */
  workers(): WorkerSnapshot[] {
    return this.engine.workers();
  }

  /** Resolves when every write issued so far has been attempted. */
  async flush(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Stops timers (routing stops; the store keeps the state for the next start). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.engine.close();
  }

  // --- internals -----------------------------------------------------------------------

  private routed(o: Offer): RoutedOffer {
    const meta = this.offerMeta.get(o.offerId) ?? { kind: 'routed' as const, fromWorkerId: null, note: null };
    return { ...o, sessionId: o.taskId, ...meta };
  }

  private onOffer(o: Offer): void {
    const pending = o.directed ? this.directedMeta.get(o.taskId) : undefined;
    const meta = pending ? { kind: pending.kind, fromWorkerId: pending.fromWorkerId, note: pending.note } : { kind: 'routed' as const, fromWorkerId: null, note: null };
    this.offerMeta.set(o.offerId, meta);
    const stored: StoredOffer = { offerId: o.offerId, sessionId: o.taskId, workerId: o.workerId, kind: meta.kind, fromWorkerId: meta.fromWorkerId, note: meta.note, needsTranslation: o.needsTranslation, createdAt: o.createdAt, expiresAt: o.expiresAt };
    const routed = this.routed(o);
    // Deliver once stored (a restart then keeps the offer and its deadline). If the store refused
    // it because the session already has an open offer (another process offered it: never two
    // workers on one offer), it is withdrawn here. On any other failure it is delivered anyway:
    // an offer nobody sees would time out and mark the worker away for nothing.
    let conflict = false;
    const insert = () =>
      this.o.store.insertOffer(stored).catch((err: unknown) => {
        if ((err as { code?: string }).code === '23505') conflict = true;
        else throw err;
      });
    void this.write(`s:${o.taskId}`, 'insert offer', insert).then(() => {
      if (this.closed || !this.engine.getOffer(o.offerId)) return;
      if (conflict) {
        this.o.log.warn({ sessionId: o.taskId, offerId: o.offerId }, 'session already has an open offer elsewhere; offer withdrawn');
        this.engine.withdrawOffer(o.offerId);
        return;
      }
      this.safe(() => this.o.events.offer?.(routed));
    });
  }

  private onRevoked(o: Offer, reason: RevokeReason): void {
    const routed = this.routed(o);
    this.offerMeta.delete(o.offerId);
    const outcome: OfferOutcome = reason === 'declined' ? 'declined' : reason === 'timeout' ? 'timeout' : 'revoked';
    this.write(`s:${o.taskId}`, 'close offer', () => this.o.store.closeOffer(o.offerId, outcome, reason, this.o.clock.now()));
    this.safe(() => this.o.events.offerRevoked?.(routed, reason));
  }

  private persistTask(t: TaskSnapshot | undefined): void {
    if (!t) return;
    const data = t.data as TaskData | undefined;
    const stored: StoredTask = {
      sessionId: t.id,
      deviceId: data?.deviceId ?? '',
      language: t.language,
      priority: t.priority,
      department: t.department,
      minLevel: t.minLevel,
      site: t.site,
      createdAt: t.createdAt,
      queuedAt: t.queuedAt,
      atHead: t.atHead,
      state: t.state,
      workerId: t.workerId,
      assignedAt: t.state === 'assigned' ? t.assignedAt : null,
    };
    this.write(`s:${t.id}`, 'save task', () => this.o.store.saveTask(stored));
  }

  private persistPresence(w: WorkerSnapshot): void {
    const p = { workerId: w.id, presence: w.presence, awayReason: w.awayReason, idleSince: w.idleSince, wrapUpUntil: w.wrapUpUntil, state: w.state };
    // Written when what a restart or another node needs changes (presence, reason, wrap-up, derived state), not on every idle tick.
    const key = `${p.presence}|${p.awayReason}|${p.wrapUpUntil}|${p.state}`;
    if (this.lastPresenceKey.get(w.id) === key) return;
    this.lastPresenceKey.set(w.id, key);
    this.write(`w:${w.id}`, 'save presence', () => this.o.store.savePresence(p));
  }
  private readonly lastPresenceKey = new Map<string, string>();

  /**
   * Queues a store write after the previous writes of the same entity (`s:<session>` for a
   * task and its offers, `w:<worker>` for presence), so writes of one entity keep their order
   * while different entities are written concurrently. A failure is logged with what it was.
   */
  private write(key: string, what: string, fn: () => Promise<void>): Promise<void> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const p = prev.then(fn).catch((err: unknown) => this.o.log.error({ err, what, key }, 'routing store write failed; routing continues from memory'));
    this.chains.set(key, p);
    void p.then(() => {
      if (this.chains.get(key) === p) this.chains.delete(key);
    });
    this.tracked?.push(p);
    return p;
  }

  /** Runs one operation on the engine and resolves once the writes it caused are stored. */
  private async op<T>(fn: () => T): Promise<T> {
    const { value, written } = this.tracking(fn);
    await written;
    return value;
  }

  /** Runs `fn` and returns, with its result, a promise of the writes it caused. */
  private tracking<T>(fn: () => T): { value: T; written: Promise<unknown> } {
    const outer = this.tracked;
    const mine: Promise<void>[] = [];
    this.tracked = mine;
    try {
      return { value: fn(), written: Promise.all(mine) };
    } finally {
      this.tracked = outer;
      outer?.push(...mine);
    }
  }
  private tracked: Promise<void>[] | null = null;
  private readonly chains = new Map<string, Promise<void>>();

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.o.log.error({ err }, 'routing event listener failed');
    }
  }
}
