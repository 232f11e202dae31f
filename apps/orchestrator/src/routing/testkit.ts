import { ManualClock } from './manualClock.ts';
import { RoutingEngine } from './engine.ts';
import { matchWorker, type TaskRec, type WorkerRec } from './matching.ts';
import type { Offer, RevokeReason, RoutingConfig, RoutingEvents, WorkerSnapshot } from './types.ts';

/**
 * Test kit for the routing engine: a manual clock, an engine recording every event, and an
 * invariant checker. Used by the unit tests and the benchmark; not part of the runtime API.
 */
export function setupEngine(config: Partial<RoutingConfig> = {}, extra: Partial<RoutingEvents> = {}) {
  const clock = new ManualClock();
  const offers: Offer[] = [];
  const revoked: [Offer, RevokeReason][] = [];
  const states: [string, WorkerSnapshot['state'], string | null][] = [];
  const failed: [string, string, string][] = [];
  let queueChanges = 0;
  let n = 0;
  const engine = new RoutingEngine({
    clock,
    newId: () => `o${++n}`,
    config,
    events: {
      offer: (o) => (offers.push(o), extra.offer?.(o)),
      offerRevoked: (o, r) => (revoked.push([o, r]), extra.offerRevoked?.(o, r)),
      offerAccepted: (o, t) => extra.offerAccepted?.(o, t),
      workerStateChanged: (w, prev) => (states.push([w.id, w.state, w.awayReason]), extra.workerStateChanged?.(w, prev)),
      transferFailed: (t, w, r) => (failed.push([t, w, r]), extra.transferFailed?.(t, w, r)),
      queueChanged: (q) => (queueChanges++, extra.queueChanged?.(q)),
    },
  });
  /** Last offer made to a worker. */
  const lastOfferTo = (workerId: string) => offers.filter((o) => o.workerId === workerId).at(-1);
  return { clock, engine, offers, revoked, states, failed, lastOfferTo, queueChanges: () => queueChanges };
}

/**
 * Checks the engine's invariants through its internals; returns violations (empty = ok):
 * at most one open offer per task; offers only on existing tasks; a worker's offers +
 * assigned + wrap-up never exceed capacity; no queued, un-offered task has an eligible free
 * worker (incremental routing missed nothing).
 */
export function invariantViolations(engine: RoutingEngine): string[] {
  const e = engine as unknown as { tasksById: Map<string, TaskRec>; workersById: Map<string, WorkerRec>; assigned: Map<string, Set<TaskRec>>; closed: boolean };
  const out: string[] = [];
  const perTask = new Map<string, number>();
  for (const o of engine.openOffers()) {
    perTask.set(o.taskId, (perTask.get(o.taskId) ?? 0) + 1);
    const t = e.tasksById.get(o.taskId);
    if (!t) out.push(`offer ${o.offerId} for unknown task ${o.taskId}`);
    else if (t.offerId !== o.offerId) out.push(`task ${t.id} does not point at its offer ${o.offerId}`);
  }
  for (const [id, n] of perTask) if (n > 1) out.push(`task ${id} has ${n} open offers`);
  for (const w of e.workersById.values()) {
    const used = w.offers.size + (e.assigned.get(w.id)?.size ?? 0) + w.wrapTimers.size;
    if (used > w.capacity) out.push(`worker ${w.id} uses ${used} > capacity ${w.capacity}`);
  }
  if (e.closed) return out;
  const now = engine.config && (engine as unknown as { clock: { now(): number } }).clock.now();
  for (const t of e.tasksById.values()) {
    if (t.state !== 'queued' || t.offerId) continue;
    for (const w of e.workersById.values()) {
      const free = w.presence === 'available' && w.capacity - w.offers.size - (e.assigned.get(w.id)?.size ?? 0) - w.wrapTimers.size > 0;
      if (free && matchWorker(w, t, now, engine.config)) out.push(`task ${t.id} waits while ${w.id} is free and eligible`);
    }
  }
  return out;
}
