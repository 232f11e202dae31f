/**
 * Cloud provider configuration, read from environment variables. Every key lives on the
 * orchestrator (never on a kiosk). With no variable set, nothing cloud-based is used: embedded
 * intake, no translation, browser speech.
 */
import { z } from 'zod';

/** Default Azure Translator endpoint (global, multi-region). */
export const AZURE_GLOBAL_ENDPOINT = 'https://api.cognitive.microsofttranslator.com';

const optionalText = z.string().trim().min(1).optional();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * Raw environment variables, each documented with its default. Empty strings count as unset.
 */
export const ProviderEnvSchema = z.object({
  /** `OPENAI_API_KEY`: key for OpenAI or the compatible server. Enables LLM intake, LLM translation and speech. For a keyless local server use any placeholder. */
  OPENAI_API_KEY: optionalText,
  /** `OPENAI_BASE_URL`: base URL of an OpenAI-compatible API including `/v1`, e.g. `http://llm.city.local:8000/v1`. Default: OpenAI's (`https://api.openai.com/v1`). */
  OPENAI_BASE_URL: httpUrl.optional(),
  /** `OPENAI_CHAT_MODEL`: chat model for intake, summaries and LLM translation (must support tools and json_schema output). Default `gpt-4.1-mini`. */
  OPENAI_CHAT_MODEL: z.string().trim().min(1).default('gpt-4.1-mini'),
  /** `OPENAI_TRANSCRIBE_MODEL`: speech-to-text model. Default `gpt-4o-mini-transcribe` (`whisper-1` also reports the spoken language). */
  OPENAI_TRANSCRIBE_MODEL: z.string().trim().min(1).default('gpt-4o-mini-transcribe'),
  /** `OPENAI_TTS_MODEL`: text-to-speech model. Default `gpt-4o-mini-tts`. */
  OPENAI_TTS_MODEL: z.string().trim().min(1).default('gpt-4o-mini-tts'),
  /** `OPENAI_TTS_VOICE`: text-to-speech voice. Default `alloy`. */
  OPENAI_TTS_VOICE: z.string().trim().min(1).default('alloy'),
  /** `PROVIDER_TIMEOUT_MS`: timeout of one provider HTTP request, in ms (100..120000). Default 8000. */
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  /** `PROVIDER_MAX_RETRIES`: retries of a failed request (429, 5xx, connection errors), 0..5. Default 1. */
  PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  /** `AZURE_TRANSLATOR_KEY`: Azure Translator resource key. */
  AZURE_TRANSLATOR_KEY: optionalText,
  /** `AZURE_TRANSLATOR_ENDPOINT`: Translator endpoint; https (plain http only for localhost). Default the global endpoint {@link AZURE_GLOBAL_ENDPOINT}. */
  AZURE_TRANSLATOR_ENDPOINT: httpUrl
    .refine((u) => u.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), 'must be https (plain http only for localhost)')
    .default(AZURE_GLOBAL_ENDPOINT),
  /** `AZURE_TRANSLATOR_REGION`: Azure region of the resource, e.g. `westeurope` (required for regional and multi-service resources). */
  AZURE_TRANSLATOR_REGION: optionalText,
  /** `TRANSLATOR`: `azure` | `llm` | `none`. Default: `azure` if `AZURE_TRANSLATOR_KEY` is set, else `llm` if `OPENAI_API_KEY` is set, else `none`. */
  TRANSLATOR: z.enum(['azure', 'llm', 'none']).optional(),
});

/** Parsed environment, see {@link ProviderEnvSchema}. */
export type ProviderEnv = z.infer<typeof ProviderEnvSchema>;

/** OpenAI (or compatible server) settings; null in {@link ProviderConfig} when `OPENAI_API_KEY` is unset. */
export interface OpenAIConfig {
  /** `OPENAI_API_KEY`. */
  apiKey: string;
  /** `OPENAI_BASE_URL`, or undefined for OpenAI's own endpoint. */
  baseURL: string | undefined;
  /** `OPENAI_CHAT_MODEL`. */
  chatModel: string;
  /** `OPENAI_TRANSCRIBE_MODEL`. */
  transcribeModel: string;
  /** `OPENAI_TTS_MODEL`. */
  ttsModel: string;
  /** `OPENAI_TTS_VOICE`. */
  ttsVoice: string;
}

