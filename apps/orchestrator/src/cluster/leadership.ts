import pg from 'pg';
import type { Logger } from '../logger.ts';

/**
 * The advisory lock key of the routing leader (any constant 64-bit number shared by all nodes
 * of a deployment; this one spells "tkroute").
 */
export const ROUTING_LOCK_KEY = 0x746b726f757465n;

/** How often a standby tries to take the lock, and the leader checks its connection (ms). */
export const LEADER_POLL_MS = 1000;

/** Who routes: exactly one node of a deployment holds leadership at a time. */
export interface Leadership {
  readonly isLeader: boolean;
  /** Starts campaigning; `onLead` runs when this node becomes leader, `onLose` when it stops being it. */
  start(events: { onLead(): Promise<void> | void; onLose(): void }): void;
  /** Gives leadership up (a draining node) and stops campaigning. */
  stop(): Promise<void>;
}

/** One process alone (embedded PGlite, no cluster): always the leader. */
export class SoleLeader implements Leadership {
  isLeader = false;
  start(events: { onLead(): Promise<void> | void; onLose(): void }): void {
    this.isLeader = true;
    void events.onLead();
  }
  async stop(): Promise<void> {
    this.isLeader = false;
  }
}

/**
 * Leadership through a PostgreSQL session-level advisory lock (`pg_try_advisory_lock`) held on
 * a dedicated connection: the lock is released when the connection ends, so a node that dies
 * loses it at once and a standby (polling every {@link LEADER_POLL_MS}) takes over. The leader
 * checks its connection every poll; a broken connection means it is no longer leader.
 */
export class PgAdvisoryLeadership implements Leadership {
  isLeader = false;
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private busy = false;
  private events: { onLead(): Promise<void> | void; onLose(): void } | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly key: bigint = ROUTING_LOCK_KEY,
  ) {}

  start(events: { onLead(): Promise<void> | void; onLose(): void }): void {
    this.events = events;
    const tick = () => {
      if (this.stopped || this.busy) return;
      this.busy = true;
      void this.campaign().finally(() => (this.busy = false));
    };
    tick();
    this.timer = setInterval(tick, LEADER_POLL_MS);
    this.timer.unref();
  }

  private async campaign(): Promise<void> {
    try {
      if (!this.client) {
        const c = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 2000 });
        c.on('error', (err) => {
          this.log.warn({ err }, 'leadership connection failed');
          this.lost();
        });
        await c.connect();
        this.client = c;
      }
      if (this.isLeader) {
        await this.client.query('select 1');
        return;
      }
      const r = await this.client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [this.key.toString()]);
      if (r.rows[0]?.ok && !this.stopped) {
        this.isLeader = true;
        this.log.info('this node is now the routing leader');
        await this.events?.onLead();
      }
    } catch (err) {
      this.log.warn({ err }, 'leadership check failed');
      this.lost();
    }
  }

  private lost(): void {
    const c = this.client;
    this.client = null;
    void c?.end().catch(() => undefined);
    if (this.isLeader) {
      this.isLeader = false;
      this.log.warn('this node lost routing leadership');
      this.events?.onLose();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const wasLeader = this.isLeader;
    this.isLeader = false;
    if (wasLeader) this.events?.onLose();
    const c = this.client;
    this.client = null;
    if (c) {
      await c.query('select pg_advisory_unlock_all()').catch(() => undefined);
      await c.end().catch(() => undefined);
    }
  }
}
