/**
 * Calls for the media benchmark, without browsers: one mediasoup Router per call (with the
 * orchestrator's router codecs), and for each peer (kiosk, remote worker) a send PlainTransport
 * with an Opus and a VP8 producer and a receive PlainTransport with consumers of the other peer's
 * two producers: the shape of a call in the product (MediaRoom: one router per session, send and
 * receive transports per peer, consumers per peer). Transports use SRTP (AES_CM_128_HMAC_SHA1_80)
 * with rtcp-mux; send transports learn this process's address from its first packet (comedia).
 *
 * {@link MediaLoadGenerator} paces SRTP packets like a browser (Opus 20 ms packets; VP8 30 fps,
 * 3-4 packets of 1,200 bytes a frame, ~1 Mbit/s; a key frame every 2 s) into each send transport
 * and counts what each consumer forwards back on a UDP socket.
 *
 * Every peer sends with the same SRTP master key and the same two SSRCs, so each packet is
 * encrypted once in this process and sent to every call whose stream is at that frame (the
 * generator's CPU goes to sockets, not crypto). Each transport still has its own SRTP session in
 * the worker: decrypting, forwarding and re-encrypting per call is exactly the worker's work.
 */
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { randomBytes, randomInt } from 'node:crypto';
import type { types as ms } from 'mediasoup';
import { buildRtpPacket, isRtcp, isVp8KeyFrame, parseRtpPacket, vp8Payload } from './rtp.ts';
import { SrtpContext, SRTP_AUTH_TAG_BYTES, SRTP_CRYPTO_SUITE } from './srtp.ts';

/** Audio: one Opus packet every 20 ms (50 packets/s). */
export const AUDIO_PERIOD_MS = 20;
/** Opus payload per packet in bytes (~40 kbit/s, a browser's default for voice). */
export const AUDIO_PAYLOAD_BYTES = 100;
/** Video: 30 frames/s. */
export const VIDEO_PERIOD_MS = 1000 / 30;
/** Size of one video packet on the wire (RTP header + VP8 payload + SRTP tag), bytes. */
export const VIDEO_PACKET_BYTES = 1200;
/** VP8 payload bytes per packet. */
export const VIDEO_PAYLOAD_BYTES = VIDEO_PACKET_BYTES - 12 - SRTP_AUTH_TAG_BYTES;
/** A key frame every this many frames (2 s at 30 fps). */
export const KEY_FRAME_INTERVAL = 60;
/** Packets in video frame k: 3 and 4 alternately (105 packets/s, 1.008 Mbit/s). */
export const videoPacketsInFrame = (k: number): number => (k % 2 === 0 ? 3 : 4);
/** Packet index (RTP sequence with rollovers) of the first packet of video frame k. */
const videoFirstIndex = (k: number): number => 7 * Math.floor(k / 2) + (k % 2) * 3;
/** RTP packets per second one peer sends: audio 50 + video 105. */
export const PACKETS_PER_PEER_S = 1000 / AUDIO_PERIOD_MS + (1000 / VIDEO_PERIOD_MS) * 3.5;

const AUDIO_SSRC = 0x1111_1111;
const VIDEO_SSRC = 0x2222_2222;
const AUDIO_PT = 100;
const VIDEO_PT = 101;

type Kind = 'audio' | 'video';

/** Producer RTP parameters a browser would send for Opus and VP8 (single stream, no simulcast). */
function producerRtpParameters(kind: Kind): ms.RtpParameters {
  const rtcp = { cname: 'bench-media', reducedSize: true };
  return kind === 'audio'
    ? { codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }], encodings: [{ ssrc: AUDIO_SSRC }], rtcp }
    : {
        codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] }],
        encodings: [{ ssrc: VIDEO_SSRC }],
        rtcp,
      };
}

/** SRTP-protected frames, built once and shared by every sender at that frame. */
class FrameSource {
  private readonly cache = new Map<string, Buffer[]>();
  /** @param srtp protects every packet; null sends plain RTP (for comparison runs) */
  constructor(private readonly srtp: SrtpContext | null) {}

