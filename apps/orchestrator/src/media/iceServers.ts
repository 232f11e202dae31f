/**
 * ICE servers handed to clients in the `media:join` response: the deployment's TURN servers
 * (coturn with `use-auth-secret`) with time-limited credentials from the TURN REST API
 * (draft-uberti-behave-turn-rest-00 §2.2): the username is `<expiry unix seconds>:<user id>` and
 * the password is base64(HMAC-SHA1(shared secret, username)). coturn recomputes the password
 * from its `static-auth-secret` and refuses the username once its expiry has passed, so no
 * per-user state is shared between the orchestrator and the TURN server.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '@telekiosk/shared';

/** TURN configuration (from `TURN_URLS`, `TURN_SECRET`, `TURN_TTL_S`). */
export interface TurnOptions {
  /** `turn:` / `turns:` URLs, e.g. `turns:turn.example.org:443?transport=tcp`. */
  urls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** Credential lifetime in seconds. */
  ttlS: number;
}

/** A time-limited TURN credential. */
export interface TurnCredential {
  /** `<expiry unix seconds>:<user id>`. */
  username: string;
  /** base64(HMAC-SHA1(secret, username)). */
  credential: string;
  /** When coturn stops accepting it (ms since the epoch). */
  expiresAtMs: number;
}

/**
 * TURN REST credential for `userId`, valid for `ttlS` seconds from `nowMs`.
 * @param userId who it is for (kept in coturn's logs); must not contain `:`.
 */
export function turnCredential(secret: string, userId: string, ttlS: number, nowMs: number): TurnCredential {
  if (userId.includes(':')) throw new Error('userId: must not contain ":" (the TURN REST username separator)');
  const expiry = Math.floor(nowMs / 1000) + Math.floor(ttlS);
  const username = `${expiry}:${userId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64'), expiresAtMs: expiry * 1000 };
}

/**
 * The ICE servers for one peer (empty when no TURN server is configured). A `:` in `userId`
 * becomes `_` (it separates the expiry in the username).
 */
export function iceServersFor(turn: TurnOptions | undefined, userId: string, nowMs: number): IceServer[] {
  if (!turn || turn.urls.length === 0) return [];
  const { username, credential } = turnCredential(turn.secret, userId.replaceAll(':', '_'), turn.ttlS, nowMs);
  return [{ urls: turn.urls, username, credential }];
}
