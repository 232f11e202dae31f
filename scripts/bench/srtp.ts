/**
 * SRTP with the crypto suite AES_CM_128_HMAC_SHA1_80 (RFC 3711; WebRTC's mandatory-to-implement
 * suite, RFC 8827), on node:crypto, so the media benchmark sends what a browser sends after DTLS:
 * AES-128 counter-mode payload encryption and an 80-bit HMAC-SHA1 tag. Session keys are derived
 * once with key derivation rate 0. Checked against RFC 3711's test vectors (srtp.test.ts) and by
 * mediasoup's libsrtp, which drops every packet whose tag does not verify.
 *
 * (The npm package werift-rtp also implements SRTP; it is not a dependency of this repository
 * and this benchmark needs only protect/unprotect of RTP, about 60 lines.)
 */
import { createCipheriv, createHmac, timingSafeEqual } from 'node:crypto';

/** mediasoup's name of the suite implemented here. */
export const SRTP_CRYPTO_SUITE = 'AES_CM_128_HMAC_SHA1_80';
/** Master key length in bytes (AES-128). */
export const SRTP_MASTER_KEY_BYTES = 16;
/** Master salt length in bytes (112 bits). */
export const SRTP_MASTER_SALT_BYTES = 14;
/** Authentication tag appended to each SRTP packet, in bytes (80 bits). */
export const SRTP_AUTH_TAG_BYTES = 10;

/** SRTP session keys derived from a master key and salt (RFC 3711 §4.3). */
export interface SrtpSessionKeys {
  /** AES-128 session encryption key, 16 bytes. */
  cipherKey: Buffer;
  /** Session salt, 14 bytes. */
  cipherSalt: Buffer;
  /** HMAC-SHA1 session authentication key, 20 bytes. */
  authKey: Buffer;
}

/**
 * RFC 3711 §4.3.1 key derivation with key derivation rate 0: AES-CM of the master key over
 * (label at byte 7) XOR master salt, for labels 0 (cipher key), 1 (auth key), 2 (salt).
 * @throws RangeError when the key is not 16 bytes or the salt not 14 bytes.
 */
export function deriveSrtpSessionKeys(masterKey: Buffer, masterSalt: Buffer): SrtpSessionKeys {
  if (masterKey.length !== SRTP_MASTER_KEY_BYTES) throw new RangeError(`masterKey: ${masterKey.length} bytes, expected ${SRTP_MASTER_KEY_BYTES}`);
  if (masterSalt.length !== SRTP_MASTER_SALT_BYTES) throw new RangeError(`masterSalt: ${masterSalt.length} bytes, expected ${SRTP_MASTER_SALT_BYTES}`);
  const prf = (label: number, bytes: number): Buffer => {
    const iv = Buffer.alloc(16);
    masterSalt.copy(iv, 0);
    iv[7]! ^= label;
    return createCipheriv('aes-128-ctr', masterKey, iv).update(Buffer.alloc(bytes));
  };
  return { cipherKey: prf(0, 16), authKey: prf(1, 20), cipherSalt: prf(2, 14) };
}

/**
 * AES-CM keystream for one packet (RFC 3711 §4.1.1): counter = (salt·2^16) XOR (SSRC·2^64) XOR
 * (index·2^16).
 * @param ssrc RTP SSRC
 * @param index 48-bit packet index, ROC·65536 + sequence number
 * @param bytes keystream length in bytes
 */
export function srtpKeystream(keys: Pick<SrtpSessionKeys, 'cipherKey' | 'cipherSalt'>, ssrc: number, index: number, bytes: number): Buffer {
  return createCipheriv('aes-128-ctr', keys.cipherKey, counterIv(keys.cipherSalt, ssrc, index)).update(Buffer.alloc(bytes));
}

function counterIv(salt: Buffer, ssrc: number, index: number): Buffer {
  const iv = Buffer.alloc(16);
  salt.copy(iv, 0);
  iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
  // 48-bit index into bytes 8-13, XORed byte by byte (JS bit operators stop at 32 bits).
  const idx = Buffer.alloc(6);
  idx.writeUIntBE(index, 0, 6);
  for (let i = 0; i < 6; i++) iv[8 + i]! ^= idx[i]!;
  return iv;
}