  frame(kind: Kind, k: number): Buffer[] {
    const key = `${kind}${k}`;
    let pkts = this.cache.get(key);
    if (!pkts) {
      pkts = kind === 'audio' ? [this.packet(AUDIO_PT, AUDIO_SSRC, k, k * 960, true, Buffer.alloc(AUDIO_PAYLOAD_BYTES, 0x78))] : this.videoFrame(k);
      this.cache.set(key, pkts);
      // Senders that joined at different steps are at different frames; keep a few hundred.
      if (this.cache.size > 512) this.cache.delete(this.cache.keys().next().value!);
    }
    return pkts;
  }

  private videoFrame(k: number): Buffer[] {
    const n = videoPacketsInFrame(k);
    const first = videoFirstIndex(k);
    const out: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const payload = vp8Payload({ start: i === 0, keyFrame: k % KEY_FRAME_INTERVAL === 0, pictureId: k & 0x7fff, bytes: VIDEO_PAYLOAD_BYTES });
      out.push(this.packet(VIDEO_PT, VIDEO_SSRC, first + i, (k * 3000) >>> 0, i === n - 1, payload));
    }
    return out;
  }

  private packet(pt: number, ssrc: number, index: number, timestamp: number, marker: boolean, payload: Buffer): Buffer {
    const rtp = buildRtpPacket({ payloadType: pt, marker, sequenceNumber: index & 0xffff, timestamp: timestamp >>> 0, ssrc }, payload);
    return this.srtp ? this.srtp.protect(rtp, Math.floor(index / 0x10000)) : rtp;
  }
}

/** What one consumer forwarded to this process. */
export interface StreamCounter {
  kind: Kind;
  /** RTP packets received (cumulative). */
  received: number;
  /** The first packet's tag verified with the receive transport's SRTP key and its payload was intact. */
  verified: boolean;
  /** SRTP context of the receive transport (mediasoup's sending key), to check the first packet; null without SRTP. */
  srtp: SrtpContext | null;
}

/** One peer's sending side: a UDP socket connected to its send transport, and its frame clocks. */
interface Sender {
  socket: Socket;
  /** Offset of this peer's audio and video clocks within their period, ms (peers are not in step). */
  audioPhaseMs: number;
  videoPhaseMs: number;
  /** Next frame index to send (continues across steps: sequence numbers never jump). */
  audioNext: number;
  videoNext: number;
  /** Frame index at the start of the current step. */
  audioBase: number;
  videoBase: number;
}

/** Failures seen on received packets (a broken setup, not load): reported by the benchmark. */
export const receiveErrors: string[] = [];

/** A call: router, 4 transports, 4 producers, 4 consumers, and this process's sockets for it. */
export class BenchCall {
  readonly senders: Sender[] = [];
  readonly streams = new Map<number, StreamCounter>();
  /** RTCP datagrams mediasoup sent us (receiver reports, PLI, NACK; cumulative). */
  rtcpIn = 0;
  /** RTP packets with an SSRC of no consumer of this call. */
  unknownIn = 0;
  readonly producers: ms.Producer[] = [];
  readonly consumers: ms.Consumer[] = [];
  /** Local UDP ports of this call's mediasoup transports. */
  readonly workerPorts: number[] = [];
  private constructor(readonly index: number, readonly router: ms.Router, readonly recvSocket: Socket) {}

