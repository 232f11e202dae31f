/**
 * Backward-compatible facade: the session service's `TaskRouter` API (enqueue, claim,
 * decline, upsertWorker, removeWorker, removeTask, queueStatus, queuedSessionIds, offersOf,
 * getOffer, close; events offer / offerRevoked / queueChanged) on top of {@link RoutingEngine}.
 * New code can use {@link TaskRouter.engine} directly.
 */
import type { Language } from '@telekiosk/shared';
import { RoutingEngine } from './engine.ts';
import type { Clock, Department, Offer, Proficiency, RevokeReason, RoutingConfig, TransferResult, TransferTarget } from './types.ts';

export { systemClock, type Clock } from './types.ts';

/** A session waiting for a worker. Lower `priority` number = served first (0 = safety). */
export interface Task {
  sessionId: string;
  language: Language;
  priority: number;
  /** When the task entered the queue (ms since epoch); age and aging count from here. */
  enqueuedAt: number;
  /** Department queue (optional; default `general`). */
  department?: Department;
  /** Minimum worker level (optional; default 1). */
  minLevel?: number;
  /** Kiosk site id (optional). */
  site?: string;
}

/** A routable worker: only `available` workers with a free slot get offers. */
export interface RoutableWorker {
  workerId: string;
  /** Languages spoken (native, proficiency 5) unless `proficiency` says otherwise. */
  languages: Language[];
  available: boolean;
  /** When the worker last became available (ms); longest idle is offered first. */
  availableSince: number;
  /** Optional proficiency per language (1..5). */
  proficiency?: Partial<Record<Language, Proficiency>>;
  /** Optional departments (default [`general`]). */
  departments?: Department[];
  /** Optional level 1..3 (default 1). */
  level?: number;
  /** Optional concurrent tasks (default 1). */
  capacity?: number;
}

/** An open offer (reservation) of one task to one worker. */
export interface OpenOffer {
  offerId: string;
  sessionId: string;
  workerId: string;
  /** Expiry (ms since epoch). */
  expiresAt: number;
  /** True when the worker does not speak the visitor's language (live translation). */
  needsTranslation?: boolean;
  /** True for a directed (transfer) offer. */
  directed?: boolean;
}

/** Events the router emits; the session service turns them into socket messages. */
export interface RouterEvents {
  /** Offer a task to a worker. */
  offer(offer: OpenOffer): void;
  /** An offer closed without accept. `timeout` also makes the worker unavailable (missed offer); every other engine reason maps to `abandoned`. */
  offerRevoked(offer: OpenOffer, reason: 'declined' | 'timeout' | 'abandoned'): void;
  /** Queue positions may have changed (at most once per call). */
  queueChanged(): void;
}

/** Options of the facade; `routing` overrides engine rules (see {@link COMPAT_ROUTING_DEFAULTS}). */
export interface RouterOptions {
  /** Offer timeout in ms (default 20000). */
  offerTimeoutMs: number;
  /** Average handle time in ms, for estimated waits (initial value; learnt afterwards). */
  avgHandleMs: number;
  clock: Clock;
  newId: () => string;
  events: RouterEvents;
  /** Extra engine configuration. */
  routing?: Partial<RoutingConfig>;
}

/**
 * Engine rules the facade uses unless `routing` overrides them, matching the previous
 * router: a non-speaker is eligible at once but ranked after every speaker
 * (`languageFallbackMs: 0`), any listed language counts as spoken (`minSpeakerProficiency: 1`),
 * and no engine wrap-up (`wrapUpMs: 0`: the session service runs its own wrap-up timer and
 * reports it through `upsertWorker({ available: false })`).
 */
export const COMPAT_ROUTING_DEFAULTS: Readonly<Partial<RoutingConfig>> = Object.freeze({ languageFallbackMs: 0, minSpeakerProficiency: 1, wrapUpMs: 0 });

/**
 * Skills-aware task router (facade over {@link RoutingEngine}). One open offer per task and
 * per worker slot; decline re-offers to the next worker; a timeout makes the worker away
 * (`missed_offer`). Pure domain logic: no I/O; persistence of the accept is the caller's.
 */
export class TaskRouter {
  /** The engine underneath (transfers, requeue at head, worker states, richer status). */
  readonly engine: RoutingEngine;

  constructor(opts: RouterOptions) {
    const events = opts.events;
    this.engine = new RoutingEngine({
      clock: opts.clock,
      newId: opts.newId,
      config: { ...COMPAT_ROUTING_DEFAULTS, offerTimeoutMs: opts.offerTimeoutMs, avgHandleMs: opts.avgHandleMs, ...opts.routing },
      events: {
        offer: (o) => events.offer(toOpenOffer(o)),
        offerRevoked: (o, reason) => events.offerRevoked(toOpenOffer(o), legacyReason(reason)),
        queueChanged: () => events.queueChanged(),
      },
    });
  }

