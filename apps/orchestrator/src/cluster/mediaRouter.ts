import type { PeerRole, ProducerInfo } from '@telekiosk/shared';
import type { Store } from '../db/store.ts';
import { OrchestratorError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { MediaRoom, MediaServer } from '../media/mediaServer.ts';
import { DEAD_AFTER_MS, type NodeRegistry } from './nodes.ts';
import type { NodeRpc } from './rpc.ts';

/** Media operations of a peer in a call's room (the socket requests, by name). */
export type MediaOp = 'join' | 'createTransport' | 'connectTransport' | 'produce' | 'consume' | 'resumeConsumer' | 'restartIce' | 'closePeer' | 'setHold' | 'renamePeer';

/** Who hears about a room's producers: the call's kiosk, its worker, and its monitors. */
export interface RoomAudience {
  producerAdded(sessionId: string, info: ProducerInfo): Promise<void> | void;
  producerClosed(sessionId: string, producerId: string, from: PeerRole): Promise<void> | void;
  /** Whether a monitoring supervisor may send media now (after barging in). */
  monitorMaySend(sessionId: string): Promise<boolean>;
  /** Whether the visitor is on hold (private consult): applied to a room made again after a media restart. */
  onHold?(sessionId: string): Promise<boolean>;
}

/**
 * Media placement like LiveKit's: a call's mediasoup router lives on one node (recorded in
 * `media_rooms`); a new call goes to the least loaded live node that is not draining (on a tie,
 * one that does not lead routing); a peer's
 * media request reaches that node wherever its socket landed (over {@link NodeRpc}). A room
 * whose node died is placed again on the next join.
 */
export class MediaRouter {
  private readonly wired = new WeakSet<MediaRoom>();
  /** Nodes that failed to answer a media call (node id → when, ms epoch): not chosen for new rooms until their heartbeat could have said they are dead. */
  private readonly suspects = new Map<string, number>();

  constructor(
    private readonly o: {
      media: MediaServer;
      store: Store;
      nodeId: string;
      log: Logger;
      audience: RoomAudience;
      /**
       * A call's room was found on a node that is gone and removed here (a peer's request found it
       * first, before the leader's sweep of dead nodes, which then no longer sees the room): every
       * peer of the call must set its media up again, not only the one whose request found it.
       */
      onRoomLost?: (sessionId: string) => void;
      /** Null in a single process: every room is local. */
      rpc: NodeRpc | null;
      registry: NodeRegistry | null;
    },
  ) {
    o.rpc?.handle('media.op', async (args) => {
      const [sessionId, op, role, rest] = args as [string, MediaOp, PeerRole, unknown[]];
      return this.local(sessionId, op, role, rest ?? []);
    });
    o.rpc?.handle('media.close', async (args) => {
      this.o.media.closeRoom(args[0] as string);
      return null;
    });
  }

  /**
   * Runs a peer's media operation in the call's room, on the node that hosts it.
   * @throws OrchestratorError from the SFU (`not_found` transport...), or `unavailable` when the hosting node does not answer.
   */
  async op(sessionId: string, op: MediaOp, role: PeerRole, args: unknown[]): Promise<unknown> {
    const host = await this.hostOf(sessionId);
    if (host === this.o.nodeId || !this.o.rpc) return this.local(sessionId, op, role, args);
    try {
      return await this.o.rpc.call(host, 'media.op', [sessionId, op, role, args]);
    } catch (err) {
      // The host is gone: place the room again; the peers rejoin on a live node.
      if (err instanceof OrchestratorError && err.code === 'unavailable') {
        this.suspects.set(host, Date.now());
        if (await this.o.store.cluster.dropMediaRoom(sessionId, host)) this.o.onRoomLost?.(sessionId);
      }
      throw err;
    }
  }

  /** Closes a call's room wherever it is (session ended, or the call passed to another worker). */
  async closeRoom(sessionId: string): Promise<void> {
    this.o.media.closeRoom(sessionId);
    if (!this.o.rpc) return; // one process: every room is here, nothing is recorded
    const host = await this.o.store.cluster.mediaRoomNode(sessionId);
    await this.o.store.cluster.dropMediaRoom(sessionId);
    if (host && host !== this.o.nodeId && this.o.rpc) await this.o.rpc.call(host, 'media.close', [sessionId], 3000).catch((err: unknown) => this.o.log.warn({ err, sessionId, host }, 'remote media room not closed'));
  }

  /** The node hosting the room, placing it on the least loaded live node when it has none (or its node is dead). */
  private async hostOf(sessionId: string): Promise<string> {
    if (!this.o.registry || !this.o.rpc) return this.o.nodeId;
    const alive = await this.o.registry.alive();
    // A node that just failed to answer looks alive until its heartbeat is DEAD_AFTER_MS old: skip it.
    const now = Date.now();
    for (const [id, at] of this.suspects) if (now - at > DEAD_AFTER_MS) this.suspects.delete(id);
    const current = await this.o.store.cluster.mediaRoomNode(sessionId);
    if (current && alive.some((n) => n.id === current) && !this.suspects.has(current)) return current;
    if (current && (await this.o.store.cluster.dropMediaRoom(sessionId, current))) this.o.onRoomLost?.(sessionId);
    const candidates = alive.filter((n) => !n.draining && n.media.workers > 0 && !this.suspects.has(n.id));
    const pool = candidates.length > 0 ? candidates : alive;
    // Least consumers, then fewest rooms; on a tie a node that does not route (the leader has routing to do).
    const rank = (n: (typeof pool)[number]) => [n.media.consumers, n.media.rooms, n.leader ? 1 : 0];
    const better = (a: (typeof pool)[number], b: (typeof pool)[number]) => {
      const ra = rank(a), rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! < rb[i]!;
      return false;
    };
    const best = pool.reduce<(typeof pool)[number] | undefined>((b, n) => (!b || better(n, b) ? n : b), undefined);
    return this.o.store.cluster.placeMediaRoom(sessionId, best?.id ?? this.o.nodeId, new Date());
  }

  /** Runs an operation on this node's room of the call (created on first use, its audience wired). */
  private async local(sessionId: string, op: MediaOp, role: PeerRole, args: unknown[]): Promise<unknown> {
    const room = await this.o.media.room(sessionId);
    if (!this.wired.has(room)) {
      this.wired.add(room);
      room.onProducerAdded = (info) => void Promise.resolve(this.o.audience.producerAdded(sessionId, info)).catch((err: unknown) => this.o.log.warn({ err, sessionId }, 'producer notice failed'));
      room.onProducerClosed = (id, from) => void Promise.resolve(this.o.audience.producerClosed(sessionId, id, from)).catch((err: unknown) => this.o.log.warn({ err, sessionId }, 'producer notice failed'));
      if (this.o.rpc) await this.o.store.cluster.placeMediaRoom(sessionId, this.o.nodeId, new Date());
      if (await this.o.audience.onHold?.(sessionId)) room.setHold(true);
    }
    switch (op) {
      case 'join':
        // A (re)join replaces the peer's earlier transports and producers (after a reconnect or a
        // media restart), so the other side never consumes a dead stream.
        room.closePeer(role);
        {
          // ICE servers (TURN with per-user credentials) when the SFU layer provides them.
          const ice = (room as unknown as { iceServers?: (peerId: string) => unknown[] }).iceServers?.(String(args[0] ?? ''));
          return { routerRtpCapabilities: room.rtpCapabilities as unknown as Record<string, unknown>, producers: room.producersFor(role), ...(ice ? { iceServers: ice } : {}) };
        }
      case 'createTransport':
        return room.createTransport(role, args[0] as 'send' | 'recv');
      case 'connectTransport':
        await room.connectTransport(role, args[0] as string, args[1]);
        return {};
      case 'produce':
        if (role === 'monitor' && !(await this.o.audience.monitorMaySend(sessionId))) throw new OrchestratorError('forbidden', 'a monitor sends media only after barging in');
        return { producerId: await room.produce(role, args[0] as string, args[1] as 'audio' | 'video', args[2]) };
      case 'consume':
        return room.consume(role, args[0] as string, args[1] as string, args[2]);
      case 'resumeConsumer':
        await room.resumeConsumer(role, args[0] as string);
        return {};
      case 'restartIce':
        return { iceParameters: await room.restartIce(role, args[0] as string) };
      case 'closePeer':
        room.closePeer(role);
        return {};
      case 'setHold':
        return room.setHold(args[0] === true);
      case 'renamePeer':
        room.renamePeer(role, args[0] as PeerRole);
        return {};
    }
  }
}
