import type { IncomingMessage } from 'node:http';
import { originAllowed, type EdgePolicy } from './edge.ts';

/**
 * socket.io's `allowRequest` hook: refuses WebSocket handshakes from pages of other origins
 * (same origin, or `ALLOWED_ORIGINS`); clients without an `Origin` (kiosk shells, scripts) pass.
 */
export function socketOriginCheck(policy: EdgePolicy): (req: IncomingMessage, cb: (err: string | null | undefined, ok: boolean) => void) => void {
  return (req, cb) => (originAllowed(req, policy) ? cb(null, true) : cb('origin not allowed', false));
}
