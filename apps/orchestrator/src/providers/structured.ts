/**
 * Parsing of structured (json_schema) chat completion answers with zod, shared by the LLM
 * intake and the LLM translator.
 */
import type OpenAI from 'openai';
import type { z } from 'zod';
import { ProviderError } from './errors.ts';

/**
 * Parses the first choice's message content as JSON and validates it with `schema`.
 * @param provider named in the error (default `openai`).
 * @throws ProviderError `bad_response` for no choice, a refusal, truncation (`finish_reason`
 *   `length`), empty content, malformed JSON or a schema mismatch (the message names the field).
 */
export function parseStructured<T extends z.ZodType>(res: OpenAI.Chat.Completions.ChatCompletion, schema: T, provider = 'openai'): z.infer<T> {
  const choice = res.choices?.[0];
  if (!choice) throw ProviderError.badResponse(provider, 'no choices in the completion');
  if (choice.message.refusal) throw ProviderError.badResponse(provider, `refused: ${clip(choice.message.refusal, 200)}`);
  if (choice.finish_reason === 'length') throw ProviderError.badResponse(provider, 'answer truncated (finish_reason length)');
  const content = choice.message.content;
  if (!content) throw ProviderError.badResponse(provider, 'empty message content');
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw ProviderError.badResponse(provider, `malformed JSON in structured answer: ${clip(content, 80)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw ProviderError.badResponse(provider, `structured answer fails the schema: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** First three zod issues as `path: message; ...`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
