import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import { z } from 'zod';
import { Department, Language, type Role } from '@telekiosk/shared';
import { AuthError, OrchestratorError } from '../errors.ts';
import { ConfigError } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { AccessControl } from './access.ts';
import type { AuthStore, Principal } from './authStore.ts';
import type { IssuedTokens, SignInSessions } from './signIn.ts';
import type { TokenService } from './tokens.ts';

/**
 * Single sign-on settings (the JSON file named by `OIDC_CONFIG`; the client secret comes from
 * `OIDC_CLIENT_SECRET`). Roles are mapped from a groups claim: city IT puts users in groups at
 * its identity provider (Entra ID, Keycloak, ...) and the orchestrator follows on every sign-in.
 */
export const OidcConfigSchema = z.strictObject({
  /** Label of the console's sign-in button, e.g. "City account". */
  name: z.string().trim().min(1).max(40).default('Single sign-on'),
  /** Issuer URL; its `/.well-known/openid-configuration` is read at start. */
  issuer: z.url(),
  clientId: z.string().min(1),
  /** This deployment's callback URL as registered at the provider: `<public origin>/api/auth/oidc/callback`. */
  redirectUri: z.url(),
  /** Scopes asked for. Default `openid profile email`. */
  scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/)).min(1).default(['openid', 'profile', 'email']),
  /** ID token claim that lists the user's groups (Entra ID and Keycloak: `groups`). */
  groupsClaim: z.string().min(1).default('groups'),
  /**
   * Groups (names or, for Entra ID, object ids) per role. A user in several gets the first of
   * supervisor, staff, worker; a user in none is refused.
   */
  roles: z.strictObject({
    supervisor: z.array(z.string().min(1)).default([]),
    staff: z.array(z.string().min(1)).default([]),
    worker: z.array(z.string().min(1)).default([]),
  }),
  /** Department queues per group (routing skills); users get `general` plus their groups' departments. */
  departments: z.record(z.string(), z.array(Department)).default({}),
  /** Languages of users created by single sign-on (they can be changed later). Default `["en"]`. */
  defaultLanguages: z.array(Language).min(1).default(['en']),
  /** Allow an `http://` issuer (a test provider on 127.0.0.1 only; never in production). Default false. */
  allowInsecureIssuer: z.boolean().default(false),
});
export type OidcConfig = z.infer<typeof OidcConfigSchema>;

/**
 * Reads and validates the single sign-on settings.
 * @throws ConfigError naming the file and each bad field.
 */
