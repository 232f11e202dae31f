import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '../db/store.ts';
import type { AuthStore } from './authStore.ts';
import type { IssuedTokens, SignInSessions } from './signIn.ts';
import { AuthError, CapacityError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

/** Sign-in limits (per deployment). Windows in seconds. */
export interface LoginLimits {
  /** Attempts per username per window before further attempts are refused until the window ends. Default 10. */
  perUser: number;
  /** Attempts per client address per window. Default 100 (a city office may share one address). */
  perIp: number;
  /** Window of both limits (s). Default 900 (15 min). */
  windowS: number;
  /** Password hashes computed at once; the rest wait, so hashing never starves other work. Default 2. */
  hashConcurrency: number;
  /** Sign-ins waiting for a hashing slot beyond which new ones are refused with `unavailable`. Default 200. */
  maxQueued: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 10, perIp: 100, windowS: 900, hashConcurrency: 2, maxQueued: 200 };

/**
 * The sign-in limiters: in PostgreSQL (`login_limits` table, rate-limiter-flexible's
 * RateLimiterPostgres) when the deployment has a PostgreSQL server, so the limits hold across
 * every node of a cluster; in memory otherwise (one process on the embedded database).
 * @param pool a `pg` Pool on the deployment's database, or null.
 */
export function createLoginLimiters(limits: Partial<LoginLimits>, pool: unknown | null): { perUser: RateLimiterAbstract; perIp: RateLimiterAbstract; kind: 'postgres' | 'memory' } {
  const l = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  if (pool) {
    const common = { storeClient: pool, storeType: 'pool', tableName: 'login_limits', tableCreated: true, clearExpiredByTimeout: false, duration: l.windowS };
    return {
      perUser: new RateLimiterPostgres({ ...common, keyPrefix: 'login_user', points: l.perUser }),
      perIp: new RateLimiterPostgres({ ...common, keyPrefix: 'login_ip', points: l.perIp }),
      kind: 'postgres',
    };
  }
  return {
    perUser: new RateLimiterMemory({ keyPrefix: 'login_user', points: l.perUser, duration: l.windowS }),
    perIp: new RateLimiterMemory({ keyPrefix: 'login_ip', points: l.perIp, duration: l.windowS }),
    kind: 'memory',
  };
}

/**
 * Password sign-in for console users: rate-limited per username and per address
 * (rate-limiter-flexible; a successful sign-in gives its attempt back), the same hashing work
 * for unknown users as for known ones (no timing oracle), password hashing at bounded
 * concurrency, and argon2id re-hashing of older hashes after a successful sign-in.
 */
export class LoginService {
  private readonly limits: LoginLimits;
  private readonly perUser: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly hashing: ReturnType<typeof pLimit>;
  /** A real argon2id hash of a random password: unknown users are verified against it. */
  private readonly dummy: Promise<string>;

  constructor(
    private readonly deps: { store: Store; auth: AuthStore; signIn: SignInSessions; logger: Logger },
    limits: Partial<LoginLimits> = {},
    limiters?: { perUser: RateLimiterAbstract; perIp: RateLimiterAbstract },
  ) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
    this.perUser = limiters?.perUser ?? new RateLimiterMemory({ keyPrefix: 'login_user', points: this.limits.perUser, duration: this.limits.windowS });
    this.perIp = limiters?.perIp ?? new RateLimiterMemory({ keyPrefix: 'login_ip', points: this.limits.perIp, duration: this.limits.windowS });
    this.hashing = pLimit(this.limits.hashConcurrency);
    this.dummy = hashPassword(randomBytes(24).toString('base64url'));
  }

  /**
   * Signs a user in.
   * @throws CapacityError `rate_limited` (too many attempts for this user or address, with retry-after),
   *   `unavailable` (too many sign-ins waiting); AuthError `unauthorized` for a wrong username or password.
   */
  async login(username: string, password: string, ip: string): Promise<IssuedTokens> {
    const userKey = username.toLowerCase();
    await Promise.all([this.take(this.perIp, ip, 'sign-in attempts from this address'), this.take(this.perUser, userKey, 'sign-in attempts for this user')]);
    if (this.hashing.pendingCount >= this.limits.maxQueued) throw CapacityError.overloaded(2000);
    const w = await this.deps.store.findWorkerByUsername(username);
    const ok = await this.hashing(async () => (w ? verifyPassword(password, w.passwordHash) : verifyPassword(password, await this.dummy).then(() => false)));
    // A disabled or deleted account is refused like a wrong password (after the same work).
    const principal = w && ok ? await this.deps.auth.principal(w.id) : undefined;
    if (!w || !ok || !principal || principal.status !== 'active') {
      this.deps.logger.info({ username: userKey.slice(0, 64), ip }, 'sign-in refused');
      throw AuthError.invalidCredentials();
    }
    await Promise.all([this.perUser.delete(userKey), this.perIp.reward(ip, 1)]).catch((err: unknown) => this.deps.logger.warn({ err }, 'sign-in limiter reset failed'));
    if (needsRehash(w.passwordHash)) {
      void this.hashing(() => hashPassword(password))
        .then((h) => this.deps.store.setPasswordHash(w.id, h))
        .then(() => this.deps.logger.info({ workerId: w.id }, 'password re-hashed with argon2id'))
        .catch((err: unknown) => this.deps.logger.warn({ err, workerId: w.id }, 'password re-hash failed; kept the old hash'));
    }
    const issued = await this.deps.signIn.issue(principal, 'password');
    this.deps.logger.info({ workerId: w.id }, 'login');
    return issued;
  }

  private async take(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw CapacityError.rateLimited(what, res.msBeforeNext);
      throw res;
    }
  }
}
