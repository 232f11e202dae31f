import { RequestError } from '@telekiosk/shared/client';
import type { UiMessage } from './state.ts';

/** A failed request as a UI message: `errors.<code>` with the server's text as detail, else `fallbackKey`. */
export function errorMessage(err: unknown, fallbackKey: string): UiMessage {
  if (err instanceof RequestError) return { key: `errors.${err.code}`, detail: err.wire.message };
  return { key: fallbackKey, detail: err instanceof Error ? err.message : String(err) };
}
