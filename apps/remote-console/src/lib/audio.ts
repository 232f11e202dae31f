/** Recorder formats in order of preference (Opus in WebM for Chromium, Ogg for Firefox, MP4 for Safari). */
export const RECORDER_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'] as const;

/** The first recorder format the browser supports, or undefined (let MediaRecorder choose). */
export function pickRecorderType(isTypeSupported: (type: string) => boolean): string | undefined {
  return RECORDER_TYPES.find((t) => {
    try {
      return isTypeSupported(t);
    } catch {
      return false;
    }
  });
}

/** A MIME type without codec parameters (`audio/webm;codecs=opus` -> `audio/webm`), as `worker:utterance` wants it. */
export function baseMimeType(type: string | undefined | null, fallback = 'audio/webm'): string {
  const base = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z]+\/[a-z0-9.+-]+$/.test(base) ? base : fallback;
}

/** Recordings shorter than this (ms) are treated as an accidental tap and not sent. */
export const MIN_UTTERANCE_MS = 350;
