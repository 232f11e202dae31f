import type { QueueStatus } from '@telekiosk/shared';
import { OrchestratorError } from '../errors.ts';
import type { RoutingPort } from '../routing/port.ts';
import type { NewTask, RoutedOffer, WorkerProfile } from '../routing/service.ts';
import type { OfferKind, StoredTask } from '../routing/store.ts';
import type { AwayReason, Department, TaskSnapshot, WorkerSnapshot } from '../routing/types.ts';
import type { NodeRpc } from './rpc.ts';

/** RPC method names of the routing port on the leader (see {@link serveRouting}). */
const METHODS = ['workerOnline', 'workerOffline', 'setPresence', 'enqueue', 'requeueAtHead', 'adopt', 'moveToQueue', 'raisePriority', 'directOffer', 'accept', 'undoAccept', 'decline', 'complete', 'getOffer', 'offersOf', 'task', 'worker', 'queued', 'queueStatus', 'pushQueueStatus'] as const;
type Method = (typeof METHODS)[number];

/**
 * The routing port of a node that does not lead: every call goes to the routing leader over
 * {@link NodeRpc}. Without a leader (an election in progress) calls fail with `unavailable` and a
 * retry-after, which clients already handle.
 */
export class RemoteRouting implements RoutingPort {
  constructor(
    private readonly rpc: NodeRpc,
    private readonly leaderId: () => Promise<string | null>,
  ) {}

  private async call<T>(method: Method, args: unknown[]): Promise<T> {
    const leader = await this.leaderId();
    if (!leader) throw new OrchestratorError('unavailable', 'routing is being taken over by another node; retry shortly', { retryAfterMs: 1000 });
    const v = await this.rpc.call<T | null>(leader, `routing.${method}`, args);
    return (v === null ? undefined : v) as T;
  }

  workerOnline(profile: WorkerProfile, resume: boolean) {
    return this.call<WorkerSnapshot>('workerOnline', [profile, resume]);
  }
  workerOffline(workerId: string) {
    return this.call<void>('workerOffline', [workerId]);
  }
  setPresence(workerId: string, presence: 'available' | 'away', reason?: AwayReason) {
    return this.call<WorkerSnapshot | undefined>('setPresence', [workerId, presence, reason ?? null]);
  }
  enqueue(t: NewTask) {
    return this.call<TaskSnapshot>('enqueue', [t]);
  }
  requeueAtHead(sessionId: string, fallback: NewTask) {
    return this.call<void>('requeueAtHead', [sessionId, fallback]);
  }
  adopt(t: StoredTask) {
    return this.call<void>('adopt', [t]);
  }
  moveToQueue(sessionId: string, department: Department, fallback: NewTask) {
    return this.call<void>('moveToQueue', [sessionId, department, fallback]);
  }
  raisePriority(sessionId: string, priority: number, fallback: NewTask) {
    return this.call<TaskSnapshot | undefined>('raisePriority', [sessionId, priority, fallback]);
  }
  directOffer(sessionId: string, toWorkerId: string, meta: { kind: Exclude<OfferKind, 'routed'>; fromWorkerId: string; note: string | null }) {
    return this.call<boolean>('directOffer', [sessionId, toWorkerId, meta]);
  }
  accept(offerId: string, workerId: string) {
    return this.call<{ task: TaskSnapshot; offer: RoutedOffer } | undefined>('accept', [offerId, workerId]);
  }
  undoAccept(sessionId: string, stillQueued: boolean) {
    return this.call<void>('undoAccept', [sessionId, stillQueued]);
  }
  decline(offerId: string, workerId: string) {
    return this.call<boolean>('decline', [offerId, workerId]);
  }
  complete(sessionId: string, opts?: { wrapUpMs?: number }) {
    return this.call<void>('complete', [sessionId, opts ?? null]);
  }
  getOffer(offerId: string, workerId?: string) {
    return this.call<RoutedOffer | undefined>('getOffer', [offerId, workerId ?? null]);
  }
  async offersOf(workerId: string) {
    return (await this.call<RoutedOffer[] | undefined>('offersOf', [workerId])) ?? [];
  }
  task(sessionId: string) {
    return this.call<TaskSnapshot | undefined>('task', [sessionId]);
  }
  worker(workerId: string) {
    return this.call<WorkerSnapshot | undefined>('worker', [workerId]);
  }
  async queued() {
    return (await this.call<{ sessionId: string; offered: boolean; priority: number; department: string }[] | undefined>('queued', [])) ?? [];
  }
  queueStatus(sessionId: string) {
    return this.call<QueueStatus | undefined>('queueStatus', [sessionId]);
  }
  pushQueueStatus() {
    return this.call<void>('pushQueueStatus', []);
  }
}

/**
 * Serves the routing port over RPC on every node: calls are answered while this node leads
 * (`port()` returns its local routing), else refused with `unavailable` (the caller asks again
 * once it knows the new leader).
 */
export function serveRouting(rpc: NodeRpc, port: () => RoutingPort | null): void {
  const un = (v: unknown) => (v === null ? undefined : v);
  for (const method of METHODS) {
    rpc.handle(`routing.${method}`, async (args) => {
      const p = port();
      if (!p) throw new OrchestratorError('unavailable', 'this node is not the routing leader', { retryAfterMs: 500 });
      const fn = p[method] as (...a: unknown[]) => Promise<unknown>;
      return fn.apply(p, args.map(un));
    });
  }
}
