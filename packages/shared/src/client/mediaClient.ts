import { Device } from 'mediasoup-client';
import type { Consumer, Producer, Transport } from 'mediasoup-client/types';
import { mediaRequests, type IceServer, type ProducerInfo } from '../protocol/media.ts';
import { request, type AckSocket } from './request.ts';

/** A transport that stays `disconnected` this long gets an ICE restart (ms). */
export const ICE_RESTART_AFTER_DISCONNECT_MS = 2000;

/** Events a {@link MediaSession} reports to its owner (UI state). */
export interface MediaSessionEvents {
  /** The remote peer's media changed: a stream with their current audio and video tracks. */
  remoteStream(stream: MediaStream): void;
  /** A problem the UI should show (keyed, e.g. `media:camera`), or null to clear it. */
  problem(key: string, message: string | null): void;
}

/** Socket with ack requests and push events (socket.io-client's Socket). */
export interface MediaSocket extends AckSocket {
  on(event: string, fn: (payload: any) => void): unknown;
  off(event: string, fn: (payload: any) => void): unknown;
}

/**
 * One peer's side of a session call through the mediasoup SFU: loads the router's RTP
 * capabilities, sends the local camera and microphone, and consumes the other peer's
 * producers as they appear. `close()` is idempotent and stops local tracks.
 */
export class MediaSession {
  private device = new Device();
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly producers: Producer[] = [];
  private readonly consumers = new Map<string, Consumer>();
  private readonly remote = new MediaStream();
  private closed = false;
  /** Producers announced before the receive transport was ready; consumed once it is. */
  private readonly pending = new Set<string>();
  private ready = false;
  /** TURN servers from `media:join` (empty: direct ICE to the SFU only). */
  private iceServers: IceServer[] = [];
  private readonly onAdded = (p: ProducerInfo & { sessionId: string }) => {
    if (p.sessionId !== this.sessionId) return;
    if (!this.ready) this.pending.add(p.producerId);
    else void this.consume(p.producerId).catch((e) => this.events.problem('media:consume', String(e)));
  };
  private readonly onClosed = (p: { sessionId: string; producerId: string }) => {
    if (p.sessionId !== this.sessionId) return;
    for (const c of this.consumers.values()) if (c.producerId === p.producerId) this.dropConsumer(c);
  };

  constructor(
    private readonly socket: MediaSocket,
    readonly sessionId: string,
    private readonly events: MediaSessionEvents,
  ) {}

  /** Joins the router, publishes `local` tracks, and consumes existing remote producers. */
  async start(local: MediaStream | null): Promise<void> {
    // Listen before joining: a producer announced while we set up is queued, not lost.
    this.socket.on('media:producer-added', this.onAdded);
    this.socket.on('media:producer-closed', this.onClosed);
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    const { routerRtpCapabilities, producers, iceServers } = await this.req('media:join', { sessionId: this.sessionId });
    this.iceServers = iceServers ?? [];
    await this.device.load({ routerRtpCapabilities: routerRtpCapabilities as never });
    this.recvTransport = await this.createTransport('recv');
    if (local && local.getTracks().length > 0) {
      this.sendTransport = await this.createTransport('send');
      for (const track of local.getTracks()) {
        const producer = await this.sendTransport.produce({ track, stopTracks: false });
        this.producers.push(producer);
      }
    }
    this.ready = true;
    for (const p of producers) this.pending.add(p.producerId);
    for (const id of this.pending) await this.consume(id);
    this.pending.clear();
  }

  private req<K extends keyof typeof mediaRequests & string>(event: K, payload: Parameters<typeof request<typeof mediaRequests, K>>[3]) {
    return request(this.socket, mediaRequests, event, payload);
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<Transport> {
    const info = await this.req('media:create-transport', { sessionId: this.sessionId, direction });
    const params = {
      id: info.id,
      iceParameters: info.iceParameters as never,
      iceCandidates: info.iceCandidates as never,
      dtlsParameters: info.dtlsParameters as never,
      // TURN (UDP, TCP or TLS on 443) for networks that block the SFU's UDP/TCP port.
      iceServers: this.iceServers,
    };
    const transport = direction === 'send' ? this.device.createSendTransport(params) : this.device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.req('media:connect-transport', { sessionId: this.sessionId, transportId: transport.id, dtlsParameters: dtlsParameters as never }).then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
        this.req('media:produce', { sessionId: this.sessionId, transportId: transport.id, kind, rtpParameters: rtpParameters as never })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' || state === 'disconnected') this.events.problem(`media:${direction}`, state);
      else if (state === 'connected') this.events.problem(`media:${direction}`, null);
      // The network changed or the path broke: restart ICE (at once when failed, after a short
      // wait when disconnected, which often recovers by itself).
      if (state === 'failed') void this.restartIce(transport);
      else if (state === 'disconnected') {
        setTimeout(() => {
          if (!this.closed && transport.connectionState === 'disconnected') void this.restartIce(transport);
        }, ICE_RESTART_AFTER_DISCONNECT_MS);
      }
    });
    return transport;
  }

  /** Restarts ICE on both transports (e.g. the device's network changed). */
  async restartIceAll(): Promise<void> {
    for (const t of [this.sendTransport, this.recvTransport]) if (t) await this.restartIce(t);
  }

  private async restartIce(transport: Transport): Promise<void> {
    if (this.closed || transport.closed) return;
    try {
      const { iceParameters } = await this.req('media:restart-ice', { sessionId: this.sessionId, transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as never });
    } catch (err) {
      this.events.problem('media:ice-restart', err instanceof Error ? err.message : String(err));
    }
  }

  private readonly onOnline = () => void this.restartIceAll();

  private async consume(producerId: string): Promise<void> {
    if (this.closed || !this.recvTransport) return;
    if ([...this.consumers.values()].some((c) => c.producerId === producerId)) return;
    const res = await this.req('media:consume', {
      sessionId: this.sessionId,
      transportId: this.recvTransport.id,
      producerId,
      rtpCapabilities: this.device.rtpCapabilities as never,
    });
    const consumer = await this.recvTransport.consume({ id: res.consumerId, producerId: res.producerId, kind: res.kind, rtpParameters: res.rtpParameters as never });
    this.consumers.set(consumer.id, consumer);
    this.remote.addTrack(consumer.track);
    await this.req('media:resume-consumer', { sessionId: this.sessionId, consumerId: consumer.id });
    this.events.remoteStream(new MediaStream(this.remote.getTracks()));
  }

  private dropConsumer(c: Consumer) {
    this.remote.removeTrack(c.track);
    c.close();
    this.consumers.delete(c.id);
    this.events.remoteStream(new MediaStream(this.remote.getTracks()));
  }

  /**
   * Inbound RTP statistics of the remote video (WebRTC `inbound-rtp` stats), for health
   * readouts and end-to-end tests: `framesDecoded` counts decoded frames.
   */
  async inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> {
    for (const c of this.consumers.values()) {
      if (c.kind !== 'video') continue;
      const report = await c.getStats();
      for (const s of report.values()) {
        if (s.type === 'inbound-rtp') return { framesDecoded: s.framesDecoded ?? 0, bytesReceived: s.bytesReceived ?? 0 };
      }
    }
    return null;
  }

  /** Closes transports, producers and consumers; idempotent. Local tracks are stopped by their owner. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.off('media:producer-added', this.onAdded);
    this.socket.off('media:producer-closed', this.onClosed);
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    for (const p of this.producers) p.close();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.consumers.clear();
  }
}