/** Length of an RTP header with its CSRCs and header extension, in bytes (what SRTP leaves in clear). */
function rtpHeaderLength(pkt: Buffer): number {
  if (pkt.length < 12) throw new RangeError(`packet: ${pkt.length} bytes is shorter than an RTP header`);
  let len = 12 + 4 * (pkt[0]! & 0x0f);
  if (pkt[0]! & 0x10) len += 4 + 4 * pkt.readUInt16BE(len + 2);
  if (len > pkt.length) throw new RangeError('packet: RTP header longer than the packet');
  return len;
}

/**
 * One direction of an SRTP session (one master key), protecting and unprotecting RTP packets.
 * The caller passes the rollover counter (ROC): the benchmark knows each packet's index.
 */
export class SrtpContext {
  readonly keys: SrtpSessionKeys;

  /**
   * @param keyingMaterial master key (16 bytes) followed by master salt (14 bytes), as in
   *   mediasoup's `srtpParameters.keyBase64` (base64 of these 30 bytes).
   * @throws RangeError when keyingMaterial is not 30 bytes.
   */
  constructor(keyingMaterial: Buffer) {
    if (keyingMaterial.length !== SRTP_MASTER_KEY_BYTES + SRTP_MASTER_SALT_BYTES) {
      throw new RangeError(`keyingMaterial: ${keyingMaterial.length} bytes, expected ${SRTP_MASTER_KEY_BYTES + SRTP_MASTER_SALT_BYTES}`);
    }
    this.keys = deriveSrtpSessionKeys(keyingMaterial.subarray(0, SRTP_MASTER_KEY_BYTES), keyingMaterial.subarray(SRTP_MASTER_KEY_BYTES));
  }

  /**
   * Encrypts the payload of an RTP packet and appends the 10-byte tag.
   * @param rtp the RTP packet (not modified)
   * @param roc rollover counter: how many times the sequence number has wrapped (0-2^32-1)
   */
  protect(rtp: Buffer, roc: number): Buffer {
    const h = rtpHeaderLength(rtp);
    const out = Buffer.allocUnsafe(rtp.length + SRTP_AUTH_TAG_BYTES);
    rtp.copy(out, 0, 0, h);
    const index = roc * 0x10000 + rtp.readUInt16BE(2);
    const cipher = createCipheriv('aes-128-ctr', this.keys.cipherKey, counterIv(this.keys.cipherSalt, rtp.readUInt32BE(8), index));
    cipher.update(rtp.subarray(h)).copy(out, h);
    this.tag(out.subarray(0, rtp.length), roc).copy(out, rtp.length);
    return out;
  }

  /**
   * Verifies the tag of an SRTP packet and decrypts it; null when the tag does not verify.
   * @param roc rollover counter the sender used for this packet
   */
  unprotect(srtp: Buffer, roc: number): Buffer | null {
    if (srtp.length < 12 + SRTP_AUTH_TAG_BYTES) return null;
    const body = srtp.subarray(0, srtp.length - SRTP_AUTH_TAG_BYTES);
    if (!timingSafeEqual(this.tag(body, roc), srtp.subarray(body.length))) return null;
    const h = rtpHeaderLength(body);
    const index = roc * 0x10000 + body.readUInt16BE(2);
    const out = Buffer.from(body);
    const cipher = createCipheriv('aes-128-ctr', this.keys.cipherKey, counterIv(this.keys.cipherSalt, body.readUInt32BE(8), index));
    cipher.update(body.subarray(h)).copy(out, h);
    return out;
  }

  private tag(authenticated: Buffer, roc: number): Buffer {
    const rocBytes = Buffer.allocUnsafe(4);
    rocBytes.writeUInt32BE(roc >>> 0);
    return createHmac('sha1', this.keys.authKey).update(authenticated).update(rocBytes).digest().subarray(0, SRTP_AUTH_TAG_BYTES);
  }
}
