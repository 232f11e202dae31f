import type { PeerRole } from '@telekiosk/shared';
import type { SessionService } from '../sessions/sessionService.ts';

/** Handlers of the shared media requests for one authenticated peer. */
export function mediaHandlers(sessions: SessionService, initialActor: { role: PeerRole; id: string }) {
  let actor = initialActor;
  // The session service decides the peer role: a supervisor monitoring a call joins as `monitor`.
  const room = async (sessionId: string) => {
    const { room: r, role } = await sessions.mediaRoom(initialActor, sessionId);
    actor = { ...initialActor, role };
    return r;
  };
  return {
    'media:join': async (p: { sessionId: string }) => {
      const r = await room(p.sessionId);
      // A (re)join replaces the peer's earlier transports and producers (after a reconnect or a
      // media restart), so the other side never consumes a dead stream.
      r.closePeer(actor.role);
      return { routerRtpCapabilities: r.rtpCapabilities as unknown as Record<string, unknown>, producers: r.producersFor(actor.role) };
    },
    'media:create-transport': async (p: { sessionId: string; direction: 'send' | 'recv' }) => (await room(p.sessionId)).createTransport(actor.role, p.direction),
    'media:connect-transport': async (p: { sessionId: string; transportId: string; dtlsParameters: unknown }) => {
      await (await room(p.sessionId)).connectTransport(actor.role, p.transportId, p.dtlsParameters);
      return {};
    },
    'media:produce': async (p: { sessionId: string; transportId: string; kind: 'audio' | 'video'; rtpParameters: unknown }) => ({
      producerId: await (await room(p.sessionId)).produce(actor.role, p.transportId, p.kind, p.rtpParameters),
    }),
    'media:consume': async (p: { sessionId: string; transportId: string; producerId: string; rtpCapabilities: unknown }) =>
      (await room(p.sessionId)).consume(actor.role, p.transportId, p.producerId, p.rtpCapabilities),
    'media:restart-ice': async (p: { sessionId: string; transportId: string }) => ({ iceParameters: await (await room(p.sessionId)).restartIce(actor.role, p.transportId) }),
    'media:resume-consumer': async (p: { sessionId: string; consumerId: string }) => {
      await (await room(p.sessionId)).resumeConsumer(actor.role, p.consumerId);
      return {};
    },
  };
}