  /** Adds or updates a worker (login, state change). `available: false` = away; their open offers are revoked (`abandoned`). */
  upsertWorker(w: Omit<RoutableWorker, 'availableSince'> & { availableSince?: number }): void {
    this.engine.upsertWorker({
      id: w.workerId,
      languages: w.proficiency ? { ...Object.fromEntries(w.languages.map((l) => [l, 5])), ...w.proficiency } : w.languages,
      ...(w.departments ? { departments: w.departments } : {}),
      ...(w.level !== undefined ? { level: w.level } : {}),
      ...(w.capacity !== undefined ? { capacity: w.capacity } : {}),
      state: w.available ? 'available' : 'away',
      ...(w.availableSince !== undefined ? { idleSince: w.availableSince } : {}),
    });
  }

  /** Removes a worker (logout/disconnect); their open offer is re-routed. */
  removeWorker(workerId: string): void {
    this.engine.removeWorker(workerId);
  }

  /** Adds a task to the queue and routes (a task the engine holds as claimed goes back to its queue). */
  enqueue(task: Task): void {
    this.engine.enqueue({ id: task.sessionId, language: task.language, priority: task.priority, createdAt: task.enqueuedAt, data: task, ...(task.department ? { department: task.department } : {}), ...(task.minLevel ? { minLevel: task.minLevel } : {}), ...(task.site ? { site: task.site } : {}) });
  }

  /** Puts a task at the front of its queue (e.g. its worker disconnected mid-call). */
  requeueAtHead(task: Task): void {
    const known = this.engine.task(task.sessionId);
    if (known) this.engine.requeueAtHead(task.sessionId);
    else this.engine.requeueAtHead({ id: task.sessionId, language: task.language, priority: task.priority, createdAt: task.enqueuedAt, data: task, ...(task.department ? { department: task.department } : {}) });
  }

  /** Cold transfer to a queue and/or directed offer to a worker (see RoutingEngine.transfer). */
  transfer(sessionId: string, target: TransferTarget): TransferResult {
    return this.engine.transfer(sessionId, target);
  }

  /** Removes a task (visitor left, or session ended). Revokes its open offer (`abandoned`); a claimed task frees its worker's slot. */
  removeTask(sessionId: string): void {
    this.engine.removeTask(sessionId);
  }

  /** The open offer with this id, if it belongs to `workerId`. */
  getOffer(offerId: string, workerId: string): OpenOffer | undefined {
    const o = this.engine.getOffer(offerId, workerId);
    return o && toOpenOffer(o);
  }

  /** Open offers of a worker. */
  offersOf(workerId: string): OpenOffer[] {
    return this.engine.offersOf(workerId).map(toOpenOffer);
  }

  /**
   * Claims an offer for accept: the task leaves the queue and takes the worker's slot. The
   * caller then persists the assignment atomically; if that fails it calls {@link enqueue}
   * again (the task returns to its queue with its age).
   * @returns the task, or undefined when the offer is no longer open for this worker.
   */
  claim(offerId: string, workerId: string): Task | undefined {
    const t = this.engine.accept(offerId, workerId);
    if (!t) return undefined;
    return (t.data as Task | undefined) ?? { sessionId: t.id, language: t.language, priority: t.priority, enqueuedAt: t.createdAt };
  }

  /** Declines an offer: re-offered to the next worker. Returns false when not open. */
  decline(offerId: string, workerId: string): boolean {
    return this.engine.decline(offerId, workerId);
  }

  /** Queue position (1-based, within its queue), estimated wait, eligible available workers and offered flag, for a queued task. */
  queueStatus(sessionId: string): { position: number; estimatedWaitMs: number; availableWorkers: number; offered: boolean } | undefined {
    const s = this.engine.queueStatus(sessionId);
    return s && { position: s.position, estimatedWaitMs: s.estimatedWaitMs, availableWorkers: s.availableWorkers, offered: s.offered };
  }

  /** Session ids in queue order. */
  queuedSessionIds(): string[] {
    return this.engine.queuedTaskIds();
  }

  /** Cancels all timers; idempotent. */
  close(): void {
    this.engine.close();
  }
}

function toOpenOffer(o: Offer): OpenOffer {
  return { offerId: o.offerId, sessionId: o.taskId, workerId: o.workerId, expiresAt: o.expiresAt, needsTranslation: o.needsTranslation, directed: o.directed };
}

function legacyReason(r: RevokeReason): 'declined' | 'timeout' | 'abandoned' {
  return r === 'declined' || r === 'timeout' ? r : 'abandoned';
}
