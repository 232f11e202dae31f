/**
 * Typed failures of cloud providers (OpenAI or a compatible server, Azure Translator), mapped
 * from SDK errors and HTTP statuses so callers can decide to fall back without knowing the SDK.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';

/**
 * Why a provider call failed:
 * - `timeout`: no answer within the configured time (`PROVIDER_TIMEOUT_MS`, or a turn deadline);
 * - `rate_limited`: HTTP 429 (rate limit or exhausted quota);
 * - `unavailable`: connection refused/reset, DNS failure, HTTP 5xx;
 * - `bad_response`: the provider answered something unusable (malformed JSON, output that
 *   fails the zod schema, a refusal, a truncated answer) or rejected the request (other 4xx,
 *   e.g. unknown model: usually a configuration mistake);
 * - `auth`: HTTP 401/403 (wrong or revoked key, wrong region).
 */
export type ProviderErrorCode = 'timeout' | 'rate_limited' | 'unavailable' | 'bad_response' | 'auth';

/** All {@link ProviderErrorCode} values. */
export const PROVIDER_ERROR_CODES: readonly ProviderErrorCode[] = ['timeout', 'rate_limited', 'unavailable', 'bad_response', 'auth'];

/**
 * A provider call failed. `provider` names the service (`openai`, `azure`), `status` is the
 * HTTP status when there was one, `cause` keeps the SDK error for logs. The message never
 * contains the API key.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly code: ProviderErrorCode,
    readonly provider: string,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** One-line reason for logs and the `degradedReason` field, e.g. `openai timeout: no answer within 8000 ms`. */
  get reason(): string {
    return `${this.provider} ${this.code}: ${this.message}`;
  }

  /** No answer within `ms` milliseconds. */
  static timeout(provider: string, ms: number | null, cause?: unknown): ProviderError {
    return new ProviderError('timeout', provider, ms === null ? 'request timed out' : `no answer within ${ms} ms`, null, { cause });
  }
  /** HTTP 429 from the provider. */
  static rateLimited(provider: string, detail = 'rate limited (HTTP 429)', cause?: unknown): ProviderError {
    return new ProviderError('rate_limited', provider, detail, 429, { cause });
  }
  /** Connection failure or HTTP 5xx (`status` null for connection failures). */
  static unavailable(provider: string, detail: string, status: number | null = null, cause?: unknown): ProviderError {
    return new ProviderError('unavailable', provider, detail, status, { cause });
  }
  /** Unusable answer or rejected request. */
  static badResponse(provider: string, detail: string, status: number | null = null, cause?: unknown): ProviderError {
    return new ProviderError('bad_response', provider, detail, status, { cause });
  }
  /** HTTP 401/403. */
  static auth(provider: string, status: number, detail = 'authentication failed', cause?: unknown): ProviderError {
    return new ProviderError('auth', provider, `${detail} (HTTP ${status})`, status, { cause });
  }

  /**
   * Maps an HTTP error status to a ProviderError: 401/403 -> `auth`, 408 -> `timeout`,
   * 429 -> `rate_limited`, 5xx -> `unavailable`, other statuses -> `bad_response`.
   * @param detail provider message (e.g. Azure's `error.message`), kept short.
   */
  static fromStatus(provider: string, status: number, detail = '', cause?: unknown): ProviderError {
    const d = detail ? `: ${clip(detail)}` : '';
    if (status === 401 || status === 403) return ProviderError.auth(provider, status, `authentication failed${d}`, cause);
    if (status === 408) return new ProviderError('timeout', provider, `HTTP 408${d}`, 408, { cause });
    if (status === 429) return ProviderError.rateLimited(provider, `rate limited (HTTP 429)${d}`, cause);
    if (status >= 500) return ProviderError.unavailable(provider, `HTTP ${status}${d}`, status, cause);
    return ProviderError.badResponse(provider, `request rejected (HTTP ${status})${d}`, status, cause);
  }

  /**
   * Maps anything an `openai` SDK call throws: `APIConnectionTimeoutError` -> `timeout`,
   * `APIUserAbortError` -> `timeout` (our deadline aborted it), `RateLimitError` -> `rate_limited`,
   * `AuthenticationError`/`PermissionDeniedError` -> `auth`, `InternalServerError` -> `unavailable`,
   * `APIConnectionError` -> `unavailable`, other `APIError`s by status, finish-reason errors and
   * JSON `SyntaxError`s -> `bad_response`. A ProviderError is returned unchanged.
   * @param timeoutMs reported in the timeout message.
   */
  static fromOpenAI(err: unknown, timeoutMs: number | null = null, provider = 'openai'): ProviderError {
    if (err instanceof ProviderError) return err;
    if (err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError) return ProviderError.timeout(provider, timeoutMs, err);
    if (err instanceof RateLimitError) return ProviderError.rateLimited(provider, `rate limited (HTTP 429): ${clip(err.message)}`, err);
    if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) return ProviderError.auth(provider, err.status, 'authentication failed', err);
    if (err instanceof InternalServerError) return ProviderError.unavailable(provider, `HTTP ${err.status}`, err.status, err);
    if (err instanceof APIConnectionError) return ProviderError.unavailable(provider, `connection failed: ${clip(causeMessage(err))}`, null, err);
    if (err instanceof APIError && typeof err.status === 'number') return ProviderError.fromStatus(provider, err.status, err.message, err);
    if (err instanceof LengthFinishReasonError) return ProviderError.badResponse(provider, 'answer truncated (finish_reason length)', null, err);
    if (err instanceof ContentFilterFinishReasonError) return ProviderError.badResponse(provider, 'answer blocked by the content filter', null, err);
    if (err instanceof SyntaxError) return ProviderError.badResponse(provider, `malformed JSON: ${clip(err.message)}`, null, err);
    return ProviderError.unavailable(provider, `unexpected failure: ${clip(err instanceof Error ? err.message : String(err))}`, null, err);
  }
}

/**
 * The caller passed input a provider must not be sent (too large, wrong type, empty). Not a
 * provider failure: no fallback will help; maps to the wire code `bad_request`.
 */
export class ProviderInputError extends Error {
  override name = 'ProviderInputError';
}

/** The innermost message of an error chain (connection errors hide `ECONNREFUSED` in `cause`). */
function causeMessage(err: Error): string {
  let e: unknown = err;
  let msg = err.message;
  for (let i = 0; i < 5 && e instanceof Error; i++) {
    const code = (e as { code?: unknown }).code;
    msg = typeof code === 'string' ? `${code} ${e.message}` : e.message;
    e = e.cause;
  }
  return msg;
}

/** Clips provider-supplied text kept in error messages to 200 characters. */
function clip(s: string, max = 200): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
