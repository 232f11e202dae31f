import type { Language } from '@telekiosk/shared';

/** Injected time and timers, so routing is testable without real time. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** A session waiting for a worker. Lower `priority` number = served first (0 = safety). */
export interface Task {
  sessionId: string;
  language: Language;
  priority: number;
  /** When the task entered the queue (ms since epoch). */
  enqueuedAt: number;
}

/** A routable worker: only `available` workers with no open offer get offers. */
export interface RoutableWorker {
  workerId: string;
  languages: Language[];
  available: boolean;
  /** When the worker last became available (ms); longest idle is offered first. */
  availableSince: number;
}

/** An open offer (reservation) of one task to one worker. */
export interface OpenOffer {
  offerId: string;
  sessionId: string;
  workerId: string;
  /** Expiry (ms since epoch). */
  expiresAt: number;
}

/** Events the router emits; the session service turns them into socket messages. */
export interface RouterEvents {
  /** Offer a task to a worker. */
  offer(offer: OpenOffer): void;
  /** An offer closed without accept. `timeout` also makes the worker unavailable (missed offer). */
  offerRevoked(offer: OpenOffer, reason: 'declined' | 'timeout' | 'abandoned'): void;
  /** Queue positions may have changed. */
  queueChanged(): void;
}

export interface RouterOptions {
  /** Offer timeout in ms (default 20000). */
  offerTimeoutMs: number;
  /** Average handle time in ms, for estimated waits. */
  avgHandleMs: number;
  clock: Clock;
  newId: () => string;
  events: RouterEvents;
}

/**
 * Minimal skills-aware task router: a priority queue of tasks (priority, then age), and
 * offers to available workers (native-language workers first, then longest idle; a worker
 * without the language is used when nobody with it is available). One open offer per task
 * and per worker, so a task is never offered to two workers at once. Declining moves the
 * offer to the next worker; a timeout also marks the worker unavailable (missed offer).
 * Pure domain logic: no I/O; persistence of the accept is the caller's (atomic UPDATE).
 */
export class TaskRouter {
  private readonly tasks = new Map<string, Task>();
  private readonly workers = new Map<string, RoutableWorker>();
  private readonly offers = new Map<string, OpenOffer & { timer: unknown }>();
  /** Workers who declined a task: skipped for it until everyone available has declined. */
  private readonly declined = new Map<string, Set<string>>();
  private closed = false;

  constructor(private readonly opts: RouterOptions) {}

  /** Adds or updates a worker (login, state change). Triggers routing. */
  upsertWorker(w: Omit<RoutableWorker, 'availableSince'> & { availableSince?: number }): void {
    const prev = this.workers.get(w.workerId);
    const availableSince = w.available ? (prev?.available ? prev.availableSince : (w.availableSince ?? this.opts.clock.now())) : 0;
    this.workers.set(w.workerId, { ...w, availableSince });
    if (!w.available) this.revokeOffersOfWorker(w.workerId, 'abandoned');
    this.route();
  }

  /** Removes a worker (logout/disconnect); their open offer is re-routed. */
  removeWorker(workerId: string): void {
    this.revokeOffersOfWorker(workerId, 'abandoned');
    this.workers.delete(workerId);
    this.route();
  }

  /** Adds a task to the queue and routes. */
  enqueue(task: Task): void {
    this.tasks.set(task.sessionId, task);
    this.route();
  }

  /** Removes a task (visitor left, or accepted). Revokes its open offer as `abandoned`. */
  removeTask(sessionId: string): void {
    if (!this.tasks.delete(sessionId)) return;
    this.declined.delete(sessionId);
    for (const o of [...this.offers.values()]) if (o.sessionId === sessionId) this.closeOffer(o.offerId, 'abandoned');
    this.opts.events.queueChanged();
    this.route();
  }

  /** The open offer with this id, if it belongs to `workerId`. */
  getOffer(offerId: string, workerId: string): OpenOffer | undefined {
    const o = this.offers.get(offerId);
    return o && o.workerId === workerId ? strip(o) : undefined;
  }

  /** Open offers of a worker. */
  offersOf(workerId: string): OpenOffer[] {
    return [...this.offers.values()].filter((o) => o.workerId === workerId).map(strip);
  }

  /**
   * Claims an offer for accept: removes the offer and the task from routing. The caller then
   * persists the assignment atomically; if that fails it calls {@link enqueue} again.
   * @returns the task, or undefined when the offer is no longer open for this worker.
   */
  claim(offerId: string, workerId: string): Task | undefined {
    const o = this.offers.get(offerId);
    if (!o || o.workerId !== workerId) return undefined;
    this.opts.clock.clearTimeout(o.timer);
    this.offers.delete(offerId);
    const task = this.tasks.get(o.sessionId);
    this.tasks.delete(o.sessionId);
    this.declined.delete(o.sessionId);
    const w = this.workers.get(workerId);
    if (w) this.workers.set(workerId, { ...w, available: false, availableSince: 0 });
    this.opts.events.queueChanged();
    this.route();
    return task;
  }

