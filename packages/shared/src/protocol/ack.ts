import { z } from 'zod';

/**
 * Wire error codes. Each is mapped from the orchestrator's typed errors in one place
 * (apps/orchestrator/src/errors.ts).
 * - `bad_request`: the payload failed validation; `issues` names the fields.
 * - `unauthorized`: missing or invalid credentials.
 * - `forbidden`: the caller's role or assignment does not allow this event.
 * - `not_found`: the session, offer or resource does not exist (or is not visible to the caller).
 * - `conflict`: the state changed (offer already taken, session already ended).
 * - `rate_limited`: too many requests from this connection, device, user or address; retry after `retryAfterMs`.
 * - `unavailable`: a dependency (database, media worker) is not available, or the orchestrator is
 *   above capacity; retry after `retryAfterMs`.
 * - `internal`: unexpected server error; logged with a correlation id.
 */
export const ErrorCode = z.enum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'unavailable', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Error body of a failed acknowledgement. */
export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** For `bad_request`: each problem with the dotted path of the field. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** For `rate_limited` and `unavailable`: when to retry, ms. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type WireError = z.infer<typeof WireError>;

/** Socket.io acknowledgement: every request event gets exactly one. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: WireError };

/**
 * Who may send a request event: a kiosk (device credential on `/kiosk`) or a console user of a
 * role (`worker`, `supervisor`, facility `staff`, knowledge `editor`, AI `trainer`) on `/console`.
 */
export const SenderRole = z.enum(['kiosk', 'worker', 'supervisor', 'staff', 'editor', 'trainer']);
export type SenderRole = z.infer<typeof SenderRole>;

/** A request event: its payload schema and, beside it, its response schema and who may send it. */
export interface RequestDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /**
   * The roles allowed to send it. The orchestrator refuses every other sender with `forbidden`
   * (checked on every event against the sender's current role), and the authorization test is
   * generated from these lists.
   */
  roles: readonly SenderRole[];
}

/** Builds a request definition (keeps request, response and the roles allowed to send it side by side). */
export function defineRequest<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res, roles: readonly SenderRole[]): RequestDef<Req, Res> {
  if (roles.length === 0) throw new Error('a request definition must name at least one role');
  return { request, response, roles };
}

/** Empty response body. */
export const Empty = z.object({});

/** Socket.io client-to-server event map derived from request definitions. */
export type ClientToServerEvents<M extends Record<string, RequestDef>> = {
  [K in keyof M]: (payload: z.input<M[K]['request']>, ack: (res: Ack<z.output<M[K]['response']>>) => void) => void;
};

/** Socket.io server-to-client event map derived from push-event schemas. */
export type ServerToClientEvents<M extends Record<string, z.ZodType>> = {
  [K in keyof M]: (payload: z.output<M[K]>) => void;
};

/** Converts zod issues to wire issues with dotted paths (`text`, `rtpParameters.codecs.0`). */
export function toWireIssues(error: z.ZodError): NonNullable<WireError['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}
