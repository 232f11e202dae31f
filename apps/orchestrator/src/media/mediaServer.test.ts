import { describe, expect, it } from 'vitest';
import { defaultMediasoupWorkerBin } from '../config.ts';
import { createLogger } from '../logger.ts';
import { MediaServer } from './mediaServer.ts';

/** Against the real mediasoup worker. */
describe('MediaServer', () => {
  it('creates exactly one room per session when both peers join at the same moment', async () => {
    const media = new MediaServer({ workerBin: defaultMediasoupWorkerBin(), listenIp: '127.0.0.1', rtcMinPort: 41000, rtcMaxPort: 41999, logger: createLogger('silent') });
    try {
      const rooms = await Promise.all([media.room('s1'), media.room('s1'), media.room('s1')]);
      expect(new Set(rooms).size).toBe(1);
      expect(media.roomCount).toBe(1);
      const t = await rooms[0]!.createTransport('kiosk', 'recv');
      // The transport is found again through a later lookup (the same room).
      await expect((await media.room('s1')).consume('kiosk', t.id, 'nope', { codecs: [] })).rejects.toThrow(/producerId/);
      media.closeRoom('s1');
      expect(media.roomCount).toBe(0);
      const again = await media.room('s1');
      expect(again).not.toBe(rooms[0]);
    } finally {
      await media.close();
    }
  });
});