  /** Declines an offer: re-offered to the next worker. Returns false when not open. */
  decline(offerId: string, workerId: string): boolean {
    const o = this.offers.get(offerId);
    if (!o || o.workerId !== workerId) return false;
    const set = this.declined.get(o.sessionId) ?? new Set<string>();
    set.add(workerId);
    this.declined.set(o.sessionId, set);
    this.closeOffer(offerId, 'declined');
    this.route();
    return true;
  }

  /** Queue position (1-based), estimated wait and whether an offer is out, for a queued task. */
  queueStatus(sessionId: string): { position: number; estimatedWaitMs: number; availableWorkers: number; offered: boolean } | undefined {
    const ordered = this.orderedTasks();
    const idx = ordered.findIndex((t) => t.sessionId === sessionId);
    if (idx < 0) return undefined;
    const position = idx + 1;
    const availableWorkers = [...this.workers.values()].filter((w) => w.available).length;
    const staffed = Math.max(1, [...this.workers.values()].length);
    const offered = [...this.offers.values()].some((o) => o.sessionId === sessionId);
    // Rough Erlang-free estimate: tasks ahead beyond free workers, spread over logged-in workers.
    const ahead = Math.max(0, position - availableWorkers);
    const estimatedWaitMs = offered || ahead === 0 ? Math.min(this.opts.offerTimeoutMs, 15_000) : Math.round((ahead * this.opts.avgHandleMs) / staffed);
    return { position, estimatedWaitMs, availableWorkers, offered };
  }

  /** Session ids in queue order. */
  queuedSessionIds(): string[] {
    return this.orderedTasks().map((t) => t.sessionId);
  }

  /** Cancels all timers; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const o of this.offers.values()) this.opts.clock.clearTimeout(o.timer);
    this.offers.clear();
  }

  private orderedTasks(): Task[] {
    return [...this.tasks.values()].sort((a, b) => a.priority - b.priority || a.enqueuedAt - b.enqueuedAt);
  }

  private route(): void {
    if (this.closed) return;
    const busyWorkers = new Set([...this.offers.values()].map((o) => o.workerId));
    const offeredTasks = new Set([...this.offers.values()].map((o) => o.sessionId));
    for (const task of this.orderedTasks()) {
      if (offeredTasks.has(task.sessionId)) continue;
      const free = [...this.workers.values()].filter((w) => w.available && !busyWorkers.has(w.workerId));
      if (free.length === 0) return;
      let declined = this.declined.get(task.sessionId) ?? new Set<string>();
      let candidates = free.filter((w) => !declined.has(w.workerId));
      if (candidates.length === 0) {
        // Everyone free has declined: start a new round rather than leave the visitor stranded.
        declined = new Set();
        this.declined.delete(task.sessionId);
        candidates = free;
      }
      candidates.sort((a, b) => {
        const la = a.languages.includes(task.language) ? 0 : 1;
        const lb = b.languages.includes(task.language) ? 0 : 1;
        return la - lb || a.availableSince - b.availableSince || a.workerId.localeCompare(b.workerId);
      });
      const w = candidates[0]!;
      const offerId = this.opts.newId();
      const expiresAt = this.opts.clock.now() + this.opts.offerTimeoutMs;
      const timer = this.opts.clock.setTimeout(() => this.onTimeout(offerId), this.opts.offerTimeoutMs);
      const offer = { offerId, sessionId: task.sessionId, workerId: w.workerId, expiresAt, timer };
      this.offers.set(offerId, offer);
      busyWorkers.add(w.workerId);
      offeredTasks.add(task.sessionId);
      this.opts.events.offer(strip(offer));
      this.opts.events.queueChanged();
    }
  }

  private onTimeout(offerId: string): void {
    const o = this.offers.get(offerId);
    if (!o) return;
    const w = this.workers.get(o.workerId);
    if (w) this.workers.set(o.workerId, { ...w, available: false, availableSince: 0 });
    this.closeOffer(offerId, 'timeout');
    this.route();
  }

  private revokeOffersOfWorker(workerId: string, reason: 'abandoned'): void {
    for (const o of [...this.offers.values()]) if (o.workerId === workerId) this.closeOffer(o.offerId, reason);
  }

  private closeOffer(offerId: string, reason: 'declined' | 'timeout' | 'abandoned'): void {
    const o = this.offers.get(offerId);
    if (!o) return;
    this.opts.clock.clearTimeout(o.timer);
    this.offers.delete(offerId);
    safe(() => this.opts.events.offerRevoked(strip(o), reason));
    this.opts.events.queueChanged();
  }
}

function strip(o: OpenOffer & { timer?: unknown }): OpenOffer {
  return { offerId: o.offerId, sessionId: o.sessionId, workerId: o.workerId, expiresAt: o.expiresAt };
}

function safe(fn: () => void) {
  try {
    fn();
  } catch {
    /* listeners cannot crash the router */
  }
}
