/**
 * RTP packets for the media benchmark (RFC 3550 fixed header, RFC 5761 RTP/RTCP demultiplexing,
 * RFC 7741 VP8 payload descriptor), built and read without a browser. Only what
 * `scripts/bench-media.ts` needs: a 12-byte header (no CSRCs, no extension) on what it sends;
 * CSRCs and a header extension are skipped when reading what mediasoup forwards.
 */

/** Fields of an RTP fixed header (RFC 3550 §5.1). */
export interface RtpHeader {
  /** Payload type, 0-127. */
  payloadType: number;
  /** Marker bit: last packet of a video frame. */
  marker: boolean;
  /** Sequence number, 0-65535 (wraps). */
  sequenceNumber: number;
  /** Media timestamp in the codec's clock (48,000 Hz for Opus, 90,000 Hz for VP8), 0-2^32-1. */
  timestamp: number;
  /** Synchronisation source, 0-2^32-1. */
  ssrc: number;
}

/** A parsed RTP packet: its header and where the payload lies in the buffer (byte offsets). */
export interface ParsedRtp extends RtpHeader {
  /** Byte offset of the payload (after CSRCs and any header extension). */
  payloadOffset: number;
  /** Payload length in bytes (padding excluded; an SRTP auth tag, if any, is NOT removed). */
  payloadLength: number;
}

/** Size of the RTP fixed header without CSRCs, in bytes. */
export const RTP_HEADER_BYTES = 12;

/**
 * Builds an RTP packet: version 2, no padding, no extension, no CSRCs, then `payload`.
 * @throws RangeError naming the field when a header field is out of range.
 */
export function buildRtpPacket(header: RtpHeader, payload: Uint8Array): Buffer {
  checkRange('payloadType', header.payloadType, 127);
  checkRange('sequenceNumber', header.sequenceNumber, 0xffff);
  checkRange('timestamp', header.timestamp, 0xffffffff);
  checkRange('ssrc', header.ssrc, 0xffffffff);
  const buf = Buffer.allocUnsafe(RTP_HEADER_BYTES + payload.length);
  buf[0] = 0x80;
  buf[1] = (header.marker ? 0x80 : 0) | header.payloadType;
  buf.writeUInt16BE(header.sequenceNumber, 2);
  buf.writeUInt32BE(header.timestamp, 4);
  buf.writeUInt32BE(header.ssrc, 8);
  buf.set(payload, RTP_HEADER_BYTES);
  return buf;
}

function checkRange(field: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${field}: ${v} is not an integer in 0-${max}`);
}

/**
 * True when a datagram on an rtcp-mux port is RTCP rather than RTP (RFC 5761 §4: second byte
 * 192-223, i.e. RTCP packet types 200-206 with the marker bit set).
 */
export function isRtcp(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[1]! >= 192 && buf[1]! <= 223;
}

/**
 * Reads an RTP packet; null when `buf` is not RTP version 2 or is truncated. Skips CSRCs and a
 * header extension (mediasoup adds extensions to what it forwards) and removes padding.
 */
export function parseRtpPacket(buf: Uint8Array): ParsedRtp | null {
  if (buf.length < RTP_HEADER_BYTES || buf[0]! >> 6 !== 2) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const csrcCount = buf[0]! & 0x0f;
  let offset = RTP_HEADER_BYTES + 4 * csrcCount;
  if (buf[0]! & 0x10) {
    if (buf.length < offset + 4) return null;
    offset += 4 + 4 * view.getUint16(offset + 2);
  }
  let end = buf.length;
  if (buf[0]! & 0x20) end -= buf[buf.length - 1]!;
  if (end < offset) return null;
  return {
    payloadType: buf[1]! & 0x7f,
    marker: (buf[1]! & 0x80) !== 0,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payloadOffset: offset,
    payloadLength: end - offset,
  };
}

/** Bytes of the VP8 payload descriptor {@link vp8Payload} writes (X, I with a 15-bit picture ID). */
export const VP8_DESCRIPTOR_BYTES = 4;

/**
 * A VP8 RTP payload of `bytes` bytes (RFC 7741): payload descriptor with the extension bit and a
 * two-byte picture ID (what Chromium sends; mediasoup 3.12 reads a descriptor only when X is set),
 * then, on the first packet of a frame, a VP8 frame tag whose P bit says key frame or not
 * (mediasoup's key-frame test: S=1, partition 0, P=0), then filler bytes.
 * @param opts.start first packet of the frame (S bit)
 * @param opts.keyFrame whether the frame is a key frame (only read when `start`)
 * @param opts.pictureId picture ID, 0-32767 (one per frame)
 * @param opts.bytes payload size in bytes (descriptor included), at least 7
 */
export function vp8Payload(opts: { start: boolean; keyFrame: boolean; pictureId: number; bytes: number }): Buffer {
  checkRange('pictureId', opts.pictureId, 0x7fff);
  if (!Number.isInteger(opts.bytes) || opts.bytes < VP8_DESCRIPTOR_BYTES + 3) throw new RangeError(`bytes: ${opts.bytes} is below ${VP8_DESCRIPTOR_BYTES + 3}`);
  const p = Buffer.alloc(opts.bytes, 0x5a);
  p[0] = 0x80 | (opts.start ? 0x10 : 0); // X=1, N=0, S, PID=0
  p[1] = 0x80; // I=1
  p[2] = 0x80 | (opts.pictureId >> 8); // M=1: 15-bit picture ID
  p[3] = opts.pictureId & 0xff;
  if (opts.start) {
    // Frame tag (RFC 6386 §9.1): bit 0 P (0 = key frame), version 0, show_frame 1.
    p[4] = (opts.keyFrame ? 0x00 : 0x01) | 0x10;
    p[5] = 0x00;
    p[6] = 0x00;
    if (opts.keyFrame && opts.bytes >= 14) {
      // Key-frame start code and a 640x480 size, as an encoder writes them.
      p.set([0x9d, 0x01, 0x2a, 640 & 0xff, 640 >> 8, 480 & 0xff, 480 >> 8], 7);
    }
  }
  return p;
}

/** True when a VP8 payload (RFC 7741) starts a key frame: X/I descriptor skipped, S=1, PID=0, P=0. */
export function isVp8KeyFrame(payload: Uint8Array): boolean {
  if (payload.length < 1) return false;
  const b0 = payload[0]!;
  let off = 1;
  if (b0 & 0x80) {
    if (payload.length < 2) return false;
    const b1 = payload[1]!;
    off = 2;
    if (b1 & 0x80) off += payload.length > off && payload[off]! & 0x80 ? 2 : 1;
    if (b1 & 0x40) off += 1;
    if (b1 & 0x30) off += 1;
  }
  return (b0 & 0x10) !== 0 && (b0 & 0x07) === 0 && payload.length > off && (payload[off]! & 0x01) === 0;
}
