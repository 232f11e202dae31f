import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/**
 * Where the sockets of devices and console users, and the media rooms of calls, live in a
 * cluster (`connections`, `nodes`, `media_rooms`): which node holds what, which of it is on live
 * nodes, and what dead nodes leave behind for the leader's sweep. Methods throw the database's errors.
 */
export class ClusterStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Records an open socket of a device or console user on a node. */
  async addConnection(c: { socketId: string; nodeId: string; kind: 'device' | 'console'; subjectId: string; at: Date }): Promise<void> {
    await this.db
      .insertInto('connections')
      .values({ socket_id: c.socketId, node_id: c.nodeId, kind: c.kind, subject_id: c.subjectId, connected_at: c.at })
      .onConflict((oc) => oc.column('socket_id').doNothing())
      .execute();
  }
  async removeConnection(socketId: string): Promise<void> {
    await this.db.deleteFrom('connections').where('socket_id', '=', socketId).execute();
  }
  /** Open sockets of a device or user on live nodes (heard within `aliveMs`), except `exceptSocket`. */
  async liveConnections(kind: 'device' | 'console', subjectId: string, aliveMs: number, exceptSocket?: string): Promise<number> {
    let q = this.db
      .selectFrom('connections as c')
      .innerJoin('nodes as n', 'n.id', 'c.node_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('c.kind', '=', kind)
      .where('c.subject_id', '=', subjectId)
      .where('n.last_seen', '>', sql<Date>`now() - make_interval(secs => ${aliveMs / 1000})`);
    if (exceptSocket) q = q.where('c.socket_id', '!=', exceptSocket);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }
  /** Ids of devices or users with an open socket on a live node. */
  async connectedSubjects(kind: 'device' | 'console', aliveMs: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('connections as c')
      .innerJoin('nodes as n', 'n.id', 'c.node_id')
      .select('c.subject_id')
      .distinct()
      .where('c.kind', '=', kind)
      .where('n.last_seen', '>', sql<Date>`now() - make_interval(secs => ${aliveMs / 1000})`)
      .execute();
    return rows.map((r) => r.subject_id);
  }
  /** Whether a user with `role` has an open socket on a live node. */
  async roleConnected(role: string, aliveMs: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('connections as c')
      .innerJoin('nodes as n', 'n.id', 'c.node_id')
      .innerJoin('workers as w', 'w.id', 'c.subject_id')
      .select('c.socket_id')
      .where('c.kind', '=', 'console')
      .where('w.role', '=', role)
      .where('n.last_seen', '>', sql<Date>`now() - make_interval(secs => ${aliveMs / 1000})`)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }
  /** Removes the connections of nodes that are gone; returns what they were (with the node's last heartbeat). */
  async takeConnectionsOfNodes(nodeIds: string[]): Promise<{ kind: 'device' | 'console'; subjectId: string; nodeId: string }[]> {
    if (nodeIds.length === 0) return [];
    const rows = await this.db.deleteFrom('connections').where('node_id', 'in', nodeIds).returning(['kind', 'subject_id', 'node_id']).execute();
    return rows.map((r) => ({ kind: r.kind as 'device' | 'console', subjectId: r.subject_id, nodeId: r.node_id }));
  }
  /** Removes node rows (they were handled as dead). */
  async deleteNodes(nodeIds: string[]): Promise<void> {
    if (nodeIds.length > 0) await this.db.deleteFrom('nodes').where('id', 'in', nodeIds).execute();
  }

  /** The node hosting a call's media room, placing it on `candidate` when it has none (atomic: concurrent joins agree). */
  async placeMediaRoom(sessionId: string, candidate: string, at: Date): Promise<string> {
    await this.db.insertInto('media_rooms').values({ session_id: sessionId, node_id: candidate, created_at: at }).onConflict((oc) => oc.column('session_id').doNothing()).execute();
    const r = await this.db.selectFrom('media_rooms').select('node_id').where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    return r.node_id;
  }
  async mediaRoomNode(sessionId: string): Promise<string | undefined> {
    return (await this.db.selectFrom('media_rooms').select('node_id').where('session_id', '=', sessionId).executeTakeFirst())?.node_id;
  }
  /**
   * Forgets a call's media room (it closed, or its node died: the next join places it again).
   * @param nodeId only when the room is on this node (several peers may find its node dead at once).
   * @returns whether a room record was removed by this call.
   */
  async dropMediaRoom(sessionId: string, nodeId?: string): Promise<boolean> {
    let q = this.db.deleteFrom('media_rooms').where('session_id', '=', sessionId);
    if (nodeId) q = q.where('node_id', '=', nodeId);
    const [r] = await q.execute();
    return (r?.numDeletedRows ?? 0n) > 0n;
  }
  /** Calls whose media rooms were on these nodes (removed from the table). */
  async takeMediaRoomsOfNodes(nodeIds: string[]): Promise<string[]> {
    if (nodeIds.length === 0) return [];
    return (await this.db.deleteFrom('media_rooms').where('node_id', 'in', nodeIds).returning('session_id').execute()).map((r) => r.session_id);
  }
}
