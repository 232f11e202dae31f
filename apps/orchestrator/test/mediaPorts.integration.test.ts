import { describe, expect, it } from 'vitest';
import { consoleSocket, kioskSocket, next, ok, sharedOrchestrator } from './helpers.ts';

/**
 * Integration: real socket.io and the real mediasoup worker. The `media:join` answer carries
 * TURN servers with time-limited credentials, and both peers' transports share the session
 * worker's one media port (mediasoup 3.12 WebRtcServer; a port each with the 3.8.4 fallback).
 */
describe('media:join ICE servers and the shared media port', () => {
  const secret = 'turn-static-auth-secret-for-tests';
  const ctx = sharedOrchestrator({ turnUrls: 'turn:turn.example.org:3478,turns:turn.example.org:443?transport=tcp', turnSecret: secret, turnTtlS: 600 });

  it('hands TURN REST credentials to both peers and runs their transports through one port', async () => {
    const { orch, sockets } = ctx;
    const kiosk = await kioskSocket(orch);
    const sam = await consoleSocket(orch, 'sam');
    sockets.push(kiosk, sam);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next<{ id: string }>(sam, 'offer:new');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'I want a person' });
    await ok(sam, 'offer:accept', { offerId: (await offer).id });

    const before = Math.floor(Date.now() / 1000);
    const joins = [await ok(kiosk, 'media:join', { sessionId: session.id }), await ok(sam, 'media:join', { sessionId: session.id })];
    for (const join of joins) {
      expect(join.iceServers).toHaveLength(1);
      const [server] = join.iceServers;
      expect(server.urls).toEqual(['turn:turn.example.org:3478', 'turns:turn.example.org:443?transport=tcp']);
      const [expiry, user] = server.username.split(':');
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600);
      expect(Number(expiry)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 600);
      expect(user).toMatch(/\S/);
      expect(server.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/); // 20-byte HMAC-SHA1, base64
    }
    // Each peer gets its own credential (its own user id).
    expect(joins[0].iceServers[0].username).not.toBe(joins[1].iceServers[0].username);

    const send = await ok(kiosk, 'media:create-transport', { sessionId: session.id, direction: 'send' });
    const recv = await ok(sam, 'media:create-transport', { sessionId: session.id, direction: 'recv' });
    const udp = [send, recv].flatMap((t) => (t.iceCandidates as { protocol: string; port: number }[]).filter((c) => c.protocol === 'udp').map((c) => c.port));
    const path = orch.media.mediaPath()!;
    if (path.webRtcServer) {
      const worker = orch.media.load().find((w) => w.rooms === 1)!.worker;
      expect(new Set(udp)).toEqual(new Set([path.workers[worker]!.udpPort]));
    } else {
      expect(new Set(udp).size).toBe(2);
    }
  });
});
