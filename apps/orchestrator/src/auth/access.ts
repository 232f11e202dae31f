import type { Role } from '@telekiosk/shared';
import { AuthError, OrchestratorError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AccountStatus, AuthStore, Principal } from './authStore.ts';
import type { TokenService } from './tokens.ts';

/** Why access was withdrawn (sent to the client with `auth:revoked`). */
export type RevokeReason = 'account_disabled' | 'account_deleted' | 'role_changed' | 'signed_out' | 'session_revoked' | 'session_expired';

/** What changed: a user (status or role) or one sign-in session. */
export interface AccessChange {
  workerId?: string;
  sid?: string;
  reason: string;
}

/** How changes reach the other nodes (NodeRpc's broadcast in a cluster; nothing in one process). */
export interface ChangeBus {
  broadcast(event: string, payload: unknown): void;
  onBroadcast(event: string, fn: (payload: unknown) => void): void;
}

/** An authenticated caller: the user as the store has them now, and the sign-in session. */
export interface Caller {
  principal: Principal;
  sid: string | undefined;
}

/** Default time a user's status and role (and a sign-in session's state) are cached (ms). */
export const ACCESS_CACHE_MS = 5_000;

/**
 * Access control against current state: the role and account status come from the store, cached
 * for a few seconds and invalidated on change on every node (through the cluster's broadcast),
 * never from the token alone. Sign-in sessions named by access tokens (`sid`) must not be revoked
 * or expired. Listeners (the socket namespaces) hear of every change so they can disconnect the
 * sockets that lost access at once.
 */
export class AccessControl {
  private readonly principals = new Map<string, { p: Principal | undefined; at: number }>();
  private readonly sessions = new Map<string, { live: boolean; workerId: string | undefined; reason: RevokeReason; at: number }>();
  private readonly listeners: ((c: AccessChange) => void)[] = [];
  private bus: ChangeBus | null = null;

  constructor(private readonly deps: { store: AuthStore; tokens: TokenService; logger: Logger; cacheMs?: number; now?: () => number }) {}

  /** Connects to the cluster's broadcast: changes made on any node reach this one (and the other way round). */
  useBus(bus: ChangeBus): void {
    this.bus = bus;
    bus.onBroadcast('access:changed', (payload) => {
      const c = payload as AccessChange;
      if (c && typeof c === 'object') this.applyChange(c);
    });
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }
  private get cacheMs(): number {
    return this.deps.cacheMs ?? ACCESS_CACHE_MS;
  }

  /** Every console account (supervisors' user list). */
  allUsers(): Promise<Principal[]> {
    return this.deps.store.principals();
  }

  /** Hears of every access change, local or from another node. */
  onChange(fn: (c: AccessChange) => void): void {
    this.listeners.push(fn);
  }

  /** A user's current principal (cached for {@link ACCESS_CACHE_MS}). */
  async principal(workerId: string, fresh = false): Promise<Principal | undefined> {
    const c = this.principals.get(workerId);
    if (!fresh && c && this.now() - c.at < this.cacheMs) return c.p;
    const p = await this.deps.store.principal(workerId);
    this.principals.set(workerId, { p, at: this.now() });
    return p;
  }

  /** Whether a sign-in session is live (not revoked, not expired), cached like principals; when not, why. */
  async sessionLive(sid: string, fresh = false): Promise<boolean> {
    return (await this.sessionState(sid, fresh)).live;
  }

  private async sessionState(sid: string, fresh: boolean): Promise<{ live: boolean; reason: RevokeReason }> {
    const c = this.sessions.get(sid);
    if (!fresh && c && this.now() - c.at < this.cacheMs) return c;
    const s = await this.deps.store.session(sid);
    const live = !!s && !s.revokedAt && s.expiresAt.getTime() > this.now();
    const stored = s?.revokeReason ?? null;
    const reason: RevokeReason = !s ? 'session_revoked' : s.revokedAt ? (stored === 'signed_out' || stored === 'role_changed' || stored === 'account_disabled' || stored === 'account_deleted' ? stored : 'session_revoked') : 'session_expired';
    const entry = { live, workerId: s?.workerId, reason, at: this.now() };
    this.sessions.set(sid, entry);
    return entry;
  }

  /**
   * Verifies an access token and checks its user and sign-in session against current state.
   * @throws AuthError `unauthorized` (bad or expired token, revoked sign-in, account not active).
   */
  async authenticate(token: string): Promise<Caller> {
    const claims = await this.deps.tokens.verify(token);
    if (!claims) throw new AuthError('unauthorized', 'missing, invalid or expired token');
    if (!claims.sid) throw new AuthError('unauthorized', 'token without a sign-in session; sign in again');
    const caller = await this.check(claims.sub, claims.sid);
    return caller;
  }

