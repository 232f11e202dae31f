import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import { OrchestratorError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** A remote call failed on the other node (its error code is kept) or did not come back in time. */
export class RpcError extends OrchestratorError {
  override name = 'RpcError';
}

/** Default time a call waits for the other node (ms). */
export const RPC_TIMEOUT_MS = 8000;

type Handler = (args: unknown[], from: string) => Promise<unknown> | unknown;
interface Request {
  to: string;
  from: string;
  id: string;
  method: string;
  args: unknown[];
}
interface Reply {
  to: string;
  id: string;
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string; retryAfterMs?: number };
}

/**
 * Calls between orchestrator nodes, carried by the socket.io adapter (`serverSideEmit` on the
 * `/cluster` namespace: Redis Streams in a cluster, nothing in one process): a request names its
 * target node, the target runs the handler and answers with a reply naming the caller. Errors
 * keep their wire code (`unavailable`, `conflict`...). A call to this node runs locally.
 * Clients cannot connect to `/cluster` (its middleware refuses every socket).
 */
export class NodeRpc {
  private readonly handlers = new Map<string, Handler>();
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }>();
  private closed = false;

  constructor(
    private readonly nsp: Namespace,
    readonly nodeId: string,
    private readonly log: Logger,
  ) {
    nsp.use((_socket, next) => next(new Error('forbidden: /cluster is for orchestrator nodes only')));
    nsp.on('rpc', (req: Request) => {
      if (req?.to !== this.nodeId) return;
      void this.serve(req);
    });
    nsp.on('rpc:reply', (rep: Reply) => {
      if (rep?.to !== this.nodeId) return;
      const p = this.pending.get(rep.id);
      if (!p) return;
      this.pending.delete(rep.id);
      clearTimeout(p.timer);
      if (rep.ok) p.resolve(rep.value);
      else p.reject(new RpcError((rep.error?.code ?? 'internal') as never, rep.error?.message ?? 'remote call failed', rep.error?.retryAfterMs !== undefined ? { retryAfterMs: rep.error.retryAfterMs } : {}));
    });
  }

  /** Registers the handler of `method` (one per method). */
  handle(method: string, fn: Handler): void {
    this.handlers.set(method, fn);
  }

  /**
   * Calls `method` on node `to`.
   * @throws RpcError with the remote error's code, or `unavailable` when the node does not answer within `timeoutMs`.
   */
  async call<T = unknown>(to: string, method: string, args: unknown[], timeoutMs = RPC_TIMEOUT_MS): Promise<T> {
    if (this.closed) throw new RpcError('unavailable', 'node is shutting down', { retryAfterMs: 1000 });
    if (to === this.nodeId) {
      const h = this.handlers.get(method);
      if (!h) throw new RpcError('internal', `no handler for ${method}`);
      return (await h(args, this.nodeId)) as T;
    }
    const id = randomUUID();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcError('unavailable', `node ${to} did not answer ${method} within ${timeoutMs} ms`, { retryAfterMs: 1000 }));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.nsp.serverSideEmit('rpc', { to, from: this.nodeId, id, method, args } satisfies Request);
    });
  }

  private async serve(req: Request): Promise<void> {
    const h = this.handlers.get(req.method);
    let reply: Reply;
    try {
      if (!h) throw new RpcError('internal', `no handler for ${req.method}`);
      const value = await h(req.args ?? [], req.from);
      reply = { to: req.from, id: req.id, ok: true, value: value === undefined ? null : value };
    } catch (err) {
      const e = err instanceof OrchestratorError ? { code: err.code, message: err.message, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) } : { code: 'internal', message: 'internal error on the remote node' };
      if (!(err instanceof OrchestratorError)) this.log.error({ err, method: req.method, from: req.from }, 'remote call failed');
      reply = { to: req.from, id: req.id, ok: false, error: e };
    }
    this.nsp.serverSideEmit('rpc:reply', reply);
  }

  /** Tells every other node `event` (no answer), e.g. "drop your cached copy of X". */
  broadcast(event: string, payload: unknown): void {
    if (!this.closed) this.nsp.serverSideEmit(`bc:${event}`, payload);
  }

  /** Handles `event` broadcast by other nodes. */
  onBroadcast(event: string, fn: (payload: unknown) => void): void {
    this.nsp.on(`bc:${event}`, (payload: unknown) => {
      try {
        fn(payload);
      } catch (err) {
        this.log.warn({ err, event }, 'broadcast handler failed');
      }
    });
  }

  /** Rejects pending calls; later calls fail with `unavailable`. Idempotent. */
  close(): void {
    this.closed = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new RpcError('unavailable', 'node is shutting down', { retryAfterMs: 1000 }));
    }
    this.pending.clear();
  }
}
