import pg from 'pg';
import type { Namespace, Server as SocketServer } from 'socket.io';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { CallbackAccess } from '../privacy/callbackAccess.ts';
import { redactDeep, redactText } from '../privacy/redact.ts';
import { PrivacyService } from '../privacy/retention.ts';
import { AccessControl, type ChangeBus } from './access.ts';
import { AuthStore } from './authStore.ts';
import { DeviceCredentials } from './devices.ts';
import { createLoginLimiters, LoginService } from './login.ts';
import { loadOidcConfig, OidcSignIn } from './oidc.ts';
import { SignInSessions } from './signIn.ts';
import type { TokenService } from './tokens.ts';

/** The PII redaction the store applies to what it writes (PII_REDACTION, on by default). */
export function storeRedaction(config: Pick<Config, 'piiRedaction'>): { redact?: { text(s: string): string; deep<T>(v: T): T } } {
  return config.piiRedaction ? { redact: { text: redactText, deep: redactDeep } } : {};
}

/** Room of a device's kiosk sockets (same name as the kiosk namespace's). */
const deviceRoom = (deviceId: string) => `device:${deviceId}`;

/**
 * Security and privacy of one orchestrator node, composed once: access control against current
 * state, sign-in sessions with refresh and revocation, password and single sign-on sign-in,
 * device enrolment and credentials, least-privilege callbacks, retention, export and erasure.
 */
export interface Trust {
  auth: AuthStore;
  access: AccessControl;
  signIn: SignInSessions;
  login: LoginService;
  devices: DeviceCredentials;
  callbacks: CallbackAccess;
  privacy: PrivacyService;
  /** Single sign-on when configured and its provider answered discovery. */
  oidc(): OidcSignIn | null;
  /** Where sign-in limits are kept: `postgres` (shared by the cluster) or `memory`. */
  limiterKind: 'postgres' | 'memory';
  /** Connects to socket.io (device pushes) and the cluster's broadcast (access changes on every node). */
  attach(io: SocketServer, bus: ChangeBus | null): void;
  close(): Promise<void>;
}

/**
 * Builds the node's {@link Trust}.
 * @throws ConfigError for an invalid `OIDC_CONFIG`; an unreachable provider is logged and retried every minute.
 */
export async function createTrust(o: { config: Config; database: Database; store: Store; tokens: TokenService; logger: Logger }): Promise<Trust> {
  const log = o.logger.child({ module: 'auth' });
  const auth = new AuthStore(o.database.db);
  const access = new AccessControl({ store: auth, tokens: o.tokens, logger: log });
  const signIn = new SignInSessions(
    { store: auth, tokens: o.tokens, logger: log, onRevoked: (c) => access.sessionRevoked(c) },
    { accessTtlS: o.config.tokenTtlS, sessionTtlS: o.config.signInTtlS },
  );
  // Sign-in limits in PostgreSQL when there is a server (every node counts the same attempts).
  const pool = o.config.databaseUrl ? new pg.Pool({ connectionString: o.config.databaseUrl, max: 2, connectionTimeoutMillis: 3000 }) : null;
  pool?.on('error', (err) => log.warn({ err }, 'idle sign-in limiter connection failed'));
  const limiters = createLoginLimiters({}, pool);
  const login = new LoginService({ store: o.store, auth, signIn, logger: log }, {}, limiters);
  let io: SocketServer | null = null;
  const kiosk = (): Namespace | null => io?.of('/kiosk') ?? null;
  const devices = new DeviceCredentials({
    auth,
    store: o.store,
    logger: log,
    channel: {
      offerCredential: async (deviceId, payload, timeoutMs) => {
        const nsp = kiosk();
        if (!nsp) return [];
        return ((await nsp.to(deviceRoom(deviceId)).timeout(timeoutMs).emitWithAck('device:credential', payload)) as unknown[]) ?? [];
      },
      disconnect: (deviceId, reason) => {
        const nsp = kiosk();
        if (!nsp) return;
        nsp.to(deviceRoom(deviceId)).emit('device:revoked', { reason });
        nsp.in(deviceRoom(deviceId)).disconnectSockets(true);
      },
    },
  });
  const callbacks = new CallbackAccess({ db: o.database.db, auth });
  const privacy = new PrivacyService({
    db: o.database.db,
    auth,
    logger: o.logger.child({ module: 'privacy' }),
    policy: { transcriptDays: o.config.retentionTranscriptDays, callbackDays: o.config.retentionCallbackDays, auditDays: o.config.retentionAuditDays },
  });
  let oidc: OidcSignIn | null = null;
  let retry: NodeJS.Timeout | null = null;
  if (o.config.oidcConfigPath) {
    const settings = loadOidcConfig(o.config.oidcConfigPath, { clientSecret: o.config.oidcClientSecret });
    const discover = async () => {
      try {
        oidc = await OidcSignIn.start(settings, { auth, access, signIn, tokens: o.tokens, logger: log });
        if (retry) clearInterval(retry);
        retry = null;
        log.info({ issuer: settings.issuer }, 'single sign-on ready');
      } catch (err) {
        log.warn({ err, issuer: settings.issuer }, 'single sign-on provider not reachable; retrying every minute (passwords still work)');
      }
    };
    await discover();
    if (!oidc) {
      retry = setInterval(() => void discover(), 60_000);
      retry.unref();
    }
  }
  return {
    auth,
    access,
    signIn,
    login,
    devices,
    callbacks,
    privacy,
    oidc: () => oidc,
    limiterKind: limiters.kind,
    attach(server, bus) {
      io = server;
      if (bus) access.useBus(bus);
    },
    async close() {
      if (retry) clearInterval(retry);
      await privacy.stop();
      await pool?.end().catch(() => undefined);
    },
  };
}
