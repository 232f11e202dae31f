/**
 * Encodes mono PCM samples (-1..1, as `@ricky0123/vad-web` hands them over at 16 kHz) as a
 * 16-bit little-endian RIFF/WAVE file, which the orchestrator's speech providers accept
 * (`audio/wav`). At most `maxBytes` (the socket's utterance limit): longer audio is cut.
 */
export function encodeWav(samples: Float32Array, sampleRate: number, maxBytes = Infinity): Uint8Array<ArrayBuffer> {
  const maxSamples = Math.max(0, Math.floor((Math.min(maxBytes, 2 ** 31) - 44) / 2));
  const n = Math.min(samples.length, maxSamples);
  const buf = new ArrayBuffer(44 + n * 2);
  const v = new DataView(buf);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + n * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true); // fmt chunk size
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true); // byte rate
  v.setUint16(32, 2, true); // block align
  v.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    v.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return new Uint8Array(buf);
}
