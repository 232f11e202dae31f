import { describe, expect, it } from 'vitest';
import { buildRtpPacket, isRtcp, isVp8KeyFrame, parseRtpPacket, vp8Payload } from './rtp.ts';
import { deriveSrtpSessionKeys, SrtpContext, srtpKeystream, SRTP_AUTH_TAG_BYTES } from './srtp.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('RTP packets', () => {
  it('writes the RFC 3550 fixed header byte for byte', () => {
    const pkt = buildRtpPacket({ payloadType: 101, marker: true, sequenceNumber: 0x1234, timestamp: 0xdecafbad, ssrc: 0xcafebabe }, Buffer.from([1, 2, 3]));
    expect(pkt.toString('hex')).toBe('80e51234decafbadcafebabe010203');
    const noMarker = buildRtpPacket({ payloadType: 100, marker: false, sequenceNumber: 65535, timestamp: 0, ssrc: 1 }, Buffer.alloc(0));
    expect(noMarker.toString('hex')).toBe('8064ffff0000000000000001');
  });

  it('reads back what it writes', () => {
    const header = { payloadType: 100, marker: false, sequenceNumber: 7, timestamp: 960 * 3, ssrc: 0x11223344 };
    const parsed = parseRtpPacket(buildRtpPacket(header, Buffer.alloc(100, 9)));
    expect(parsed).toEqual({ ...header, payloadOffset: 12, payloadLength: 100 });
  });

  it('skips CSRCs, a header extension and padding when reading', () => {
    // V=2, P=1, X=1, CC=1; one CSRC; extension 0xBEDE with one 32-bit word; 2-byte payload; 2 bytes padding.
    const pkt = hex('b1 65 0001 00000010 00000020  0000abcd  bede 0001 10ff0000  aabb  0002');
    const parsed = parseRtpPacket(pkt)!;
    expect(parsed.ssrc).toBe(0x20);
    expect(parsed.payloadOffset).toBe(24);
    expect(parsed.payloadLength).toBe(2);
    expect(pkt.subarray(parsed.payloadOffset, parsed.payloadOffset + parsed.payloadLength).toString('hex')).toBe('aabb');
  });

  it('rejects what is not RTP and tells RTCP from RTP (RFC 5761)', () => {
    expect(parseRtpPacket(Buffer.alloc(11))).toBeNull();
    expect(parseRtpPacket(hex('40 65 0001 00000000 00000001'))).toBeNull();
    expect(isRtcp(hex('81c8 0006'))).toBe(true); // sender report, PT 200
    expect(isRtcp(hex('81ce 0002'))).toBe(true); // payload-specific feedback, PT 206
    expect(isRtcp(buildRtpPacket({ payloadType: 101, marker: true, sequenceNumber: 0, timestamp: 0, ssrc: 1 }, Buffer.alloc(4)))).toBe(false);
    expect(isRtcp(buildRtpPacket({ payloadType: 100, marker: false, sequenceNumber: 0, timestamp: 0, ssrc: 1 }, Buffer.alloc(4)))).toBe(false);
  });

  it('refuses header fields out of range, naming the field', () => {
    expect(() => buildRtpPacket({ payloadType: 128, marker: false, sequenceNumber: 0, timestamp: 0, ssrc: 0 }, Buffer.alloc(0))).toThrow(/payloadType/);
    expect(() => buildRtpPacket({ payloadType: 1, marker: false, sequenceNumber: 65536, timestamp: 0, ssrc: 0 }, Buffer.alloc(0))).toThrow(/sequenceNumber/);
  });
});

describe('VP8 payload descriptor (RFC 7741)', () => {
  it('marks a key frame the way mediasoup 3.12 detects it (X, I with 15-bit picture ID, S, P=0)', () => {
    const key = vp8Payload({ start: true, keyFrame: true, pictureId: 0x1234, bytes: 1188 });
    expect(key.length).toBe(1188);
    expect([...key.subarray(0, 4)]).toEqual([0x90, 0x80, 0x92, 0x34]);
    expect(key[4]! & 0x01).toBe(0);
    expect([...key.subarray(7, 10)]).toEqual([0x9d, 0x01, 0x2a]);
    expect(isVp8KeyFrame(key)).toBe(true);
  });

  it('does not mark delta frames or continuation packets as key frames', () => {
    expect(isVp8KeyFrame(vp8Payload({ start: true, keyFrame: false, pictureId: 5, bytes: 100 }))).toBe(false);
    const cont = vp8Payload({ start: false, keyFrame: true, pictureId: 5, bytes: 100 });
    expect(cont[0]).toBe(0x80);
    expect(isVp8KeyFrame(cont)).toBe(false);
  });
});

describe('SRTP AES_CM_128_HMAC_SHA1_80 (RFC 3711)', () => {
  it('derives session keys as in RFC 3711 B.3', () => {
    const keys = deriveSrtpSessionKeys(hex('E1F97A0D3E018BE0D64FA32C06DE4139'), hex('0EC675AD498AFEEBB6960B3AABE6'));
    expect(keys.cipherKey.toString('hex')).toBe('c61e7a93744f39ee10734afe3ff7a087');
    expect(keys.cipherSalt.toString('hex')).toBe('30cbbc08863d8c85d49db34a9ae1');
    expect(keys.authKey.toString('hex')).toBe('cebe321f6ff7716b6fd4ab49af256a156d38baa4');
  });

  it('produces the AES-CM keystream of RFC 3711 B.2', () => {
    const ks = srtpKeystream({ cipherKey: hex('2B7E151628AED2A6ABF7158809CF4F3C'), cipherSalt: hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD') }, 0, 0, 48);
    expect(ks.toString('hex')).toBe('e03ead0935c95e80e166b16dd92b4eb4' + 'd23513162b02d0f72a43a2fe4a5f97ab' + '41e95b3bb0a2e8dd477901e4fca894c0');
  });

  it('protects the reference packet of libsrtp (srtp_driver) byte for byte', () => {
    const ctx = new SrtpContext(hex('E1F97A0D3E018BE0D64FA32C06DE41390EC675AD498AFEEBB6960B3AABE6'));
    const plain = hex('800f1234decafbadcafebabe' + 'ab'.repeat(16));
    const protectedPkt = ctx.protect(plain, 0);
    expect(protectedPkt.toString('hex')).toBe('800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb');
    expect(ctx.unprotect(protectedPkt, 0)?.equals(plain)).toBe(true);
  });

  it('rejects a tampered packet or a wrong rollover counter, and uses the ROC in the keystream', () => {
    const ctx = new SrtpContext(Buffer.alloc(30, 7));
    const rtp = buildRtpPacket({ payloadType: 100, marker: false, sequenceNumber: 3, timestamp: 0, ssrc: 42 }, Buffer.alloc(80, 1));
    const p = ctx.protect(rtp, 1);
    expect(p.length).toBe(rtp.length + SRTP_AUTH_TAG_BYTES);
    expect(ctx.unprotect(p, 1)?.equals(rtp)).toBe(true);
    expect(ctx.unprotect(p, 0)).toBeNull();
    const tampered = Buffer.from(p);
    tampered[20]! ^= 1;
    expect(ctx.unprotect(tampered, 1)).toBeNull();
    expect(ctx.protect(rtp, 0).subarray(12, 92).equals(p.subarray(12, 92))).toBe(false);
  });
});
