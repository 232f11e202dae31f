import { z } from 'zod';
import { defineRequest, Empty } from './ack.ts';
import { Uuid } from '../common.ts';

/**
 * Media signaling shared by the kiosk and console namespaces: mediasoup-client talks to the
 * session's router through these requests. mediasoup objects (RTP capabilities and
 * parameters, DTLS and ICE parameters) are checked for shape here and fully validated by
 * mediasoup itself.
 */
const MediasoupObject = z.looseObject({});

/** Which peer a producer belongs to. `monitor` is a supervisor watching a call (sends only after barging in). */
export const PeerRole = z.enum(['kiosk', 'worker', 'monitor', 'colleague']);
export type PeerRole = z.infer<typeof PeerRole>;

/** A producer in a session's router. */
export const ProducerInfo = z.object({ producerId: z.string(), kind: z.enum(['audio', 'video']), peerRole: PeerRole });
export type ProducerInfo = z.infer<typeof ProducerInfo>;

/** WebRtcTransport parameters sent to mediasoup-client's `createSendTransport`/`createRecvTransport`. */
export const TransportInfo = z.object({
  id: z.string(),
  iceParameters: MediasoupObject,
  iceCandidates: z.array(MediasoupObject),
  dtlsParameters: MediasoupObject,
});
export type TransportInfo = z.infer<typeof TransportInfo>;

/**
 * An ICE server for the client's transports (WebRTC `RTCIceServer`): the deployment's TURN
 * servers with time-limited credentials (TURN REST API: username `<expiry unix s>:<user id>`,
 * credential base64 HMAC-SHA1), so venues that block UDP still reach the SFU over TCP/TLS 443.
 */
export const IceServer = z.object({
  /** `turn:` / `turns:` (or `stun:`) URLs, e.g. `turns:turn.example.org:443?transport=tcp`. */
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** TURN username (`<expiry unix seconds>:<user id>`). */
  username: z.string().optional(),
  /** TURN password for `username`. */
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const mediaRequests = {
  /**
   * Join the session's router; returns its RTP capabilities, the producers already there and,
   * when the deployment has TURN servers, the ICE servers for `createSendTransport` /
   * `createRecvTransport` (credentials valid for the length of a call).
   */
  'media:join': defineRequest(
    z.object({ sessionId: Uuid }),
    z.object({ routerRtpCapabilities: MediasoupObject, producers: z.array(ProducerInfo), iceServers: z.array(IceServer).optional() }),
    ['kiosk', 'worker', 'supervisor'],
  ),
  /** Create a WebRtcTransport for sending or receiving. */
  'media:create-transport': defineRequest(z.object({ sessionId: Uuid, direction: z.enum(['send', 'recv']) }), TransportInfo, ['kiosk', 'worker', 'supervisor']),
  /** Complete the DTLS handshake parameters of a transport. */
  'media:connect-transport': defineRequest(
    z.object({ sessionId: Uuid, transportId: z.string().min(1), dtlsParameters: z.looseObject({ fingerprints: z.array(MediasoupObject).min(1) }) }),
    Empty,
    ['kiosk', 'worker', 'supervisor'],
  ),
  /** Start a producer (camera video or microphone audio) on a send transport. */
  'media:produce': defineRequest(
    z.object({
      sessionId: Uuid,
      transportId: z.string().min(1),
      kind: z.enum(['audio', 'video']),
      rtpParameters: z.looseObject({ codecs: z.array(MediasoupObject).min(1) }),
    }),
    z.object({ producerId: z.string() }),
    ['kiosk', 'worker', 'supervisor'],
  ),
  /** Create a consumer (paused) of the other peer's producer on a recv transport. */
  'media:consume': defineRequest(
    z.object({ sessionId: Uuid, transportId: z.string().min(1), producerId: z.string().min(1), rtpCapabilities: z.looseObject({ codecs: z.array(MediasoupObject) }) }),
    z.object({ consumerId: z.string(), producerId: z.string(), kind: z.enum(['audio', 'video']), rtpParameters: MediasoupObject }),
    ['kiosk', 'worker', 'supervisor'],
  ),
  /** Resume a consumer once the client has set it up. */
  'media:resume-consumer': defineRequest(z.object({ sessionId: Uuid, consumerId: z.string().min(1) }), Empty, ['kiosk', 'worker', 'supervisor']),
  /**
   * ICE restart of one of my transports (the network changed or the connection failed): the
   * server answers with new ICE parameters for `transport.restartIce()` on the client.
   */
  'media:restart-ice': defineRequest(z.object({ sessionId: Uuid, transportId: z.string().min(1) }), z.object({ iceParameters: MediasoupObject }), ['kiosk', 'worker', 'supervisor']),
} as const;

export const mediaEvents = {
  /** The other peer started a producer: consume it. */
  'media:producer-added': ProducerInfo.extend({ sessionId: Uuid }),
  /** A producer closed (peer left or session ended). */
  'media:producer-closed': z.object({ sessionId: Uuid, producerId: z.string() }),
  /**
   * The session's media must be set up again: its SFU worker died (the room moved to a healthy
   * worker) or the room was rebuilt after an orchestrator restart. Close the media session and
   * join again; show "reconnecting video" until the remote video plays.
   */
  'media:restart': z.object({ sessionId: Uuid, reason: z.enum(['worker_died', 'room_closed', 'server_restarted']) }),
} as const;
