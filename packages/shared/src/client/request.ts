import type { z } from 'zod';
import type { Ack, RequestDef, WireError } from '../protocol/ack.ts';

/** Error thrown by {@link request} when the server answers `ok: false` or does not answer in time. */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly event: string,
    readonly wire: WireError,
  ) {
    super(`${event}: ${wire.message}`);
  }
  get code() {
    return this.wire.code;
  }
}

/** The part of a socket.io client socket that {@link request} uses. */
export interface AckSocket {
  timeout(ms: number): { emit(event: string, payload: unknown, cb: (err: Error | null, res: Ack<unknown>) => void): unknown };
}

/**
 * Sends a request event and resolves with the parsed response data (validated with the
 * response schema beside the request in the protocol definition).
 * @throws RequestError on an error ack, a timeout (`unavailable`, after `timeoutMs`, default 10000 ms)
 *   or a response that does not match the schema (`internal`).
 */
export function request<M extends Record<string, RequestDef>, K extends keyof M & string>(
  socket: AckSocket,
  defs: M,
  event: K,
  payload: z.input<M[K]['request']>,
  timeoutMs = 10_000,
): Promise<z.output<M[K]['response']>> {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err, res) => {
      if (err) return reject(new RequestError(event, { code: 'unavailable', message: `no answer within ${timeoutMs} ms` }));
      if (!res || typeof res !== 'object') return reject(new RequestError(event, { code: 'internal', message: 'malformed acknowledgement' }));
      if (!res.ok) return reject(new RequestError(event, res.error));
      const parsed = defs[event]!.response.safeParse(res.data);
      if (!parsed.success) return reject(new RequestError(event, { code: 'internal', message: `unexpected response: ${parsed.error.issues[0]?.message ?? ''}` }));
      resolve(parsed.data as z.output<M[K]['response']>);
    });
  });
}
