import type { Language, WorkerState } from '@telekiosk/shared';

/**
 * Public types of the routing engine: inputs, snapshots, offers (reservations), events and
 * configuration. Vocabulary follows contact-center task routers (Twilio TaskRouter:
 * tasks, reservations, worker activities; Amazon Connect: routing profiles, queues, after
 * contact work). All times are ms since the epoch as given by the injected {@link Clock};
 * all durations are ms.
 */

/** Injected time and timers, so routing is testable without real time. */
export interface Clock {
  /** Current time, ms since the epoch. */
  now(): number;
  /** Runs `fn` after `ms`; returns an opaque handle for {@link Clock.clearTimeout}. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock (Date.now and Node timers). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** A department (queue name), e.g. `citizen-services`, `tax`, `environment`, `general`. */
export type Department = 'citizen-services' | 'tax' | 'environment' | 'general' | (string & {});

/** Language proficiency 1..5 (5 = native), the usual 1-5 skill-level scale of contact-center routing profiles. */
export type Proficiency = 1 | 2 | 3 | 4 | 5;

/**
 * Why a worker is `away`. `missed_offer` is set by the engine when an offer times out
 * (Twilio's "missed reservation" activity); the others are chosen by the worker or supervisor.
 */
export type AwayReason = 'missed_offer' | 'break' | 'meal' | 'meeting' | 'training' | 'technical' | 'unavailable' | 'other' | (string & {});

/** Presence a caller can set; `busy` and `wrap_up` are derived from tasks (see {@link WorkerSnapshot.state}). */
export type Presence = 'available' | 'away' | 'offline';

/** Adds or updates a worker. Omitted fields keep their previous value (or the default for a new worker). */
export interface WorkerInput {
  id: string;
  /** Languages with proficiency; an array means every listed language is native (5). Default: none. */
  languages?: Partial<Record<Language, Proficiency>> | readonly Language[];
  /** Departments (queues) served. Default: [`config.fallbackDepartment`]. */
  departments?: readonly Department[];
  /** Tier 1..3 (3 = most senior). Default 1. */
  level?: number;
  /** Concurrent tasks (offers + assigned + wrap-up slots). Default `config.defaultCapacity`. */
  capacity?: number;
  /** Kiosk sites served; null or omitted = all sites. */
  sites?: readonly string[] | null;
  /** Presence to set (see {@link RoutingEngine.setWorkerState}); a new worker without it is `offline`. */
  state?: Presence;
  /** Reason when `state` is `away`. */
  awayReason?: AwayReason;
  /** Overrides "idle since" (ms) when the worker becomes available; longest idle is offered first. */
  idleSince?: number;
  /** Restore only: a wrap-up running until this time (ms) occupies one slot until then. */
  wrapUpUntil?: number | null;
}

/** A worker as the engine sees it. */
export interface WorkerSnapshot {
  id: string;
  /**
   * Contact-center state: `offline`; else `busy` while a task is assigned; else `wrap_up`
   * while a wrap-up timer runs; else `away` (with {@link awayReason}) or `available`.
   */
  state: WorkerState;
  /** Presence set by the caller (a busy worker may already be `away`: no new tasks after this one). */
  presence: Presence;
  awayReason: AwayReason | null;
  languages: Partial<Record<Language, Proficiency>>;
  departments: Department[];
  level: number;
  capacity: number;
  sites: string[] | null;
  /** When the worker last became available or finished a task (ms). */
  idleSince: number;
  /** Ids of tasks assigned (accepted, not completed). */
  activeTasks: string[];
  openOffers: number;
  wrapUpSlots: number;
  /** When the running wrap-up ends (ms), or null when none runs. */
  wrapUpUntil: number | null;
  /** capacity - active - offers - wrap-up; offers go out only while > 0 and available. */
  freeSlots: number;
}

/** A task to route (one escalated visitor session). */
export interface TaskInput {
  /** Task id (the session id). */
  id: string;
  /** Visitor's language. */
  language: Language;
  /** Priority: lower number is served sooner; 0 = safety. */
  priority: number;
  /** Department queue. Default `config.fallbackDepartment`. */
  department?: Department;
  /** Minimum worker level 1..3. Default 1. */
  minLevel?: number;
  /** Kiosk site id; null or omitted = any site. */
  site?: string | null;
  /** Creation time (ms) that age and aging count from. Default now. */
  createdAt?: number;
  /** Restore only: when it entered its current queue (ms); eligibility fallbacks count from here. Default now. */
  queuedAt?: number;
  /** Caller payload returned in snapshots (e.g. the original task object). */
  data?: unknown;
}

/** A task as the engine sees it. */
export interface TaskSnapshot {
  id: string;
  language: Language;
  priority: number;
  /** Priority after aging now (see {@link RoutingConfig.agingStepPerMinute}). */
  effectivePriority: number;
  department: Department;
  minLevel: number;
  site: string | null;
  createdAt: number;
  /** When it entered its current queue (ms); eligibility fallbacks count from here. */
  queuedAt: number;
  state: 'queued' | 'assigned';
  workerId: string | null;
  /** When it was assigned (ms), while assigned. */
  assignedAt: number | null;
  /** Open offer id, if any. */
  offerId: string | null;
  /** True after {@link RoutingEngine.requeueAtHead}. */
  atHead: boolean;
  /** Worker of a pending directed (transfer) offer. */
  transferTo: string | null;
  data: unknown;
}

/** An open offer (reservation) of one task to one worker slot. */
export interface Offer {
  offerId: string;
  taskId: string;
  workerId: string;
  /** Queue (department) of the task. */
  queue: Department;
  createdAt: number;
  /** Expiry (ms); the offer times out then. */
  expiresAt: number;
  /** True when the worker does not speak the visitor's language (live translation needed). */
  needsTranslation: boolean;
  /** True for a directed (transfer) offer to a named worker. */
  directed: boolean;
}

/**
 * Why an offer closed without accept: `declined` by the worker; `timeout` (the worker goes
 * away with `missed_offer`); `task_removed` (visitor left); `worker_unavailable` (worker went
 * away or offline); `transferred` (task moved elsewhere); `closed` never emitted (close is silent).
 */
export type RevokeReason = 'declined' | 'timeout' | 'task_removed' | 'worker_unavailable' | 'transferred';

/** Queue status of a queued task, for the waiting visitor. */
export interface TaskQueueStatus {
  taskId: string;
  queue: Department;
  /** 1-based position within its queue (1 = next). */
  position: number;
  queueLength: number;
  /**
   * Estimated wait (ms, integer); see `estimateWaitMs` in estimate.ts for the formula.
   */
  estimatedWaitMs: number;
  /** Workers eligible for it now who have a free slot and are available. */
  availableWorkers: number;
  /** Slots (capacity) of eligible workers who are logged in and not away. */
  staffedSlots: number;
  /** Slots of workers logged in and not away who can serve it now or once its fallbacks (language, department) apply: 0 = nobody on shift for it. */
  onShiftSlots: number;
  /** True while an offer is out. */
  offered: boolean;
  effectivePriority: number;
  /** How long it has waited since creation (ms). */
  waitedMs: number;
}

/** Where {@link RoutingEngine.transfer} sends a task. */
export interface TransferTarget {
  /** Cold transfer to this department queue (original age kept); with `toWorker`, the fallback when the directed offer fails. */
  toQueue?: Department;
  /** Directed offer to this worker (warm transfer target); skills are not checked. */
  toWorker?: string;
  /** Wrap-up for the releasing worker (ms). Default `config.wrapUpMs`. */
  wrapUpMs?: number;
  /**
   * Offer to `toWorker` as soon as they are connected with a free slot, even while away (a
   * colleague asked by name, or a supervisor's explicit assignment: the person can decline).
   * Default false: wait until they are available.
   */
  anyPresence?: boolean;
}

/** Result of {@link RoutingEngine.transfer}. */
export type TransferResult = { ok: true; offered: boolean } | { ok: false; reason: 'unknown_task' | 'unknown_worker' | 'worker_offline' };

/**
 * Events, emitted after each operation's state change is complete (listeners may call back
 * into the engine; nested calls queue their events behind the current ones). Listener errors
 * are swallowed so they cannot corrupt routing.
 */
export interface RoutingEvents {
  /** An offer went out. */
  offer(offer: Offer): void;
  /** An offer closed without accept. */
  offerRevoked(offer: Offer, reason: RevokeReason): void;
  /** An offer was accepted; the task is assigned. */
  offerAccepted(offer: Offer, task: TaskSnapshot): void;
  /** A worker's derived state changed (e.g. available -> busy, wrap_up -> available). */
  workerStateChanged(worker: WorkerSnapshot, previous: WorkerState): void;
  /** A directed transfer offer failed (declined, timed out, worker unavailable or waited too long). */
  transferFailed(taskId: string, workerId: string, reason: RevokeReason | 'wait_expired'): void;
  /** Positions or offered flags in these queues may have changed (at most once per operation). */
  queueChanged(queues: Department[]): void;
}

/** Routing rules and timings. Every rule names its field here. */
export interface RoutingConfig {
  /** Offer (reservation) timeout; then the worker goes away (`missed_offer`) and the task is re-offered. Default 20 000. */
  offerTimeoutMs: number;
  /** Language rule: before this wait (from `queuedAt`) only speakers are eligible; after it, non-speakers too (offer `needsTranslation`). 0 = at once, Infinity = never. Default 60 000. */
  languageFallbackMs: number;
  /** Proficiency at or above which a worker counts as a speaker. Default 3. */
  minSpeakerProficiency: number;
  /** Department rule: after this wait, workers of `fallbackDepartment` become eligible for other departments. Default 120 000. */
  departmentFallbackMs: number;
  /** The catch-all department. Default `general`. */
  fallbackDepartment: Department;
  /** Aging: effective priority = priority - step x minutes waited (since `createdAt`, continuous). 0 = off. Default 0.5. */
  agingStepPerMinute: number;
  /** Aging never lifts a task above tasks whose own priority is below this (default 1: safety, 0, always first). */
  agingMinPriority: number;
  /** Wrap-up (after-contact work) after a task completes. Default 5 000. */
  wrapUpMs: number;
  /** A directed transfer waits this long for the target worker to free a slot; then it fails. Default 60 000. */
  directedWaitMs: number;
  /** Initial average handle time for wait estimates. Default 240 000. */
  avgHandleMs: number;
  /** EWMA weight of each completed task's handle time (0 = keep `avgHandleMs` fixed). Default 0.2. */
  handleTimeSmoothing: number;
  /** Expected time to answer an offer, used when a worker is free now; capped by `offerTimeoutMs`. Default 15 000. */
  offerAnswerMs: number;
  /** Capacity of a worker when not given. Default 1. */
  defaultCapacity: number;
  /** Safety cases (priority below `agingMinPriority`) go to any available worker at once, whatever their department or language (translation flagged). Default true. */
  safetyToAnyWorker: boolean;
}

/** Defaults of {@link RoutingConfig}. */
export const DEFAULT_ROUTING_CONFIG: Readonly<RoutingConfig> = Object.freeze({
  offerTimeoutMs: 20_000,
  languageFallbackMs: 60_000,
  minSpeakerProficiency: 3,
  departmentFallbackMs: 120_000,
  fallbackDepartment: 'general',
  agingStepPerMinute: 0.5,
  agingMinPriority: 1,
  wrapUpMs: 5_000,
  directedWaitMs: 60_000,
  avgHandleMs: 240_000,
  handleTimeSmoothing: 0.2,
  offerAnswerMs: 15_000,
  defaultCapacity: 1,
  safetyToAnyWorker: true,
});

/** A task as restored from the store (see {@link RoutingEngine.restore}). */
export interface RestoredTask extends TaskInput {
  state: 'queued' | 'assigned';
  /** Requeued at the head of its queue. */
  atHead?: boolean;
  /** Assigned worker (state `assigned`). */
  workerId?: string | null;
  /** When it was assigned (ms), for handle-time learning. */
  assignedAt?: number | null;
}

/** An open offer as restored from the store: it keeps its id and deadline. */
export interface RestoredOffer {
  offerId: string;
  taskId: string;
  workerId: string;
  createdAt: number;
  /** Deadline (ms); an offer already past it is reported as timed out at once. */
  expiresAt: number;
  needsTranslation: boolean;
  /** A directed (transfer) offer: the task's pending transfer is restored with it. */
  directed: boolean;
}

/** Everything {@link RoutingEngine.restore} rebuilds. */
export interface RoutingState {
  workers: WorkerInput[];
  tasks: RestoredTask[];
  offers: RestoredOffer[];
}

/** Constructor options of the engine. */
export interface RoutingEngineOptions {
  clock: Clock;
  /** Offer id generator (e.g. crypto.randomUUID). */
  newId: () => string;
  events?: Partial<RoutingEvents>;
  config?: Partial<RoutingConfig>;
}
