import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { defaultMediasoupWorkerBin } from '../config.ts';
import { createLogger } from '../logger.ts';
import { MediaServer } from './mediaServer.ts';
import { workerLine } from './workerBinary.ts';

/**
 * Media ports against the real mediasoup worker this machine has: the 3.12.16 build (one
 * WebRtcServer per worker) or, where that build failed, Debian's 3.8.4 (a port per transport).
 */
const bin = defaultMediasoupWorkerBin();
const line = bin ? workerLine(bin) : null;
const logger = createLogger('silent');

type Candidate = { protocol: string; port: number; ip?: string; address?: string };
const ports = (cands: Record<string, unknown>[], protocol: 'udp' | 'tcp') => (cands as Candidate[]).filter((c) => c.protocol === protocol).map((c) => c.port);

function bindUdp(port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', (err) => {
      try {
        s.close();
      } catch {
        // never bound: nothing to close
      }
      reject(err);
    });
    s.bind(port, '127.0.0.1', () => resolve(s));
  });
}
function listenTcp(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
/** A base port whose `count` consecutive UDP and TCP ports are free on 127.0.0.1 now. */
async function freePortBase(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 45000 + Math.floor(Math.random() * 15000);
    const held: { close(): unknown }[] = [];
    try {
      for (let p = base; p < base + count; p++) held.push(await bindUdp(p), await listenTcp(p));
      return base;
    } catch {
      // taken: try another base
    } finally {
      for (const h of held) h.close();
    }
  }
  throw new Error('no free port base found');
}
async function waitFor<T>(what: string, fn: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitForAsync<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`media ports (worker: ${line === 'modern' ? 'mediasoup 3.12.16, WebRtcServer' : 'mediasoup 3.8.4 fallback'})`, () => {
  it('finds a worker binary', () => {
    expect(bin, 'no mediasoup-worker: run `bash scripts/setup.sh`').toBeTruthy();
  });

  it('transports of one worker share its one UDP port and one TCP port (3.12); a port per transport from the range with the 3.8.4 fallback', async () => {
    const media = new MediaServer({ workerBin: bin, listenIp: '127.0.0.1', rtcMinPort: 43000, rtcMaxPort: 43999, workers: 1, logger });
    try {
      await media.start();
      const path = media.mediaPath()!;
      const room = await media.room('s1');
      const other = await media.room('s2');
      const a = await room.createTransport('kiosk', 'send');
      const b = await room.createTransport('worker', 'recv');
      const c = await other.createTransport('kiosk', 'recv');
      const udp = [a, b, c].flatMap((t) => ports(t.iceCandidates, 'udp'));
      const tcp = [a, b, c].flatMap((t) => ports(t.iceCandidates, 'tcp'));
      expect(udp).toHaveLength(3);
      expect(tcp).toHaveLength(3);
      if (line === 'modern') {
        expect(path).toMatchObject({ mediasoupVersion: '3.12.16', webRtcServer: true });
        expect(new Set(udp)).toEqual(new Set([path.workers[0]!.udpPort]));
        expect(new Set(tcp)).toEqual(new Set([path.workers[0]!.tcpPort]));
      } else {
        expect(path).toMatchObject({ mediasoupVersion: '3.8.4', webRtcServer: false });
        expect(new Set(udp).size).toBe(3);
      }
      for (const p of [...udp, ...tcp]) expect(p).toBeGreaterThanOrEqual(43000), expect(p).toBeLessThanOrEqual(43999);
    } finally {
      await media.close();
    }
  });

  it('RTC_PORT: worker i listens on RTC_PORT+i, a replacement worker takes the same port, a taken port fails naming RTC_PORT', async () => {
    const base = await freePortBase(2);
    const media = new MediaServer({ workerBin: bin, listenIp: '127.0.0.1', rtcPort: base, rtcMinPort: 43000, rtcMaxPort: 43999, workers: 2, logger });
    try {
      await media.start();
      // Two rooms: the least-loaded placement puts them on different workers.
      const r0 = await media.room('a');
      const r1 = await media.room('b');
      const t0 = await r0.createTransport('kiosk', 'send');
      const t1 = await r1.createTransport('kiosk', 'send');
      if (line !== 'modern') {
        // The 3.8.4 fallback has no WebRtcServer: RTC_PORT does not apply.
        expect(media.mediaPath()!.webRtcServer).toBe(false);
        return;
      }
      expect(media.mediaPath()!.workers.map((w) => [w.udpPort, w.tcpPort])).toEqual([[base, base], [base + 1, base + 1]]);
      expect(new Set([...ports(t0.iceCandidates, 'udp'), ...ports(t1.iceCandidates, 'udp')])).toEqual(new Set([base, base + 1]));

      // kill -9 of the worker on `base`: the rooms there are reported lost, its replacement listens on `base` again.
      const lost: string[][] = [];
      media.onRoomsLost = (ids) => lost.push(ids);
      const victim = media.load().find((w) => w.worker === 0)!.pid!;
      process.kill(victim, 'SIGKILL');
      await waitFor('replacement worker', () => (media.workerPids().length === 2 && !media.workerPids().includes(victim) ? true : undefined));
      expect(lost.flat()).toHaveLength(1);
      // The next room goes to the emptier replacement worker, on `base` again.
      const again = await media.room('c');
      expect(media.load().find((w) => w.worker === 0)!.rooms).toBe(1);
      const t2 = await again.createTransport('worker', 'recv');
      expect(ports(t2.iceCandidates, 'udp')).toEqual([base]);
      expect(media.mediaPath()!.workers[0]).toMatchObject({ udpPort: base, tcpPort: base });
    } finally {
      await media.close();
    }
    // A port someone else holds: start-up fails (after a short retry) and names RTC_PORT. (The
    // closed server's worker processes exit asynchronously: take the port once they let go.)
    const squatter = await waitForAsync(`UDP port ${base} released`, () => bindUdp(base).catch(() => undefined));
    const blocked = new MediaServer({ workerBin: bin, listenIp: '127.0.0.1', rtcPort: base, rtcMinPort: 43000, rtcMaxPort: 43999, workers: 1, logger });
    try {
      if (line === 'modern') await expect(blocked.start()).rejects.toThrow(new RegExp(`RTC_PORT: UDP/TCP port ${base}`));
      else await blocked.start();
    } finally {
      squatter.close();
      await blocked.close();
    }
  }, 30_000);
});
