import type { PeerRole } from '@telekiosk/shared';
import type { SessionService } from '../sessions/sessionService.ts';

/**
 * Handlers of the shared media requests for one authenticated peer. The session core checks
 * that the peer may join the call (and as what: a supervisor monitoring it joins as `monitor`)
 * and runs the operation on the node that hosts the call's room.
 */
export function mediaHandlers(sessions: SessionService, actor: { role: PeerRole; id: string }) {
  const op = <T>(sessionId: string, name: Parameters<SessionService['mediaOp']>[2], args: unknown[] = []) => sessions.mediaOp(actor, sessionId, name, args) as Promise<T>;
  return {
    // The join answer (router capabilities, producers to consume, ICE servers) is checked against the shared schema by the client.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    'media:join': (p: { sessionId: string }) => op<any>(p.sessionId, 'join', [actor.id]),
    'media:create-transport': (p: { sessionId: string; direction: 'send' | 'recv' }) =>
      op<{ id: string; iceParameters: Record<string, unknown>; iceCandidates: Record<string, unknown>[]; dtlsParameters: Record<string, unknown> }>(p.sessionId, 'createTransport', [p.direction]),
    'media:connect-transport': (p: { sessionId: string; transportId: string; dtlsParameters: unknown }) => op<Record<string, never>>(p.sessionId, 'connectTransport', [p.transportId, p.dtlsParameters]),
    'media:produce': (p: { sessionId: string; transportId: string; kind: 'audio' | 'video'; rtpParameters: unknown }) => op<{ producerId: string }>(p.sessionId, 'produce', [p.transportId, p.kind, p.rtpParameters]),
    'media:consume': (p: { sessionId: string; transportId: string; producerId: string; rtpCapabilities: unknown }) =>
      op<{ consumerId: string; producerId: string; kind: 'audio' | 'video'; rtpParameters: Record<string, unknown> }>(p.sessionId, 'consume', [p.transportId, p.producerId, p.rtpCapabilities]),
    'media:resume-consumer': (p: { sessionId: string; consumerId: string }) => op<Record<string, never>>(p.sessionId, 'resumeConsumer', [p.consumerId]),
    'media:restart-ice': (p: { sessionId: string; transportId: string }) => op<{ iceParameters: Record<string, unknown> }>(p.sessionId, 'restartIce', [p.transportId]),
  };
}
