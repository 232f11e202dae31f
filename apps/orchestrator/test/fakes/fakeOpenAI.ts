/**
 * Fake OpenAI-compatible API on 127.0.0.1 for the real `openai` SDK: `POST /v1/chat/completions`,
 * `POST /v1/audio/transcriptions` (multipart) and `POST /v1/audio/speech`. Point the client at
 * {@link FakeOpenAI.baseURL}. Every request is recorded; responses come from per-route queues.
 */
import { HttpFake, type ScriptedResponse } from './httpFake.ts';

export type { MultipartBody, RecordedRequest, ScriptedResponse } from './httpFake.ts';

/** Route keys: `chat`, `transcription`, `speech`. */
export type OpenAIRoute = 'chat' | 'transcription' | 'speech';

/** The fake server; `await new FakeOpenAI().start()`, then `stop()` in afterEach/afterAll. */
export class FakeOpenAI extends HttpFake {
  constructor() {
    super([
      { key: 'chat', method: 'POST', path: '/v1/chat/completions' },
      { key: 'transcription', method: 'POST', path: '/v1/audio/transcriptions' },
      { key: 'speech', method: 'POST', path: '/v1/audio/speech' },
    ]);
  }
  /** Base URL for `new OpenAI({ baseURL })` / `OPENAI_BASE_URL`, ending in `/v1`. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }
  /** Queues chat completion responses. */
  chat(...responses: ScriptedResponse[]): this {
    return this.enqueue('chat', ...responses);
  }
  /** JSON bodies of the chat requests received, in order. */
  chatBodies(): ChatRequestBody[] {
    return this.requestsTo('chat').map((r) => r.body as ChatRequestBody);
  }
}

/** The parts of a chat completion request the tests look at. */
export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean } }[];
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  [key: string]: unknown;
}

let seq = 0;

function completion(message: Record<string, unknown>, finishReason: string, model: string): unknown {
  seq += 1;
  return {
    id: `chatcmpl-fake-${seq}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

/**
 * A final assistant message. An object is JSON-serialized (structured output); a string is sent
 * as is (use it for malformed JSON content).
 */
export function chatAnswer(content: unknown, opts: { finishReason?: string; model?: string } = {}): ScriptedResponse {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  return { json: completion({ content: text }, opts.finishReason ?? 'stop', opts.model ?? 'fake-model') };
}

/** An assistant message that calls tools; `arguments` objects are JSON-serialized. */
export function chatToolCalls(calls: { name: string; arguments: unknown; id?: string }[]): ScriptedResponse {
  return {
    json: completion(
      {
        content: null,
        tool_calls: calls.map((c, i) => ({
          id: c.id ?? `call_${seq + 1}_${i}`,
          type: 'function',
          function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
        })),
      },
      'tool_calls',
      'fake-model',
    ),
  };
}

/** An OpenAI-style error body with `status` (e.g. 429, 500, 401). */
export function openAIError(status: number, message = `fake error ${status}`, type = 'fake_error'): ScriptedResponse {
  return { status, json: { error: { message, type, param: null, code: null } } };
}

/** A transcription result (`json` response format). */
export function transcriptionResult(text: string, extra: Record<string, unknown> = {}): ScriptedResponse {
  return { json: { text, ...extra } };
}

/** Speech audio bytes (default content type audio/mpeg). */
export function speechAudio(bytes: Uint8Array, contentType = 'audio/mpeg'): ScriptedResponse {
  return { body: bytes, headers: { 'content-type': contentType } };
}
