import { sql, type Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import type { DatabaseSchema } from '../db/schema.ts';

/** A node's heartbeat interval, and after how long without one it counts as dead (ms). */
export const HEARTBEAT_MS = 1000;
export const DEAD_AFTER_MS = 3000;

/** Media load a node reports (placement goes to the least loaded). */
export interface NodeMediaLoad {
  /** mediasoup workers running. */
  workers: number;
  rooms: number;
  consumers: number;
}

/** A node as the registry shows it. */
export interface NodeInfo {
  id: string;
  leader: boolean;
  draining: boolean;
  media: NodeMediaLoad;
  /** Time since its last heartbeat (ms). */
  silentMs: number;
}

/**
 * The nodes of a deployment in the `nodes` table: each node writes a heartbeat every
 * {@link HEARTBEAT_MS} with its media load and whether it drains; one silent for
 * {@link DEAD_AFTER_MS} is dead (its connections are gone, its media rooms lost). The routing
 * leader marks itself so other nodes know where to send routing calls.
 */
export class NodeRegistry {
  private timer: NodeJS.Timeout | null = null;
  private leaderCache: { id: string | null; at: number } = { id: null, at: 0 };
  private state = { leader: false, draining: false };

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    readonly nodeId: string,
    private readonly log: Logger,
  ) {}

  /** Registers this node and starts the heartbeat. */
  async start(load: () => NodeMediaLoad): Promise<void> {
    const beat = async () => {
      const media = JSON.stringify(load());
      await this.db
        .insertInto('nodes')
        .values({ id: this.nodeId, started_at: new Date(), last_seen: sql`now()` as never, leader: this.state.leader, draining: this.state.draining, media })
        .onConflict((oc) => oc.column('id').doUpdateSet({ last_seen: sql`now()` as never, leader: this.state.leader, draining: this.state.draining, media }))
        .execute();
    };
    await beat();
    this.timer = setInterval(() => void beat().catch((err: unknown) => this.log.warn({ err }, 'node heartbeat failed')), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Records that this node leads (or no longer does); other nodes' leader flags are cleared. */
  async setLeader(leader: boolean): Promise<void> {
    this.state.leader = leader;
    if (leader) await this.db.updateTable('nodes').set({ leader: sql`id = ${this.nodeId}` as never }).execute();
    else await this.db.updateTable('nodes').set({ leader: false }).where('id', '=', this.nodeId).execute();
    this.leaderCache = { id: leader ? this.nodeId : null, at: 0 };
  }

  /** This node drains: it takes no new sessions or media rooms. */
  async setDraining(draining: boolean): Promise<void> {
    this.state.draining = draining;
    await this.db.updateTable('nodes').set({ draining }).where('id', '=', this.nodeId).execute();
  }

  get draining(): boolean {
    return this.state.draining;
  }

  /** The live routing leader's node id (cached for 500 ms), or null during an election. */
  async leaderId(): Promise<string | null> {
    if (this.state.leader) return this.nodeId;
    if (Date.now() - this.leaderCache.at < 500) return this.leaderCache.id;
    const r = await this.db
      .selectFrom('nodes')
      .select('id')
      .where('leader', '=', true)
      .where('last_seen', '>', sql<Date>`now() - make_interval(secs => ${DEAD_AFTER_MS / 1000})`)
      .executeTakeFirst();
    this.leaderCache = { id: r?.id ?? null, at: Date.now() };
    return this.leaderCache.id;
  }

  /** Every registered node with its state. */
  async nodes(): Promise<NodeInfo[]> {
    const rows = await this.db.selectFrom('nodes').select(['id', 'leader', 'draining', 'media', sql<number>`extract(epoch from (now() - last_seen)) * 1000`.as('silent')]).execute();
    return rows.map((r) => ({ id: r.id, leader: r.leader, draining: r.draining, media: (r.media ?? { workers: 0, rooms: 0, consumers: 0 }) as NodeMediaLoad, silentMs: Number(r.silent) }));
  }

  /** Nodes alive (heard within {@link DEAD_AFTER_MS}). */
  async alive(): Promise<NodeInfo[]> {
    return (await this.nodes()).filter((n) => n.silentMs < DEAD_AFTER_MS);
  }

  /** Removes nodes dead for long (their state was taken over); returns the ids of every dead node. */
  async dead(): Promise<string[]> {
    return (await this.nodes()).filter((n) => n.silentMs >= DEAD_AFTER_MS).map((n) => n.id);
  }

  /** Stops the heartbeat and removes this node's row (a clean shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.db.deleteFrom('nodes').where('id', '=', this.nodeId).execute().catch((err: unknown) => this.log.warn({ err }, 'node row not removed at shutdown'));
  }
}
