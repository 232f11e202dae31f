import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { builtWorkerBin, debianWorkerBin, setupChosenWorkerBin } from './media/workerBinary.ts';

/** Repository root (three levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const Port = z.coerce.number().int().min(0).max(65535);

/** A TURN server URL (RFC 7065): `turn:host[:port][?transport=udp|tcp]` or `turns:host[:port][?transport=tcp]`. */
const TurnUrl = z.string().regex(/^turns?:(\[[0-9a-fA-F:.]+\]|[^\s?:[\]]+)(:\d{1,5})?(\?transport=(udp|tcp))?$/, 'each URL must look like turn:host[:port][?transport=udp|tcp] or turns:host[:port][?transport=tcp]');

/**
 * Orchestrator configuration, read once from `process.env` at start-up. Every field has an
 * embedded default so the product runs on one machine with no cloud keys and no database server.
 */
export const ConfigSchema = z.object({
  /** `HOST`: interface to listen on. Default 127.0.0.1 (set 0.0.0.0 to serve kiosks on the LAN). */
  host: z.string().min(1).default('127.0.0.1'),
  /** `PORT`: HTTP + socket.io port. 0 picks a free port. Default 8080. */
  port: Port.default(8080),
  /** `DATABASE_URL`: PostgreSQL connection string; when unset the embedded PGlite database in `dataDir` is used. */
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * `DATABASE_PREPARED_STATEMENTS`: on PostgreSQL, run each statement as a named (server-side
   * prepared) statement, parsed and planned once per connection. Default true (about half the
   * server's CPU per session in `bench:load`). Set false behind a pooler that does not keep
   * prepared statements across transactions (PgBouncer in transaction mode before 1.21).
   */
  databasePreparedStatements: z.stringbool().default(true),
  /** `DATA_DIR`: folder of the embedded database. `memory://` keeps it in memory (tests). Default `<repo>/.data/pglite`. */
  dataDir: z.string().min(1).default(join(REPO_ROOT, '.data', 'pglite')),
  /** `AUTH_SECRET`: HMAC secret for worker tokens, at least 32 characters. Default: a key generated once and kept in the database (so a restart keeps users signed in; rotate with `npm run keys:rotate`). */
  authSecret: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  /** `TOKEN_TTL_S`: console access token lifetime in seconds (the console refreshes it before it expires). Default 900 (15 min). */
  tokenTtlS: z.coerce.number().int().min(60).default(900),
  /** `SIGN_IN_TTL_S`: how long one sign-in lasts (refresh tokens stop working after it; absolute, not sliding), seconds. Default 12 h. */
  signInTtlS: z.coerce.number().int().min(300).default(12 * 3600),
  /** `TLS_CERT` / `TLS_KEY`: PEM certificate chain and private key files; when both are set the orchestrator serves HTTPS (and WSS) itself. Unset: HTTP (put a TLS reverse proxy in front; see deploy/). */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /**
   * `ALLOWED_ORIGINS`: comma-separated origins (e.g. `https://kiosk.example.org`) whose pages may
   * call the API and open sockets, besides the orchestrator's own origin. Requests with another
   * `Origin` are refused with 403. Default: same origin only.
   */
  allowedOrigins: z
    .string()
    .transform((v) => v.split(',').map((u) => u.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)))
    .default([]),
  /** `OIDC_CONFIG`: JSON file of the single sign-on (OpenID Connect) settings, see auth/oidcConfig.ts. Unset: passwords only. */
  oidcConfigPath: z.string().min(1).optional(),
  /** `OIDC_CLIENT_SECRET`: the OpenID Connect client secret (kept out of the config file). */
  oidcClientSecret: z.string().min(1).optional(),
  /** `PII_REDACTION`: redact phone numbers, e-mail addresses, card numbers and national ID numbers in stored transcripts, handoff packages and session events. Default true. */
  piiRedaction: z.stringbool().default(true),
  /** `RETENTION_TRANSCRIPT_DAYS`: transcripts, handoff packages and notes of ended sessions are deleted this many days after the session ended. Default 90. */
  retentionTranscriptDays: z.coerce.number().int().min(1).default(90),
  /** `REVIEW_SAMPLE_RATE_PERCENT`: share of AI-only conversations sampled into the AI trainers' review queue (percent, 0..100). Default 10. */
  reviewSampleRatePercent: z.coerce.number().min(0).max(100).default(10),
  /** `RETENTION_CALLBACK_DAYS`: a completed callback's name, contact and note are erased this many days after completion. Default 30. */
  retentionCallbackDays: z.coerce.number().int().min(1).default(30),
  /** `RETENTION_AUDIT_DAYS`: audit events (security actions, session events) are deleted after this many days; escalation reason codes stay for the KPIs. Default 365. */
  retentionAuditDays: z.coerce.number().int().min(1).default(365),
  /** `RETENTION_SWEEP_MS`: how often the routing leader runs the retention purge. Default 3600000 (1 h). */
  retentionSweepMs: z.coerce.number().int().min(1000).default(3_600_000),
  /** `OFFER_TIMEOUT_MS`: how long an offer waits for accept before it is re-offered. Default 20000 ms. */
  offerTimeoutMs: z.coerce.number().int().min(1000).default(20_000),
  /** `WRAP_UP_MS`: wrap-up time after a session ends before the worker is available again. Default 5000 ms. */
  wrapUpMs: z.coerce.number().int().nonnegative().default(5_000),
  /** `ROUTING_LANGUAGE_FALLBACK_MS`: wait before a worker without the visitor's language (using live translation) may be offered the visitor. Default 60000 ms. */
  routingLanguageFallbackMs: z.coerce.number().int().nonnegative().default(60_000),
  /** `RECONNECT_GRACE_MS`: a worker who drops mid-call may reconnect within this before the visitor is requeued at the head. Default 15000 ms. */
  reconnectGraceMs: z.coerce.number().int().nonnegative().default(15_000),
  /**
   * `REDIS_URL`: Redis for a cluster of orchestrator nodes (e.g. `redis://127.0.0.1:6379`): socket
   * pushes and node calls go through the Redis Streams socket.io adapter, and with `DATABASE_URL`
   * one node leads routing (PostgreSQL advisory lock). Unset: one process.
   */
  redisUrl: z.url({ protocol: /^rediss?$/ }).optional(),
  /** `DRAIN_DEADLINE_MS`: on SIGTERM, calls on this node may go on this long before it exits. Default 30000 ms. */
  drainDeadlineMs: z.coerce.number().int().nonnegative().default(30_000),
  /** `KIOSK_RECONNECT_GRACE_MS`: a kiosk that drops while its visitor waits may reconnect within this; then the visitor is marked abandoned and leaves the queue. Default 30000 ms. */
  kioskGraceMs: z.coerce.number().int().nonnegative().default(30_000),
  /** `TELEMETRY_STORE_MS`: device telemetry is stored at most once per this interval per device (latest wins; condition changes are stored at once). Default 5000 ms. */
  telemetryStoreMs: z.coerce.number().int().min(100).default(5_000),
  /** `MEDIA_WORKERS`: mediasoup worker processes (each uses one core for media). Default: one per core. */
  mediaWorkers: z.coerce.number().int().min(1).max(64).default(Math.max(1, availableParallelism())),
  /** `SOCKET_EVENTS_PER_S`: events one kiosk or console connection may send per second (burst of the same size); more are answered `rate_limited`. Default 40. */
  socketEventsPerS: z.coerce.number().int().min(1).default(40),
  /** `ADMISSION_LOOP_DELAY_TARGET_MS`: new sessions are refused fast with `unavailable` and a retry-after while the event loop's standing delay (minimum timer lateness over the last 100 ms, CoDel-style) is above this (ms). Default 10 (chosen on bench:load: with 20, PGlite completed 81-97% of saturation above it in three runs; with 10, 91-95%). Counts only while the process used at least 80% of a core (its own work, not other processes holding the cores). */
  admissionLoopDelayTargetMs: z.coerce.number().min(1).default(10),
  /** `ADMISSION_DB_QUEUE_TARGET_MS`: new sessions are refused while the database's standing connection-queue delay (minimum wait over the last 100 ms, CoDel-style) is above this (ms). Default 5 (CoDel's target, Nichols & Jacobson 2012). */
  admissionDbQueueTargetMs: z.coerce.number().min(0).default(5),
  /** `EMERGENCY_NUMBER`: the site's emergency number shown on the kiosk's emergency screen (e.g. `112`). Unset: none shown. */
  emergencyNumber: z.string().trim().min(1).max(32).optional(),
  /** `TRUST_PROXY`: take the client address from `X-Forwarded-For` (only behind a reverse proxy you run). Default false. */
  trustProxy: z.stringbool().default(false),
  /** `AVG_HANDLE_MS`: average handle time used for the visitor's estimated wait. Default 240000 ms (4 min). */
  avgHandleMs: z.coerce.number().int().positive().default(240_000),
  /** `OFFLINE_GRACE_MS`: a disconnected device raises the `offline` alert after this (ms). Default 5000 (staff see it within 10 s). */
  offlineGraceMs: z.coerce.number().int().min(0).default(5000),
  /** `ESCALATION_POLICY`: the deployment's escalation policy file (JSON, see data/escalation-policy.json for the documented default). */
  escalationPolicyPath: z.string().default(join(REPO_ROOT, 'apps/orchestrator/data/escalation-policy.json')),
  /** `OFFICE_HOURS`: e.g. `mon-fri 08:30-17:15; sat 09:00-12:00`; outside them the kiosk offers a callback. Unset = always open. */
  officeHours: z.string().optional(),
  /** `OFFICE_TIMEZONE`: IANA time zone of the office hours. Default UTC. */
  officeTimeZone: z.string().default('UTC'),
  /** `METRICS_TOKEN`: when set, `GET /metrics` requires `Authorization: Bearer <token>`; when unset, `/metrics` answers only direct requests from the loopback interface (not through a proxy). */
  metricsToken: z.string().min(16).optional(),
  /**
   * `MEDIASOUP_WORKER_BIN`: path of the mediasoup-worker binary; its version picks the mediasoup
   * JS package (3.12.16 with WebRtcServer, or 3.8.4 with a port range). Default: the one
   * `scripts/setup.sh` chose (the 3.12.16 worker cached by `scripts/build-mediasoup-worker.sh`,
   * or Debian's 3.8.4 fallback); see {@link defaultMediasoupWorkerBin}.
   */
  mediasoupWorkerBin: z.string().min(1).optional(),
  /** `RTC_ANNOUNCED_IP`: IP announced in ICE candidates (the host's LAN address when kiosks are remote). Default: the listen IP. */
  rtcAnnouncedIp: z.string().optional(),
  /** `RTC_LISTEN_IP`: IP the WebRTC transports bind to. Default 127.0.0.1. */
  rtcListenIp: z.string().default('127.0.0.1'),
  /**
   * `RTC_PORT`: media port of the first mediasoup worker (mediasoup 3.12 worker): worker i listens
   * on UDP and TCP port RTC_PORT+i for all of its transports (WebRtcServer), so a firewall opens
   * MEDIA_WORKERS ports. Unset or 0: each worker takes one free port from its share of
   * RTC_MIN_PORT-RTC_MAX_PORT (known only at start; logged). Ignored by the 3.8.4 fallback worker.
   */
  rtcPort: Port.optional(),
  /**
   * `RTC_MIN_PORT` / `RTC_MAX_PORT`: UDP/TCP port range, shared out between the workers. With the
   * 3.8.4 fallback worker every transport takes its own port from it; with 3.12 only when
   * RTC_PORT is unset (one port per worker). Default 40000-40999.
   */
  rtcMinPort: Port.default(40000),
  rtcMaxPort: Port.default(40999),
  /**
   * `TURN_URLS`: comma-separated TURN server URLs handed to clients (e.g.
   * `turn:turn.example.org:3478,turns:turn.example.org:443?transport=tcp`), for venues that
   * block UDP. Needs TURN_SECRET. Unset: no TURN (clients reach the SFU port directly).
   */
  turnUrls: z
    .string()
    .transform((v) => v.split(',').map((u) => u.trim()).filter(Boolean))
    .pipe(z.array(TurnUrl).min(1, 'at least one URL'))
    .optional(),
  /** `TURN_SECRET`: coturn's `static-auth-secret` (at least 16 characters), for time-limited TURN REST credentials. */
  turnSecret: z.string().min(16, 'TURN_SECRET must be at least 16 characters').optional(),
  /** `TURN_TTL_S`: lifetime of a TURN credential in seconds (it must outlast a call). Default 86400 (24 h). */
  turnTtlS: z.coerce.number().int().min(60).max(7 * 86400).default(86400),
  /** `WEB_DIST_KIOSK` / `WEB_DIST_CONSOLE`: built web apps to serve at /kiosk/ and /console/. */
  kioskDist: z.string().default(join(REPO_ROOT, 'apps/kiosk/dist/renderer')),
  consoleDist: z.string().default(join(REPO_ROOT, 'apps/remote-console/dist')),
  /** `KNOWLEDGE_BASE`: knowledge base file of the embedded assistant. */
  knowledgeBasePath: z.string().default(join(REPO_ROOT, 'apps/orchestrator/data/knowledge-base.json')),
  /** `CANNED_REPLIES`: canned replies per language for the console. */
  cannedRepliesPath: z.string().default(join(REPO_ROOT, 'apps/orchestrator/data/canned-replies.json')),
  /** `CONTENT_DIR`: files workers can show on kiosks, served at /content/. */
  contentDir: z.string().default(join(REPO_ROOT, 'apps/orchestrator/data/content')),
  /** `SEED_DEMO`: create demo workers and a demo device when the database is empty. Default true. */
  seedDemo: z.stringbool().default(true),
  /** `LOG_LEVEL`: pino level. Default info. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).superRefine((c, ctx) => {
  if (!!c.tlsCert !== !!c.tlsKey) ctx.addIssue({ code: 'custom', path: [c.tlsCert ? 'tlsKey' : 'tlsCert'], message: 'TLS_CERT and TLS_KEY must be set together' });
  if (c.turnUrls && !c.turnSecret) ctx.addIssue({ code: 'custom', path: ['turnSecret'], message: 'required when TURN_URLS is set (coturn static-auth-secret)' });
  if (c.rtcMinPort > c.rtcMaxPort) ctx.addIssue({ code: 'custom', path: ['rtcMaxPort'], message: 'must not be below RTC_MIN_PORT' });
  if (c.rtcPort && c.rtcPort + c.mediaWorkers - 1 > 65535) ctx.addIssue({ code: 'custom', path: ['rtcPort'], message: `RTC_PORT+MEDIA_WORKERS-1 must be at most 65535` });
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  host: 'HOST', port: 'PORT', databaseUrl: 'DATABASE_URL', databasePreparedStatements: 'DATABASE_PREPARED_STATEMENTS', dataDir: 'DATA_DIR', authSecret: 'AUTH_SECRET',
  tokenTtlS: 'TOKEN_TTL_S', signInTtlS: 'SIGN_IN_TTL_S', tlsCert: 'TLS_CERT', tlsKey: 'TLS_KEY', allowedOrigins: 'ALLOWED_ORIGINS', oidcConfigPath: 'OIDC_CONFIG', oidcClientSecret: 'OIDC_CLIENT_SECRET', piiRedaction: 'PII_REDACTION',
  retentionTranscriptDays: 'RETENTION_TRANSCRIPT_DAYS', reviewSampleRatePercent: 'REVIEW_SAMPLE_RATE_PERCENT', retentionCallbackDays: 'RETENTION_CALLBACK_DAYS', retentionAuditDays: 'RETENTION_AUDIT_DAYS', retentionSweepMs: 'RETENTION_SWEEP_MS', offerTimeoutMs: 'OFFER_TIMEOUT_MS', wrapUpMs: 'WRAP_UP_MS', avgHandleMs: 'AVG_HANDLE_MS', reconnectGraceMs: 'RECONNECT_GRACE_MS', routingLanguageFallbackMs: 'ROUTING_LANGUAGE_FALLBACK_MS',
  mediasoupWorkerBin: 'MEDIASOUP_WORKER_BIN', redisUrl: 'REDIS_URL', drainDeadlineMs: 'DRAIN_DEADLINE_MS', kioskGraceMs: 'KIOSK_RECONNECT_GRACE_MS', telemetryStoreMs: 'TELEMETRY_STORE_MS', mediaWorkers: 'MEDIA_WORKERS', socketEventsPerS: 'SOCKET_EVENTS_PER_S',
  admissionLoopDelayTargetMs: 'ADMISSION_LOOP_DELAY_TARGET_MS', admissionDbQueueTargetMs: 'ADMISSION_DB_QUEUE_TARGET_MS', emergencyNumber: 'EMERGENCY_NUMBER', trustProxy: 'TRUST_PROXY', offlineGraceMs: 'OFFLINE_GRACE_MS', metricsToken: 'METRICS_TOKEN', officeHours: 'OFFICE_HOURS', escalationPolicyPath: 'ESCALATION_POLICY', officeTimeZone: 'OFFICE_TIMEZONE', rtcAnnouncedIp: 'RTC_ANNOUNCED_IP', rtcListenIp: 'RTC_LISTEN_IP',
  rtcPort: 'RTC_PORT', rtcMinPort: 'RTC_MIN_PORT', rtcMaxPort: 'RTC_MAX_PORT', turnUrls: 'TURN_URLS', turnSecret: 'TURN_SECRET', turnTtlS: 'TURN_TTL_S', kioskDist: 'WEB_DIST_KIOSK', consoleDist: 'WEB_DIST_CONSOLE',
  knowledgeBasePath: 'KNOWLEDGE_BASE', cannedRepliesPath: 'CANNED_REPLIES', contentDir: 'CONTENT_DIR', seedDemo: 'SEED_DEMO', logLevel: 'LOG_LEVEL',
};

/** Thrown when the environment does not parse; the message names each bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses configuration from environment variables (names in {@link ENV_NAMES}) merged over
 * `overrides` (tests pass typed values directly).
 * @throws ConfigError naming each invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ConfigInput> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const v = env[name];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const result = ConfigSchema.safeParse({ ...raw, ...overrides });
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = String(i.path[0]) as keyof Config;
      return `${ENV_NAMES[key] ?? key}: ${i.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

/**
 * The mediasoup-worker binary to use when MEDIASOUP_WORKER_BIN is unset: the one
 * scripts/setup-system.sh chose (.cache/mediasoup-worker-bin), else the 3.12.16 worker cached by
 * scripts/build-mediasoup-worker.sh (WebRtcServer: one port per worker), else Debian's 3.8.4
 * worker unpacked by scripts/setup-system.sh (the fallback), else undefined.
 */
export function defaultMediasoupWorkerBin(): string | undefined {
  return setupChosenWorkerBin(REPO_ROOT) ?? builtWorkerBin() ?? debianWorkerBin(REPO_ROOT);
}