/** Azure Translator settings; null in {@link ProviderConfig} when `AZURE_TRANSLATOR_KEY` is unset. */
export interface AzureTranslatorConfig {
  /** `AZURE_TRANSLATOR_KEY`. */
  key: string;
  /** `AZURE_TRANSLATOR_ENDPOINT` (no trailing slash). */
  endpoint: string;
  /** `AZURE_TRANSLATOR_REGION`, or undefined for the global resource. */
  region: string | undefined;
}

/** Resolved provider configuration, input of `createProviders`. */
export interface ProviderConfig {
  openai: OpenAIConfig | null;
  azure: AzureTranslatorConfig | null;
  /** Which translator to use (`TRANSLATOR`, or the default rule). */
  translator: 'azure' | 'llm' | 'none';
  /** `PROVIDER_TIMEOUT_MS`: per-request timeout in ms. */
  timeoutMs: number;
  /** `PROVIDER_MAX_RETRIES`: retries per request. */
  maxRetries: number;
}

/** Thrown when provider variables are invalid; the message names each variable. */
export class ProviderConfigError extends Error {
  override name = 'ProviderConfigError';
}

const ENV_KEYS = Object.keys(ProviderEnvSchema.shape) as (keyof ProviderEnv)[];

/**
 * Reads provider settings from `env` (default `process.env`).
 * @throws ProviderConfigError naming each invalid variable, e.g.
 *   `PROVIDER_TIMEOUT_MS: Too small: expected number to be >=100`, or
 *   `TRANSLATOR: "azure" requires AZURE_TRANSLATOR_KEY`.
 */
export function loadProviderConfig(env: Record<string, string | undefined> = process.env): ProviderConfig {
  const raw: Record<string, string> = {};
  for (const k of ENV_KEYS) {
    const v = env[k];
    if (v !== undefined && v.trim() !== '') raw[k] = v;
  }
  const parsed = ProviderEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0] ?? '(env)')}: ${i.message}`);
    throw new ProviderConfigError(`invalid provider configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const openai: OpenAIConfig | null = e.OPENAI_API_KEY
    ? {
        apiKey: e.OPENAI_API_KEY,
        baseURL: e.OPENAI_BASE_URL?.replace(/\/+$/, ''),
        chatModel: e.OPENAI_CHAT_MODEL,
        transcribeModel: e.OPENAI_TRANSCRIBE_MODEL,
        ttsModel: e.OPENAI_TTS_MODEL,
        ttsVoice: e.OPENAI_TTS_VOICE,
      }
    : null;
  const azure: AzureTranslatorConfig | null = e.AZURE_TRANSLATOR_KEY
    ? { key: e.AZURE_TRANSLATOR_KEY, endpoint: e.AZURE_TRANSLATOR_ENDPOINT.replace(/\/+$/, ''), region: e.AZURE_TRANSLATOR_REGION }
    : null;
  const problems: string[] = [];
  if (e.OPENAI_BASE_URL && !openai) problems.push('OPENAI_BASE_URL: set, but OPENAI_API_KEY is missing (use any placeholder for a keyless server)');
  if (e.TRANSLATOR === 'azure' && !azure) problems.push('TRANSLATOR: "azure" requires AZURE_TRANSLATOR_KEY');
  if (e.TRANSLATOR === 'llm' && !openai) problems.push('TRANSLATOR: "llm" requires OPENAI_API_KEY');
  if (problems.length) throw new ProviderConfigError(`invalid provider configuration:\n  ${problems.join('\n  ')}`);
  const translator = e.TRANSLATOR ?? (azure ? 'azure' : openai ? 'llm' : 'none');
  return { openai, azure, translator, timeoutMs: e.PROVIDER_TIMEOUT_MS, maxRetries: e.PROVIDER_MAX_RETRIES };
}
