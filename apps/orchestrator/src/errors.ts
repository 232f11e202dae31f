import type { ErrorCode, WireError } from '@telekiosk/shared';

/**
 * Base error of the orchestrator: a wire `code` (see packages/shared protocol/ack.ts),
 * a message safe to show to the caller, and an optional `cause` kept for logs.
 */
export class OrchestratorError extends Error {
  override name = 'OrchestratorError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  /** The acknowledgement body for this error. */
  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
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
  return { code: 'internal', message: 'internal error' };
}

/** HTTP status for each wire code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, unavailable: 503, internal: 500,
};
