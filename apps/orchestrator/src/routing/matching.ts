import type { Language, WorkerState } from '@telekiosk/shared';
import type { AwayReason, Department, Presence, Proficiency, RoutingConfig } from './types.ts';

/**
 * Internal records and the matching rules (eligibility and candidate ranking). Pure
 * functions of (worker, task, now, config); the engine owns the records.
 */

/** Internal mutable worker record. */
export interface WorkerRec {
  id: string;
  languages: Map<Language, Proficiency>;
  departments: Set<Department>;
  level: number;
  capacity: number;
  sites: Set<string> | null;
  presence: Presence;
  awayReason: AwayReason | null;
  idleSince: number;
  /** Open offer ids. */
  offers: Set<string>;
  /** Wrap-up timer handles, one per slot in wrap-up. */
  wrapTimers: Set<unknown>;
  /** When the last running wrap-up ends (ms); meaningful while `wrapTimers` is not empty. */
  wrapUntil?: number;
  /** Tasks waiting for a directed offer to this worker. */
  directed: Set<TaskRec>;
  /** Last state reported through `workerStateChanged`. */
  reported: WorkerState;
  reportedReason: AwayReason | null;
}

/** A pending directed offer (transfer) of a task. */
export interface TransferRec {
  workerId: string;
  /** Queue to cold-transfer to when the directed offer fails (null: stay). */
  fallbackQueue: Department | null;
  wrapUpMs: number | undefined;
  timer: unknown;
  /** Offer even while the worker is away (see {@link TransferTarget.anyPresence}). */
  anyPresence?: boolean;
}

/** Internal mutable task record. */
export interface TaskRec {
  id: string;
  language: Language;
  priority: number;
  department: Department;
  minLevel: number;
  site: string | null;
  createdAt: number;
  queuedAt: number;
  /** Insertion sequence: the final tie-break, keeps order total and stable. */
  seq: number;
  head: boolean;
  state: 'queued' | 'assigned';
  workerId: string | null;
  assignedAt: number | null;
  offerId: string | null;
  /** Workers who declined or missed it; skipped until every free eligible worker has. */
  declined: Set<string>;
  transfer: TransferRec | null;
  /** Eligibility fallback timers (language, department). */
  timers: unknown[];
  /** Queue order key, see queue.ts. */
  key: readonly number[];
  data: unknown;
}

/** How a worker matches a task. */
export interface Match {
  /** Worker's proficiency in the task language (0 = none). */
  proficiency: number;
  /** Below `minSpeakerProficiency`: the offer carries `needsTranslation`. */
  needsTranslation: boolean;
  /** Serves the task's department (false = `general` fallback). */
  departmentExact: boolean;
}

/**
 * Eligibility of `w` for `t` at `now`, or null. Rules, in order:
 * 1. Directed transfer: only the named worker is eligible, skills unchecked.
 * 2. Site: a worker with `sites` serves only tasks of those sites.
 * 3. Level: `worker.level >= task.minLevel` (never relaxed).
 * 4. Department: the worker serves `task.department`; or, once the task has waited
 *    `config.departmentFallbackMs` in its queue, serves `config.fallbackDepartment`.
 * 5. Language: proficiency >= `config.minSpeakerProficiency`; or, once the task has waited
 *    `config.languageFallbackMs` in its queue, any worker (needsTranslation = true).
 * 6. Safety: with `config.safetyToAnyWorker`, a task in the protected band (priority below
 *    `config.agingMinPriority`, i.e. safety) skips rules 4 and 5 at once.
 * Waits count from `task.queuedAt`. Presence, free slots and declines are the caller's checks.
 */
export function matchWorker(w: WorkerRec, t: TaskRec, now: number, cfg: RoutingConfig): Match | null {
  const proficiency = w.languages.get(t.language) ?? 0;
  const needsTranslation = proficiency < cfg.minSpeakerProficiency;
  if (t.transfer) return t.transfer.workerId === w.id ? { proficiency, needsTranslation, departmentExact: true } : null;
  if (w.sites && t.site !== null && !w.sites.has(t.site)) return null;
  if (w.level < t.minLevel) return null;
  const waited = now - t.queuedAt;
  const departmentExact = w.departments.has(t.department);
  // Safety band: any worker at once, whatever their department or language (translation flagged).
  const anyone = cfg.safetyToAnyWorker && t.priority < cfg.agingMinPriority;
  if (!departmentExact && !anyone && !(waited >= cfg.departmentFallbackMs && w.departments.has(cfg.fallbackDepartment))) return null;
  if (needsTranslation && !anyone && !(waited >= cfg.languageFallbackMs)) return null;
  return { proficiency, needsTranslation, departmentExact };
}

/**
 * Ranks two eligible workers for one task (negative = `a` first): speakers before
 * non-speakers, higher proficiency, exact department before the fallback, then longest idle
 * (fairness: earliest `idleSince`), then id for determinism.
 */
export function compareCandidates(a: WorkerRec, am: Match, b: WorkerRec, bm: Match): number {
  return (
    Number(am.needsTranslation) - Number(bm.needsTranslation) ||
    bm.proficiency - am.proficiency ||
    Number(bm.departmentExact) - Number(am.departmentExact) ||
    a.idleSince - b.idleSince ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * A task's "skill profile" at `now`: tasks with equal profiles have the same eligible
 * workers, so worker counts can be cached per profile (null = not cacheable: directed).
 */
export function profileKey(t: TaskRec, now: number, cfg: RoutingConfig): string | null {
  if (t.transfer) return null;
  const waited = now - t.queuedAt;
  const anyone = cfg.safetyToAnyWorker && t.priority < cfg.agingMinPriority ? 1 : 0;
  return `${t.language}|${t.department}|${t.minLevel}|${t.site ?? ''}|${waited >= cfg.languageFallbackMs ? 1 : 0}|${waited >= cfg.departmentFallbackMs ? 1 : 0}|${anyone}`;
}

/** Normalizes the `languages` input to a proficiency map (an array means native, 5). */
export function toLanguageMap(input: Partial<Record<Language, Proficiency>> | readonly Language[]): Map<Language, Proficiency> {
  if (Array.isArray(input)) return new Map((input as readonly Language[]).map((l) => [l, 5 as Proficiency]));
  const m = new Map<Language, Proficiency>();
  for (const [l, p] of Object.entries(input as Partial<Record<Language, Proficiency>>)) {
    if (p !== undefined) m.set(l as Language, Math.max(1, Math.min(5, Math.round(p))) as Proficiency);
  }
  return m;
}
