import type { QueueStatus } from '@telekiosk/shared';
import type { NewTask, RoutedOffer, RoutingService, WorkerProfile } from './service.ts';
import type { OfferKind, StoredTask } from './store.ts';
import type { AwayReason, Department, TaskSnapshot, WorkerSnapshot } from './types.ts';

/**
 * Routing as the session core uses it, on any node: every call is asynchronous because in a
 * cluster the one routing engine runs on the routing leader ({@link LocalRouting} there, a
 * remote stub elsewhere). Values are plain JSON (they may cross the network).
 */
export interface RoutingPort {
  workerOnline(profile: WorkerProfile, resume: boolean): Promise<WorkerSnapshot>;
  workerOffline(workerId: string): Promise<void>;
  setPresence(workerId: string, presence: 'available' | 'away', reason?: AwayReason): Promise<WorkerSnapshot | undefined>;
  enqueue(t: NewTask): Promise<TaskSnapshot>;
  requeueAtHead(sessionId: string, fallback: NewTask): Promise<void>;
  adopt(t: StoredTask): Promise<void>;
  moveToQueue(sessionId: string, department: Department, fallback: NewTask): Promise<void>;
  /** Raises a queued session to `priority` in `fallback.department`'s queue (default queue when absent), keeping its age; queued from `fallback` when routing does not hold it. */
  raisePriority(sessionId: string, priority: number, fallback: NewTask): Promise<TaskSnapshot | undefined>;
  directOffer(sessionId: string, toWorkerId: string, meta: { kind: Exclude<OfferKind, 'routed'>; fromWorkerId: string; note: string | null }): Promise<boolean>;
  /** Claims an open offer for the worker (see `RoutingService.accept`); undefined when it is gone. */
  accept(offerId: string, workerId: string): Promise<{ task: TaskSnapshot; offer: RoutedOffer } | undefined>;
  undoAccept(sessionId: string, stillQueued: boolean): Promise<void>;
  decline(offerId: string, workerId: string): Promise<boolean>;
  complete(sessionId: string, opts?: { wrapUpMs?: number }): Promise<void>;
  getOffer(offerId: string, workerId?: string): Promise<RoutedOffer | undefined>;
  offersOf(workerId: string): Promise<RoutedOffer[]>;
  task(sessionId: string): Promise<TaskSnapshot | undefined>;
  worker(workerId: string): Promise<WorkerSnapshot | undefined>;
  /** Queued sessions in routing order with what supervisors see of them. */
  queued(): Promise<{ sessionId: string; offered: boolean; priority: number; department: string }[]>;
  /** The waiting visitor's status (position, one waiting state, estimate), computed where routing runs. */
  queueStatus(sessionId: string): Promise<QueueStatus | undefined>;
  /** Asks routing to push fresh queue statuses to waiting kiosks (e.g. after a kiosk resynced). */
  pushQueueStatus(): Promise<void>;
}

/** The routing port of the node that runs the routing engine. */
export class LocalRouting implements RoutingPort {
  constructor(
    readonly service: RoutingService,
    private readonly views: { queueStatus(sessionId: string): QueueStatus | undefined; pushQueueStatus(): void },
  ) {}
  workerOnline(profile: WorkerProfile, resume: boolean) {
    return this.service.workerOnline(profile, resume);
  }
  workerOffline(workerId: string) {
    return this.service.workerOffline(workerId);
  }
  setPresence(workerId: string, presence: 'available' | 'away', reason?: AwayReason) {
    return this.service.setPresence(workerId, presence, reason);
  }
  enqueue(t: NewTask) {
    return this.service.enqueue(t);
  }
  requeueAtHead(sessionId: string, fallback: NewTask) {
    return this.service.requeueAtHead(sessionId, fallback);
  }
  adopt(t: StoredTask) {
    return this.service.adopt(t);
  }
  moveToQueue(sessionId: string, department: Department, fallback: NewTask) {
    return this.service.moveToQueue(sessionId, department, fallback);
  }
  raisePriority(sessionId: string, priority: number, fallback: NewTask) {
    return this.service.raisePriority(sessionId, priority, fallback);
  }
  directOffer(sessionId: string, toWorkerId: string, meta: { kind: Exclude<OfferKind, 'routed'>; fromWorkerId: string; note: string | null }) {
    return this.service.directOffer(sessionId, toWorkerId, meta);
  }
  async accept(offerId: string, workerId: string) {
    return this.service.accept(offerId, workerId);
  }
  undoAccept(sessionId: string, stillQueued: boolean) {
    return this.service.undoAccept(sessionId, stillQueued);
  }
  decline(offerId: string, workerId: string) {
    return this.service.decline(offerId, workerId);
  }
  complete(sessionId: string, opts?: { wrapUpMs?: number }) {
    return this.service.complete(sessionId, opts);
  }
  async getOffer(offerId: string, workerId?: string) {
    return this.service.getOffer(offerId, workerId);
  }
  async offersOf(workerId: string) {
    return this.service.offersOf(workerId);
  }
  async task(sessionId: string) {
    return this.service.task(sessionId);
  }
  async worker(workerId: string) {
    return this.service.worker(workerId);
  }
  async queued() {
    return this.service.queuedSessionIds().map((id) => {
      const t = this.service.task(id);
      return { sessionId: id, offered: !!t?.offerId, priority: t?.priority ?? 5, department: t?.department ?? 'general' };
    });
  }
  async queueStatus(sessionId: string) {
    return this.views.queueStatus(sessionId);
  }
  async pushQueueStatus() {
    this.views.pushQueueStatus();
  }
}
