import { describe, expect, it, vi } from 'vitest';
import { OrchestratorError } from '../errors.ts';
import { MediaRouter } from './mediaRouter.ts';

/** A media_rooms table in memory with the store's semantics (insert if absent; conditional drop). */
function roomsTable(initial: Record<string, string>) {
  const rooms = new Map(Object.entries(initial));
  return {
    rooms,
    async mediaRoomNode(id: string) {
      return rooms.get(id);
    },
    async dropMediaRoom(id: string, node?: string) {
      if (!rooms.has(id) || (node && rooms.get(id) !== node)) return false;
      rooms.delete(id);
      return true;
    },
    async placeMediaRoom(id: string, node: string) {
      if (!rooms.has(id)) rooms.set(id, node);
      return rooms.get(id)!;
    },
  };
}

function node(id: string) {
  return { id, draining: false, leader: false, media: { workers: 1, consumers: 0, rooms: 0 } };
}

function router(store: ReturnType<typeof roomsTable>, alive: string[], call: (host: string) => Promise<unknown>, onRoomLost: (id: string) => void) {
  return new MediaRouter({
    media: {} as never,
    store: { cluster: store } as never,
    nodeId: 'n0',
    log: { warn() {} } as never,
    audience: {} as never,
    rpc: { handle() {}, call: (host: string) => call(host) } as never,
    registry: { alive: async () => alive.map(node) } as never,
    onRoomLost,
  });
}

describe('media router: a room whose node died', () => {
  it('is placed again on a live node and every peer of the call is told to rejoin, once, whichever peer finds it first', async () => {
    const store = roomsTable({ s1: 'dead-node' });
    const lost = vi.fn();
    const hosts: string[] = [];
    const r = router(store, ['n1'], async (host) => hosts.push(host), lost);
    // Two peers' requests find the dead room at the same time (the console rejoining after its node died, the kiosk consuming).
    await Promise.all([r.op('s1', 'join', 'worker', []), r.op('s1', 'consume', 'kiosk', [])]);
    expect(store.rooms.get('s1')).toBe('n1');
    expect(hosts).toEqual(['n1', 'n1']);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(lost).toHaveBeenCalledWith('s1');
    // A live room is left alone.
    await r.op('s1', 'consume', 'kiosk', []);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('tells the peers when the hosting node stops answering a request, and leaves a room placed since alone', async () => {
    const store = roomsTable({ s2: 'n1' });
    const lost = vi.fn();
    let failLate!: () => void;
    const late = new Promise<never>((_, reject) => (failLate = () => reject(new OrchestratorError('unavailable', 'node n1 does not answer'))));
    let calls = 0;
    const r = router(store, ['n1', 'n2'], async (host) => {
      calls++;
      if (host !== 'n1') return 'ok';
      if (calls === 1) throw new OrchestratorError('unavailable', 'node n1 does not answer');
      return late;
    }, lost);
    await expect(r.op('s2', 'restartIce', 'kiosk', ['t1'])).rejects.toMatchObject({ code: 'unavailable' });
    expect(store.rooms.has('s2')).toBe(false);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(lost).toHaveBeenCalledWith('s2');
    // A request that went to n1 before it died fails only after the room was placed on n2: n2's room stays, no second notice.
    store.rooms.set('s2', 'n1');
    let sentToN1 = false;
    const r2 = router(store, ['n1', 'n2'], async (host) => {
      if (host !== 'n1') return 'ok';
      sentToN1 = true;
      return late;
    }, lost);
    const inFlight = r2.op('s2', 'consume', 'worker', []).catch((e: unknown) => e);
    await vi.waitFor(() => expect(sentToN1).toBe(true));
    store.rooms.set('s2', 'n2');
    failLate();
    expect(await inFlight).toMatchObject({ code: 'unavailable' });
    expect(store.rooms.get('s2')).toBe('n2');
    expect(lost).toHaveBeenCalledTimes(1);
  });
});