  /**
   * Sets a call up on `worker`: router with `mediaCodecs`, per peer a send transport (connected
   * with `srtpKey`) with audio + video producers and a receive transport sending to this
   * process; then each peer's consumers of the other peer's producers (unpaused).
   * @param srtpKey 30 bytes of SRTP keying material every sender uses; null: plain RTP, no SRTP
   */
  static async create(index: number, worker: ms.Worker, mediaCodecs: ms.RtpCodecCapability[], srtpKey: Buffer | null): Promise<BenchCall> {
    const router = await worker.createRouter({ mediaCodecs });
    const recvSocket = await bindUdp();
    const call = new BenchCall(index, router, recvSocket);
    try {
      recvSocket.setRecvBufferSize(1 << 20);
      recvSocket.on('message', (msg) => call.onMessage(msg));
      const srtpParameters: ms.SrtpParameters | undefined = srtpKey ? { cryptoSuite: SRTP_CRYPTO_SUITE, keyBase64: srtpKey.toString('base64') } : undefined;
      const srtpOptions: Pick<ms.PlainTransportOptions, 'enableSrtp' | 'srtpCryptoSuite'> = srtpKey ? { enableSrtp: true, srtpCryptoSuite: SRTP_CRYPTO_SUITE } : {};
      const peers = [] as { producers: ms.Producer[]; recv: ms.PlainTransport }[];
      for (let p = 0; p < 2; p++) {
        const send = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: true, ...srtpOptions });
        if (srtpParameters) await send.connect({ srtpParameters });
        const producers = [await send.produce({ kind: 'audio', rtpParameters: producerRtpParameters('audio') }), await send.produce({ kind: 'video', rtpParameters: producerRtpParameters('video') })];
        const recv = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: false, ...srtpOptions });
        await recv.connect({ ip: '127.0.0.1', port: recvSocket.address().port, ...(srtpParameters ? { srtpParameters } : {}) });
        const socket = await bindUdp();
        socket.on('message', () => call.rtcpIn++);
        socket.connect(send.tuple.localPort, '127.0.0.1');
        await once(socket, 'connect');
        call.senders.push({ socket, audioPhaseMs: randomInt(AUDIO_PERIOD_MS), videoPhaseMs: randomInt(Math.floor(VIDEO_PERIOD_MS)), audioNext: 0, videoNext: 0, audioBase: 0, videoBase: 0 });
        call.workerPorts.push(send.tuple.localPort, recv.tuple.localPort);
        call.producers.push(...producers);
        peers.push({ producers, recv });
      }
      for (let p = 0; p < 2; p++) {
        const { recv } = peers[p]!;
        const srtp = recv.srtpParameters ? new SrtpContext(Buffer.from(recv.srtpParameters.keyBase64, 'base64')) : null;
        for (const producer of peers[1 - p]!.producers) {
          const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: false });
          call.consumers.push(consumer);
          call.streams.set(consumer.rtpParameters.encodings![0]!.ssrc!, { kind: consumer.kind, received: 0, verified: false, srtp });
        }
      }
      return call;
    } catch (err) {
      call.close();
      throw err;
    }
  }

  private onMessage(msg: Buffer): void {
    if (msg.length < 12 || isRtcp(msg)) {
      this.rtcpIn++;
      return;
    }
    const st = this.streams.get(msg.readUInt32BE(8));
    if (!st) {
      this.unknownIn++;
      return;
    }
    st.received++;
    if (!st.verified) this.verifyFirst(st, msg);
  }

  /** The first forwarded packet of a stream: SRTP tag valid (ROC 0), payload intact, video starts on a key frame. */
  private verifyFirst(st: StreamCounter, msg: Buffer): void {
    st.verified = true;
    const plain = st.srtp ? st.srtp.unprotect(msg, 0) : msg;
    const rtp = plain && parseRtpPacket(plain);
    const payload = rtp && plain.subarray(rtp.payloadOffset, rtp.payloadOffset + rtp.payloadLength);
    const want = st.kind === 'audio' ? AUDIO_PAYLOAD_BYTES : VIDEO_PAYLOAD_BYTES;
    if (!payload) receiveErrors.push(`call ${this.index} ${st.kind}: first forwarded packet fails SRTP authentication`);
    else if (payload.length !== want) receiveErrors.push(`call ${this.index} ${st.kind}: forwarded payload is ${payload.length} bytes, sent ${want}`);
    else if (st.kind === 'video' && !isVp8KeyFrame(payload)) receiveErrors.push(`call ${this.index} video: first forwarded packet is not a key frame start`);
  }

  /** RTP packets received on this call's consumers (cumulative). */
  get received(): number {
    let n = 0;
    for (const s of this.streams.values()) n += s.received;
    return n;
  }

  /** Closes the router (and with it transports, producers, consumers) and the sockets. */
  close(): void {
    this.router.close();
    this.recvSocket.close();
    for (const s of this.senders) s.socket.close();
  }
}