export function loadOidcConfig(path: string, env: { clientSecret?: string }): OidcConfig & { clientSecret: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  OIDC_CONFIG: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const r = OidcConfigSchema.safeParse(raw);
  if (!r.success) throw new ConfigError(`invalid configuration:\n  ${r.error.issues.map((i) => `OIDC_CONFIG ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n  ')}`);
  if (!env.clientSecret) throw new ConfigError('invalid configuration:\n  OIDC_CLIENT_SECRET: required when OIDC_CONFIG is set');
  if (new URL(r.data.issuer).protocol !== 'https:' && !r.data.allowInsecureIssuer) throw new ConfigError('invalid configuration:\n  OIDC_CONFIG issuer: must be https (allowInsecureIssuer is for local tests only)');
  return { ...r.data, clientSecret: env.clientSecret };
}

/** The role a user's groups map to, or null when none does. */
export function roleFromGroups(groups: readonly string[], roles: OidcConfig['roles']): Role | null {
  for (const role of ['supervisor', 'staff', 'worker'] as const) if (roles[role].some((g) => groups.includes(g))) return role;
  return null;
}

/** What single sign-on works with; `access` ends earlier sign-ins and drops cached state when the provider's groups change a user. */
type OidcDeps = { auth: AuthStore; access: Pick<AccessControl, 'setRole' | 'changed'>; signIn: SignInSessions; tokens: TokenService; logger: Logger };

/** State of one sign-in in flight, kept in a signed cookie (any node may receive the callback). */
const FlightState = z.object({ state: z.string(), nonce: z.string(), verifier: z.string() });

/**
 * Sign-in with OpenID Connect (authorization code flow with PKCE, `openid-client` 6): the
 * console's button goes to `start`, the provider redirects back to `callback`, which checks
 * state, nonce and PKCE, maps the groups claim to a role, creates or updates the user, and
 * starts a sign-in session like a password sign-in. Disabled or deleted users are refused.
 */
export class OidcSignIn {
  private constructor(
    private readonly config: client.Configuration,
    readonly settings: OidcConfig,
    private readonly deps: OidcDeps,
  ) {}

  /** Discovers the provider. @throws when the issuer cannot be reached or its metadata is invalid. */
  static async start(settings: OidcConfig & { clientSecret: string }, deps: OidcDeps): Promise<OidcSignIn> {
    const options = settings.allowInsecureIssuer ? { execute: [client.allowInsecureRequests] } : undefined;
    const config = await client.discovery(new URL(settings.issuer), settings.clientId, { redirect_uris: [settings.redirectUri], response_types: ['code'] }, client.ClientSecretPost(settings.clientSecret), options);
    return new OidcSignIn(config, settings, deps);
  }

  /** The provider's authorization URL and the signed state to keep in a cookie until the callback. */
  async begin(): Promise<{ url: string; flight: string }> {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const flight = await this.deps.tokens.signData({ state, nonce, verifier }, 'telekiosk-oidc-flight', 600);
    return { url: url.href, flight };
  }

  /**
   * Completes a sign-in from the provider's redirect (`search`: the callback's query string).
   * @throws AuthError `unauthorized` (bad state, code or token; disabled account), `forbidden` (no mapped role).
   */
  async complete(search: string, flightCookie: string | undefined): Promise<IssuedTokens> {
    const flight = flightCookie ? FlightState.safeParse(await this.deps.tokens.verifyData(flightCookie, 'telekiosk-oidc-flight')) : null;
    if (!flight?.success) throw new AuthError('unauthorized', 'the sign-in expired or was started in another browser; try again');
    const current = new URL(this.settings.redirectUri);
    current.search = search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(this.config, current, { pkceCodeVerifier: flight.data.verifier, expectedState: flight.data.state, expectedNonce: flight.data.nonce, idTokenExpected: true });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (err) {
      this.deps.logger.warn({ err }, 'single sign-on callback refused');
      throw new AuthError('unauthorized', `single sign-on failed: ${err instanceof Error ? err.message : 'unknown error'}`);
    }
    const sub = typeof claims.sub === 'string' ? claims.sub : null;
    if (!sub) throw new AuthError('unauthorized', 'the ID token has no subject');
    const rawGroups = claims[this.settings.groupsClaim];
    const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
    const role = roleFromGroups(groups, this.settings.roles);
    const subject = `${this.settings.issuer}|${sub}`;
    if (!role) {
      this.deps.logger.info({ subject }, 'single sign-on refused: no group maps to a role');
      throw new OrchestratorError('forbidden', 'your account is in no group that may use the console; ask your IT department');
    }
    const departments = [...new Set(['general', ...groups.flatMap((g) => this.settings.departments[g] ?? [])])];
    const displayName = String(claims.name ?? claims.preferred_username ?? claims.email ?? sub).slice(0, 80);
    const now = new Date();
    let workerId = await this.deps.auth.workerIdBySubject(subject);
    if (workerId) {
      // A role changed at the provider is changed like a supervisor changes it: the user's earlier
      // sign-ins end (their sockets close). Then the cached user is dropped on every node, so this
      // sign-in acts with the new role and departments at once.
      await this.deps.access.setRole('system', workerId, role);
      await this.deps.auth.updateSsoWorker(workerId, { displayName, role, departments }, now);
      this.deps.access.changed({ workerId, reason: 'sso_updated' });
    } else {
      workerId = `sso-${randomUUID().slice(0, 8)}`;
      const base = String(claims.preferred_username ?? claims.email ?? sub).toLowerCase().replace(/[^a-z0-9._@-]/g, '').slice(0, 48) || workerId;
      const username = (await this.deps.auth.usernameTaken(base)) ? `${base}-${workerId.slice(4)}` : base;
      await this.deps.auth.createSsoWorker({ id: workerId, username, displayName, role, languages: this.settings.defaultLanguages, departments, subject }, now);
      await this.deps.auth.audit({ actor: 'system', action: 'user.created_by_sso', subject: `worker:${workerId}`, data: { role } }, now);
    }
    const p: Principal | undefined = await this.deps.auth.principal(workerId);
    if (!p || p.status !== 'active') throw new AuthError('unauthorized', 'this account is disabled');
    this.deps.logger.info({ workerId, role }, 'single sign-on');
    return this.deps.signIn.issue(p, 'oidc');
  }
}