  /**
   * Checks a user and sign-in session now (cached state).
   * @throws AuthError `unauthorized` naming why access is gone.
   */
  async check(workerId: string, sid: string | undefined, opts: { role?: Role; fresh?: boolean } = {}): Promise<Caller> {
    const p = await this.principal(workerId, opts.fresh);
    const why = this.refusal(p, opts.role);
    if (why) throw new AuthError('unauthorized', why);
    if (sid) {
      const st = await this.sessionState(sid, !!opts.fresh);
      if (!st.live) throw new AuthError('unauthorized', `${st.reason}: the sign-in was ${st.reason === 'session_expired' ? 'too long ago' : 'ended'}; sign in again`);
    }
    return { principal: p!, sid };
  }

  /** Why a principal may not act (reason code first), or null. `role`: the role the caller's socket was opened with. */
  refusal(p: Principal | undefined, role?: Role): string | null {
    if (!p || p.status === 'deleted') return 'account_deleted: the account no longer exists';
    if (p.status === 'disabled') return 'account_disabled: the account is disabled';
    if (role && p.role !== role) return `role_changed: the account's role is now ${p.role}; sign in again`;
    return null;
  }

  /**
   * Requires one of `roles` for a caller.
   * @throws AuthError `forbidden`.
   */
  requireRole(caller: Caller, roles: readonly Role[]): void {
    if (!roles.includes(caller.principal.role)) throw AuthError.forbidden(`requires role ${roles.join(' or ')}`);
  }

  // --- changes -------------------------------------------------------------------------------

  /** Sets a user's account status; their sign-ins are revoked and their sockets closed at once (every node). */
  async setStatus(actor: string, workerId: string, status: AccountStatus): Promise<Principal> {
    if (!(await this.deps.store.setStatus(workerId, status, new Date(this.now())))) throw new OrchestratorError('not_found', `user ${workerId} not found`);
    if (status !== 'active') await this.deps.store.revokeSessionsOf(workerId, `account_${status}`, new Date(this.now()));
    await this.deps.store.audit({ actor, action: `user.${status === 'active' ? 'enabled' : status}`, subject: `worker:${workerId}` }, new Date(this.now()));
    this.changed({ workerId, reason: status === 'active' ? 'account_enabled' : `account_${status}` });
    return (await this.principal(workerId, true))!;
  }

  /** Changes a user's role; their sign-ins are revoked (they sign in again with the new role) and sockets closed. */
  async setRole(actor: string, workerId: string, role: Role): Promise<Principal> {
    const before = await this.principal(workerId, true);
    if (!before) throw new OrchestratorError('not_found', `user ${workerId} not found`);
    await this.deps.store.setRole(workerId, role, new Date(this.now()));
    if (before.role !== role) {
      await this.deps.store.revokeSessionsOf(workerId, 'role_changed', new Date(this.now()));
      await this.deps.store.audit({ actor, action: 'user.role_changed', subject: `worker:${workerId}`, data: { from: before.role, to: role } }, new Date(this.now()));
      this.changed({ workerId, reason: 'role_changed' });
    }
    return (await this.principal(workerId, true))!;
  }

  /** A sign-in session was revoked (sign-out, theft): drop it from caches on every node. */
  sessionRevoked(c: { sid?: string; workerId?: string; reason: string }): void {
    this.changed(c);
  }

  /** Applies a change here and tells the other nodes. */
  changed(c: AccessChange): void {
    this.applyChange(c);
    this.bus?.broadcast('access:changed', c);
  }

  private applyChange(c: AccessChange): void {
    if (c.workerId) this.principals.delete(c.workerId);
    if (c.sid) this.sessions.delete(c.sid);
    if (c.workerId) for (const [sid, s] of this.sessions) if (s.workerId === c.workerId) this.sessions.delete(sid);
    for (const fn of this.listeners) {
      try {
        fn(c);
      } catch (err) {
        this.deps.logger.warn({ err }, 'access change listener failed');
      }
    }
  }
}

/** The reason code at the start of a refusal message (`account_disabled: ...`), for the client. */
export function reasonOf(message: string): RevokeReason {
  const code = message.split(':')[0] as RevokeReason;
  return (['account_disabled', 'account_deleted', 'role_changed', 'signed_out', 'session_revoked', 'session_expired'] as const).includes(code) ? code : 'session_revoked';
}