async function bindUdp(): Promise<Socket> {
  const s = createSocket('udp4');
  s.bind(0, '127.0.0.1');
  await once(s, 'listening');
  return s;
}

/** Histogram of how late packets left this process versus their schedule, 1 ms buckets up to 1 s. */
class LatenessHistogram {
  private readonly buckets = new Float64Array(1001);
  count = 0;
  maxMs = 0;
  add(ms: number, n: number): void {
    this.buckets[Math.min(1000, Math.max(0, Math.floor(ms)))]! += n;
    this.count += n;
    if (ms > this.maxMs) this.maxMs = ms;
  }
  /** Upper bound (ms) under which the fraction `q` of packets left. */
  quantile(q: number): number {
    let acc = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      acc += this.buckets[i]!;
      if (acc >= q * this.count) return i + 1;
    }
    return this.maxMs;
  }
}

/**
 * Sends every call's media on a fixed schedule (a 5 ms tick, like a browser's pacer; a late tick
 * sends what is due, so a slow loop shows as lateness, not as fewer packets) and counts it.
 */
export class MediaLoadGenerator {
  private readonly frames: FrameSource;
  private readonly calls: BenchCall[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stepStart = 0;
  /** RTP packets sent in the current step. */
  sent = 0;
  /** How late (ms) this step's packets left versus their schedule. */
  lateness = new LatenessHistogram();

  /** @param srtpKey the 30 bytes of SRTP keying material the calls' send transports were connected with; null: plain RTP */
  constructor(srtpKey: Buffer | null) {
    this.frames = new FrameSource(srtpKey ? new SrtpContext(srtpKey) : null);
  }

  /** Random SRTP keying material (16-byte master key + 14-byte salt). */
  static newKey(): Buffer {
    return randomBytes(30);
  }

  add(call: BenchCall): void {
    this.calls.push(call);
  }

  get callCount(): number {
    return this.calls.length;
  }

  /** Starts a step: clocks restart now, frame numbering continues, counters reset. */
  start(): void {
    if (this.timer) throw new Error('generator already running');
    this.sent = 0;
    this.lateness = new LatenessHistogram();
    this.stepStart = performance.now();
    for (const c of this.calls) for (const s of c.senders) {
      s.audioBase = s.audioNext;
      s.videoBase = s.videoNext;
    }
    this.timer = setInterval(() => this.tick(), 5);
    this.tick();
  }

  /** Sends what is due, then stops. */
  stop(): void {
    if (!this.timer) return;
    this.tick();
    clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const t = performance.now() - this.stepStart;
    for (const c of this.calls) {
      for (const s of c.senders) {
        const dueA = s.audioBase + dueFrames(t, s.audioPhaseMs, AUDIO_PERIOD_MS);
        while (s.audioNext < dueA) {
          this.lateness.add(t - (s.audioPhaseMs + (s.audioNext - s.audioBase) * AUDIO_PERIOD_MS), 1);
          this.send(s.socket, this.frames.frame('audio', s.audioNext++));
        }
        const dueV = s.videoBase + dueFrames(t, s.videoPhaseMs, VIDEO_PERIOD_MS);
        while (s.videoNext < dueV) {
          const pkts = this.frames.frame('video', s.videoNext);
          this.lateness.add(t - (s.videoPhaseMs + (s.videoNext - s.videoBase) * VIDEO_PERIOD_MS), pkts.length);
          s.videoNext++;
          this.send(s.socket, pkts);
        }
      }
    }
  }

  private send(socket: Socket, pkts: Buffer[]): void {
    for (const p of pkts) socket.send(p);
    this.sent += pkts.length;
  }
}

/** Frames due `t` ms into a step for a clock with phase `phaseMs` and period `periodMs`. */
function dueFrames(t: number, phaseMs: number, periodMs: number): number {
  return t < phaseMs ? 0 : Math.floor((t - phaseMs) / periodMs) + 1;
}
