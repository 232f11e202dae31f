import type { ErrorCode, WireError } from '@telekiosk/shared';

/**
 * Base error of the orchestrator: a wire `code` (see packages/shared protocol/ack.ts),
 * a message safe to show to the caller, and an optional `cause` kept for logs.
 */
export class OrchestratorError extends Error {
  override name = 'OrchestratorError';
  /** For `rate_limited` / `unavailable`: when the caller may retry (ms). */
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
  /** The acknowledgement body for this error. */
  toWire(): WireError {
    return { code: this.code, message: this.message, ...(this.retryAfterMs !== undefined ? { retryAfterMs: Math.max(0, Math.ceil(this.retryAfterMs)) } : {}) };
  }
}

/** Overload and outage: each says when to retry. */
export class CapacityError extends OrchestratorError {
  override name = 'CapacityError';
  /** Too many requests from one connection, device, user or address. Fix: slow down; retry after `retryAfterMs`. */
  static rateLimited(what: string, retryAfterMs: number) {
    return new CapacityError('rate_limited', `too many requests: ${what}; retry in ${Math.ceil(retryAfterMs / 1000)} s`, { retryAfterMs });
  }
  /** The orchestrator is above capacity and refuses new sessions fast. Fix: retry after `retryAfterMs` (the kiosk tells the visitor). */
  static overloaded(retryAfterMs: number) {
    return new CapacityError('unavailable', 'the service is very busy right now; please try again shortly', { retryAfterMs });
  }
  /** The database cannot be reached. Fix: wait for it to come back (nothing acknowledged is lost). */
  static databaseUnavailable(cause: unknown) {
    return new CapacityError('unavailable', 'the database is not available right now; please retry', { cause, retryAfterMs: DATABASE_RETRY_MS });
  }
}

/** Retry-after suggested while the database is unreachable (ms). */
export const DATABASE_RETRY_MS = 2000;

/** PostgreSQL SQLSTATE classes and Node socket errors that mean "the database is not reachable", not "the query is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3]|58)/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * True when `err` means the database could not be reached (connection refused or lost, server
 * shutting down, too many connections, pool timeout), so the request may succeed later.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    const message = e instanceof Error ? e.message : '';
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Cannot use a pool after calling end/i.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}

/** Reasons a session operation fails; each documents the fix. */
export class SessionError extends OrchestratorError {
  override name = 'SessionError';
  /** The session id is unknown or belongs to another device/worker. Fix: use the id from `session:start` / the assignment. */
  static notFound(id: string) {
    return new SessionError('not_found', `session ${id} not found`);
  }
  /** The session is not in a state that allows this (e.g. message after end). Fix: start a new session. */
  static wrongState(id: string, state: string, action: string) {
    return new SessionError('conflict', `session ${id} is ${state}; cannot ${action}`);
  }
  /** The device is out of service (open critical alert or staff). Fix: staff resolve the alert or put it back in service. */
  static deviceOutOfService(deviceId: string, reasons: string[]) {
    return new SessionError('unavailable', `device ${deviceId} is out of service: ${reasons.join(', ')}`);
  }
  /** The device already has an active session. Fix: leave it first. */
  static deviceBusy(deviceId: string) {
    return new SessionError('conflict', `device ${deviceId} already has an active session`);
  }
}

/** Reasons an offer operation fails. */
export class OfferError extends OrchestratorError {
  override name = 'OfferError';
  /** The offer timed out, was declined, or another worker took the session. Fix: wait for the next offer. */
  static gone(offerId: string) {
    return new OfferError('conflict', `offer ${offerId} is no longer open`);
  }
}

/** Authentication and authorization failures. */
export class AuthError extends OrchestratorError {
  override name = 'AuthError';
  /** Wrong username/password or device token. */
  static invalidCredentials() {
    return new AuthError('unauthorized', 'invalid credentials');
  }
  /** The caller's role does not allow the event. */
  static forbidden(what: string) {
    return new AuthError('forbidden', `not allowed: ${what}`);
  }
}

/** Maps any thrown value to a wire error; unknown errors become `internal` without leaking details. */
export function toWireError(err: unknown): WireError {
  if (err instanceof OrchestratorError) return err.toWire();
  if (isDatabaseUnavailable(err)) return CapacityError.databaseUnavailable(err).toWire();
  return { code: 'internal', message: 'internal error' };
}

/** HTTP status for each wire code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, unavailable: 503, internal: 500,
};
