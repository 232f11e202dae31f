import { createHash, randomBytes } from 'node:crypto';
import type { LoginResponse, WorkerView } from '@telekiosk/shared';
import { AuthError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AuthStore, Principal } from './authStore.ts';
import type { TokenService } from './tokens.ts';

/** Lifetimes of sign-ins (seconds). */
export interface SignInLifetimes {
  /** Access token lifetime (s): short, since a stolen one cannot be revoked before it expires except through its sign-in session. */
  accessTtlS: number;
  /** Sign-in session lifetime (s): refresh tokens stop working after it (absolute, not sliding). */
  sessionTtlS: number;
  /** A rotated refresh token presented again within this (s) gets a new pair (two tabs refreshing at once); later, its sign-in session is revoked as stolen. Default 30. */
  reuseLeewayS?: number;
}

/** A new access token with its refresh token (the HTTP layer puts the refresh token in an HttpOnly cookie). */
export interface IssuedTokens {
  response: LoginResponse;
  refreshToken: string;
  /** Sign-in session id. */
  sid: string;
}

/** Result of a refresh. */
export type RefreshOutcome = IssuedTokens;

/** SHA-256 hex of an opaque token (refresh tokens and enrolment codes are random, so a fast hash suffices). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sign-in sessions: each sign-in (password or single sign-on) creates one, with a short-lived
 * access token (JWT naming the session as `sid`) and an opaque refresh token stored hashed.
 * Refresh rotates the refresh token (OAuth 2.0 Security BCP, RFC 9700 section 4.14.2): a token
 * used twice after the leeway means it was stolen, and the whole sign-in session is revoked.
 * Revoked sessions are the revocation list: access control refuses tokens that name them.
 */
export class SignInSessions {
  constructor(
    private readonly deps: { store: AuthStore; tokens: TokenService; logger: Logger; now?: () => number; onRevoked?: (change: { sid?: string; workerId?: string; reason: string }) => void },
    private readonly lifetimes: SignInLifetimes,
  ) {}

  private now(): Date {
    return new Date(this.deps.now ? this.deps.now() : Date.now());
  }

  /** Starts a sign-in session for an active user. @throws AuthError `unauthorized` for a disabled or deleted account. */
  async issue(p: Principal, method: 'password' | 'oidc'): Promise<IssuedTokens> {
    if (p.status !== 'active') throw AuthError.invalidCredentials();
    const at = this.now();
    const sid = randomBytes(16).toString('base64url');
    await this.deps.store.createSession({ id: sid, workerId: p.id, method, createdAt: at, expiresAt: new Date(at.getTime() + this.lifetimes.sessionTtlS * 1000) });
    return this.tokensFor(p, sid, at, new Date(at.getTime() + this.lifetimes.sessionTtlS * 1000));
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token.
   * @throws AuthError `unauthorized` when the token is unknown, its sign-in session is revoked or
   *   expired, the account is no longer active, or the token was already used (then the session is revoked).
   */
  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    const at = this.now();
    const used = await this.deps.store.useRefreshToken(tokenHash(refreshToken), at);
    if (!used) throw new AuthError('unauthorized', 'unknown refresh token; sign in again');
    const session = await this.deps.store.session(used.sessionId);
    if (!session || session.revokedAt || session.expiresAt <= at) throw new AuthError('unauthorized', 'the sign-in has ended; sign in again');
    if (!used.fresh) {
      const leewayMs = (this.lifetimes.reuseLeewayS ?? 30) * 1000;
      if (!used.usedAt || at.getTime() - used.usedAt.getTime() > leewayMs) {
        await this.revoke(session.id, 'refresh_token_reused');
        this.deps.logger.warn({ workerId: session.workerId, sid: session.id }, 'refresh token used twice: sign-in session revoked');
        throw new AuthError('unauthorized', 'refresh token already used; the sign-in was revoked');
      }
    }
    const p = await this.deps.store.principal(session.workerId);
    if (!p || p.status !== 'active') throw new AuthError('unauthorized', 'the account is not active');
    return this.tokensFor(p, session.id, at, session.expiresAt);
  }

  /** Revokes a sign-in session (sign-out, theft); its tokens stop working at once on every node. */
  async revoke(sid: string, reason: string): Promise<void> {
    const session = await this.deps.store.session(sid);
    if (await this.deps.store.revokeSession(sid, reason, this.now())) this.deps.onRevoked?.({ sid, ...(session ? { workerId: session.workerId } : {}), reason });
  }

  /** The sign-in session a refresh token belongs to (for sign-out), without using the token. */
  async sessionOfRefreshToken(refreshToken: string): Promise<string | undefined> {
    const used = await this.deps.store.useRefreshToken(tokenHash(refreshToken), this.now());
    return used?.sessionId;
  }

  private async tokensFor(p: Principal, sid: string, at: Date, sessionEnd: Date): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.deps.store.addRefreshToken(tokenHash(refreshToken), sid, at);
    const token = await this.deps.tokens.sign({ sub: p.id, role: p.role, sid });
    const worker: WorkerView = { id: p.id, username: p.username, displayName: p.displayName, role: p.role, languages: p.languages, state: 'offline' };
    return {
      sid,
      refreshToken,
      response: { token, expiresInS: this.deps.tokens.ttlS, refreshExpiresInS: Math.max(1, Math.floor((sessionEnd.getTime() - at.getTime()) / 1000)), worker },
    };
  }
}
