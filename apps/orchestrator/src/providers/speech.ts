/**
 * Cloud speech for the kiosk: speech-to-text and text-to-speech through OpenAI (or a compatible
 * server). Without it (`speech: null`), the kiosk uses the browser's own speech features.
 */
import type { Language } from '@telekiosk/shared';
import { Language as LanguageSchema } from '@telekiosk/shared';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { z } from 'zod';
import { ProviderError, ProviderInputError } from './errors.ts';
import { LANGUAGE_NAMES, toLanguage } from './languages.ts';
import { describeZodError } from './structured.ts';

/** Speech provider. Rejects with {@link ProviderInputError} for invalid input, {@link ProviderError} on provider failure. */
export interface SpeechProvider {
  /**
   * Transcribes one utterance. `language` is the hint when given (the model is told to expect
   * it), the language the model reports (Whisper models only), else null.
   */
  transcribe(audio: Uint8Array, mimeType: string, languageHint?: Language): Promise<{ text: string; language: Language | null }>;
  /** Speaks `text` in `language`; returns the audio bytes and their MIME type (`audio/mpeg`). */
  synthesize(text: string, language: Language): Promise<{ audio: Uint8Array; mimeType: string }>;
}

/** Largest audio upload accepted, in bytes (10 MiB). */
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;
/** Longest text accepted for speech synthesis, in characters (the API's limit). */
export const MAX_TTS_CHARS = 4096;

/** Accepted audio MIME types (parameters such as `;codecs=opus` are ignored) and the file extension sent. */
export const AUDIO_TYPES: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'mp4',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/flac': 'flac',
};

/** Transcription input: non-empty audio up to {@link MAX_AUDIO_BYTES}, an accepted type, an optional visitor language. */
export const TranscribeInput = z.object({
  audio: z
    .instanceof(Uint8Array)
    .refine((a) => a.byteLength > 0, 'audio is empty')
    .refine((a) => a.byteLength <= MAX_AUDIO_BYTES, `audio exceeds ${MAX_AUDIO_BYTES} bytes`),
  mimeType: z
    .string()
    .transform((m) => m.split(';')[0]!.trim().toLowerCase())
    .refine((m) => Object.hasOwn(AUDIO_TYPES, m), `unsupported audio type (accepted: ${Object.keys(AUDIO_TYPES).join(', ')})`),
  languageHint: LanguageSchema.optional(),
});

/** Synthesis input: 1..{@link MAX_TTS_CHARS} characters and a visitor language. */
export const SynthesizeInput = z.object({
  text: z.string().trim().min(1, 'text is empty').max(MAX_TTS_CHARS, `text exceeds ${MAX_TTS_CHARS} characters`),
  language: LanguageSchema,
});

const Transcription = z.object({ text: z.string(), language: z.string().optional() });

/** Options of {@link OpenAISpeech}. */
export interface OpenAISpeechOptions {
  /** Configured `openai` client (its timeout and retries apply). */
  client: OpenAI;
  /** `OPENAI_TRANSCRIBE_MODEL`. Models whose name starts with `whisper` are asked for `verbose_json` to learn the spoken language. */
  transcribeModel: string;
  /** `OPENAI_TTS_MODEL`. Models other than `tts-1*` also get speaking instructions. */
  ttsModel: string;
  /** `OPENAI_TTS_VOICE`. */
  voice: string;
}

/** {@link SpeechProvider} over `audio.transcriptions.create` (multipart upload) and `audio.speech.create` (mp3). */
export class OpenAISpeech implements SpeechProvider {
  constructor(private readonly o: OpenAISpeechOptions) {}

  async transcribe(audio: Uint8Array, mimeType: string, languageHint?: Language): Promise<{ text: string; language: Language | null }> {
    const input = parseInput(TranscribeInput, { audio, mimeType, languageHint });
    const verbose = this.o.transcribeModel.startsWith('whisper');
    try {
      const file = await toFile(input.audio, `utterance.${AUDIO_TYPES[input.mimeType]}`, { type: input.mimeType });
      const res: unknown = await this.o.client.audio.transcriptions.create({
        file,
        model: this.o.transcribeModel,
        response_format: verbose ? 'verbose_json' : 'json',
        ...(input.languageHint ? { language: input.languageHint } : {}),
      });
      const parsed = Transcription.safeParse(res);
      if (!parsed.success) throw ProviderError.badResponse('openai', `unexpected transcription: ${describeZodError(parsed.error)}`);
      return { text: parsed.data.text.trim(), language: input.languageHint ?? toLanguage(parsed.data.language) };
    } catch (err) {
      throw ProviderError.fromOpenAI(err, this.o.client.timeout);
    }
  }

  async synthesize(text: string, language: Language): Promise<{ audio: Uint8Array; mimeType: string }> {
    const input = parseInput(SynthesizeInput, { text, language });
    try {
      const res = await this.o.client.audio.speech.create({
        model: this.o.ttsModel,
        voice: this.o.voice,
        input: input.text,
        response_format: 'mp3',
        ...(this.o.ttsModel.startsWith('tts-1')
          ? {}
          : { instructions: `Speak ${LANGUAGE_NAMES[input.language]} clearly, at a calm pace, in a friendly and professional tone.` }),
      });
      const audio = new Uint8Array(await res.arrayBuffer());
      if (audio.byteLength === 0) throw ProviderError.badResponse('openai', 'empty audio');
      const type = res.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
      return { audio, mimeType: type.startsWith('audio/') ? type : 'audio/mpeg' };
    } catch (err) {
      throw ProviderError.fromOpenAI(err, this.o.client.timeout);
    }
  }
}

function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ProviderInputError(describeZodError(r.error));
  return r.data;
}
