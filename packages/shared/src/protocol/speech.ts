import { z } from 'zod';
import { defineRequest } from './ack.ts';
import { Language, Uuid } from '../common.ts';

/** Largest utterance accepted over the socket, in bytes (1 MiB ≈ 60 s of Opus at 128 kbit/s). */
export const MAX_UTTERANCE_BYTES = 1024 * 1024;

/** A recorded utterance (push-to-talk), sent as socket.io binary. */
export const Utterance = z.object({
  sessionId: Uuid,
  /** Encoded audio bytes (e.g. `audio/webm;codecs=opus` from MediaRecorder). */
  audio: z.instanceof(Uint8Array).refine((a) => a.byteLength > 0, 'must not be empty').refine((a) => a.byteLength <= MAX_UTTERANCE_BYTES, `must be at most ${MAX_UTTERANCE_BYTES} bytes`),
  /** MIME type without codec parameters, e.g. `audio/webm`. */
  mimeType: z.string().min(3).max(100),
});

/** What the orchestrator can do for a device: shown so the UI never pretends. */
export const Capabilities = z.object({
  /** Server-side speech recognition is configured (push-to-talk shown). */
  speechInput: z.boolean(),
  /** `provider`: the orchestrator synthesizes speech; `browser`: use the browser's own voice. */
  speechOutput: z.enum(['provider', 'browser']),
  /** Translation provider, `none` when lines across languages stay untranslated. */
  translation: z.enum(['azure', 'llm', 'none']),
});
export type Capabilities = z.infer<typeof Capabilities>;

export const speechKioskRequests = {
  /** Synthesize speech for an assistant line (only when `speechOutput` is `provider`). */
  'speech:synthesize': defineRequest(
    z.object({ text: z.string().min(1).max(4096), language: Language }),
    z.object({ audio: z.instanceof(Uint8Array), mimeType: z.string() }),
    ['kiosk'],
  ),
} as const;
