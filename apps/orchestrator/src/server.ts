import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { KnowledgeService } from './knowledge/knowledgeService.ts';
import { ReviewService } from './knowledge/review.ts';
import { AuthStore } from './auth/authStore.ts';
import { NodeRpc } from './cluster/rpc.ts';
import { NodeRegistry } from './cluster/nodes.ts';
import { PgAdvisoryLeadership, SoleLeader, type Leadership } from './cluster/leadership.ts';
import { connectRedisAdapter, type RedisAdapterHandle } from './cluster/redisAdapter.ts';
import type { ConsoleClientToServer, ConsoleServerToClient, KioskClientToServer, KioskServerToClient } from '@telekiosk/shared';
import { TokenService } from './auth/tokens.ts';
import { createTrust, storeRedaction } from './auth/trust.ts';
import { SqlRoutingStore } from './db/routingStore.ts';
import { Admission, SocketLimits } from './signaling/limits.ts';
import { LoopDelayMonitor } from './signaling/loopDelay.ts';
import { ConfigError, defaultMediasoupWorkerBin, REPO_ROOT, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { Store } from './db/store.ts';
import { createHttpServer } from './http/httpServer.ts';
import { socketOriginCheck } from './http/socketOrigin.ts';
import { createLogger, type Logger } from './logger.ts';
import { MediaServer } from './media/mediaServer.ts';
import { systemClock, type Clock } from './routing/types.ts';
import { seedDemo, type DemoCredentials } from './seed.ts';
import type { AssistEngine } from './assist/kbAssist.ts';
import { KpiService } from './kpi/kpiQueries.ts';
import { Counter } from 'prom-client';
import { createMetrics } from './kpi/metrics.ts';
import { DEFAULT_THRESHOLDS } from './fleet/alertRules.ts';
import { OfficeHours } from './sessions/officeHours.ts';
import { CannedReplies } from './sessions/desk.ts';
import { loadPolicy, type EscalationJudge, type Policy } from './policy/index.ts';
import { SessionService, type IntakeEngine, type SpeechLike, type TranslatorLike } from './sessions/sessionService.ts';
import { attachConsoleNamespace, DESK_ROOM, FLEET_ROOM, monitorRoom, SUPERVISOR_ROOM, workerRoom } from './signaling/consoleNamespace.ts';
import { attachKioskNamespace, deviceRoom } from './signaling/kioskNamespace.ts';

/** A running orchestrator. */
export interface Orchestrator {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  store: Store;
  database: Database;
  sessions: SessionService;
  media: MediaServer;
  /** Which AI providers are active (`embedded` / `openai`, `azure` / `llm` / `none`). */
  providers: Record<string, string>;
  /** Demo device credentials when `seedDemo` is on. */
  demo: DemoCredentials | null;
  logger: Logger;
  /** This process's node id (unique per start). */
  nodeId: string;
  /** Admission control of new sessions (refusal counts by reason). */
  admission: Admission;
  /** Access control, sign-in, device credentials, least privilege, retention (auth/trust.ts). */
  trust: import('./auth/trust.ts').Trust;
  /**
   * Drains for a clean shutdown: readiness answers 503 (the reverse proxy sends new connections
   * elsewhere), no new sessions or media rooms here, routing leadership is handed over, calls on
   * this node may finish until `deadlineMs`; then it closes.
   */
  drain(deadlineMs: number): Promise<void>;
  /** Stops everything (sockets, HTTP, SFU, database); idempotent. */
  close(): Promise<void>;
}

/** How often waiting kiosks get a fresh queue status even without changes (ms). */
const QUEUE_TICK_MS = 5_000;

/**
 * Starts the orchestrator: database (migrated), SFU worker, HTTP + socket.io with the
 * `/kiosk` and `/console` namespaces.
 * @throws when the database, the mediasoup worker or the knowledge base cannot be started.
 */
function officeHoursFrom(config: Config): OfficeHours {
  try {
    return OfficeHours.parse(config.officeHours, config.officeTimeZone);
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  OFFICE_HOURS / OFFICE_TIMEZONE: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function startOrchestrator(config: Config, deps: { clock?: Clock; intake?: IntakeEngine; translator?: TranslatorLike | null; assist?: AssistEngine | null; speech?: SpeechLike | null; policy?: Policy | null; logger?: Logger } = {}): Promise<Orchestrator> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const clock = deps.clock ?? systemClock;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, preparedStatements: config.databasePreparedStatements, dataDir: config.dataDir, onIdleError: (err) => logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'database connection failed (the pool replaces it)') });
  const store = new Store(database.db, storeRedaction(config));
  const media = new MediaServer({
    workerBin: config.mediasoupWorkerBin ?? defaultMediasoupWorkerBin(),
    listenIp: config.rtcListenIp,
    announcedIp: config.rtcAnnouncedIp,
    rtcPort: config.rtcPort,
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
    workers: config.mediaWorkers,
    turn: config.turnUrls && config.turnSecret ? { urls: config.turnUrls, secret: config.turnSecret, ttlS: config.turnTtlS } : undefined,
    logger: logger.child({ module: 'media' }),
  });
  try {
    await media.start();
  } catch (err) {
    await database.close();
    throw new Error(`mediasoup worker failed to start (${err instanceof Error ? err.message : String(err)}): run \`bash scripts/setup.sh\` or set MEDIASOUP_WORKER_BIN`, { cause: err });
  }
  // AI providers: cloud keys live here only. Embedded engine by default; OpenAI / Azure by configuration.
  let intake = deps.intake;
  let translator: TranslatorLike | null = deps.translator ?? null;
  let assist: AssistEngine | null = deps.assist ?? null;
  let speech: SpeechLike | null = deps.speech ?? null;
  let judge: EscalationJudge | null = null;
  let providerStatus: Record<string, string> = { llm: 'embedded', translator: 'none', speech: 'browser' };
  // The knowledge base lives in the database (seeded from the bundled file on first start); the
  // assistant answers from its published versions, swapped in place when an editor publishes.
  const knowledge = await KnowledgeService.start({ db: database.db, audit: new AuthStore(database.db), logger: logger.child({ module: 'knowledge' }) }, config.knowledgeBasePath);
  if (!intake) {
    const { embeddedIntake } = await import('./intakeAdapter.ts');
    const { createOpenAIClient, createProviders, loadProviderConfig } = await import('./providers/index.ts');
    const { KbAssist } = await import('./assist/kbAssist.ts');
    const { LlmAssist } = await import('./assist/llmAssist.ts');
    const kb = knowledge.kb;
    const providers = createProviders(loadProviderConfig(process.env), { kb, embedded: embeddedIntake(kb), logger: logger.child({ module: 'providers' }) });
    intake = providers.intake;
    const providerConfig = loadProviderConfig(process.env);
    const kbAssist = new KbAssist(kb);
    assist =
      deps.assist !== undefined
        ? deps.assist
        : providerConfig.openai
          ? new LlmAssist({ client: createOpenAIClient(providerConfig.openai, providerConfig.timeoutMs, providerConfig.maxRetries), model: providerConfig.openai.chatModel, kb: kbAssist, logger: logger.child({ module: 'assist' }) })
          : kbAssist;
    speech = deps.speech !== undefined ? deps.speech : providers.speech;
    translator = deps.translator !== undefined ? deps.translator : providers.translator;
    judge = providers.judge;
    providerStatus = { ...providers.status() };
  }
  const tokens = await TokenService.load(store, config.authSecret, config.tokenTtlS);
  const trust = await createTrust({ config, database, store, tokens, logger });
  const limits = new SocketLimits({ eventsPerSecond: config.socketEventsPerS });
  const loopDelay = new LoopDelayMonitor();
  const admission = new Admission({ loopDelayMs: () => loopDelay.standingDelayMs, loopDelayTargetMs: config.admissionLoopDelayTargetMs, dbQueueDelayMs: () => database.queueDelay.standingDelayMs, dbQueueTargetMs: config.admissionDbQueueTargetMs });
  const demo = config.seedDemo ? await seedDemo(store, config.dataDir.startsWith('memory://') ? 'memory://' : join(config.dataDir, '..', 'demo-credentials.json')) : null;

  // Socket.io first: in a cluster its adapter (Redis Streams) carries pushes and node RPC.
  const nodeId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let sessions: SessionService | null = null;
  const httpHolder: { ready?: () => Promise<{ ok: boolean } & Record<string, unknown>> } = {};
  const kpi = new KpiService(database.db);
  const metrics = createMetrics(kpi, { onError: (err) => logger.warn({ err }, 'KPI refresh for /metrics failed') });
  new Counter({
    name: 'telekiosk_admission_refusals_total',
    help: 'New sessions refused above capacity, by reason (draining, loop_delay, db_queue, concurrent_starts)',
    labelNames: ['reason'],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [reason, n] of Object.entries(admission.refusals)) this.inc({ reason }, n);
    },
  });
  const registry = new NodeRegistry(database.db, nodeId, logger.child({ module: 'nodes' }));
  const http = createHttpServer({
    kpi,
    metrics: {
      contentType: metrics.contentType,
      metrics: async () => {
        if (sessions) metrics.setLive({ queueWaiting: await sessions.queueLength(), workers: await sessions.workerStateCounts(), devicesOnline: sessions.onlineDeviceCount() });
        return metrics.metrics();
      },
    },
    metricsToken: config.metricsToken,
    store,
    access: trust.access,
    signIn: trust.signIn,
    devices: trust.devices,
    privacy: trust.privacy,
    oidc: trust.oidc,
    allowedOrigins: config.allowedOrigins,
    tls: config.tlsCert && config.tlsKey ? { cert: config.tlsCert, key: config.tlsKey } : undefined,
    logger,
    kioskDist: config.kioskDist,
    consoleDist: config.consoleDist,
    contentDir: config.contentDir,
    login: trust.login,
    trustProxy: config.trustProxy,
    live: () => ({ loopDelayMs: Math.round(admission.loopDelayMs), dbQueueDelayMs: Math.round(admission.dbQueueDelayMs * 10) / 10, dbWaiting: database.waiting(), node: nodeId }),
    ready: () => httpHolder.ready!(),
  });
  // maxHttpBufferSize: utterances up to 1 MiB (MAX_UTTERANCE_BYTES) plus framing.
  // Connection state recovery replays missed pushes after a short drop (at most once; across
  // nodes with the Redis Streams adapter); clients also resync by sequence number
  // (`session:resume`, `console:hello`).
  const io = new SocketServer(http, { serveClient: false, transports: ['websocket'], maxHttpBufferSize: 1200 * 1024, cors: { origin: false }, allowRequest: socketOriginCheck({ allowedOrigins: config.allowedOrigins, trustProxy: config.trustProxy, tls: !!config.tlsCert }), connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false } });
  let redis: RedisAdapterHandle | null = null;
  if (config.redisUrl) {
    try {
      redis = await connectRedisAdapter(io, config.redisUrl, logger.child({ module: 'redis' }));
    } catch (err) {
      loopDelay.close();
      await media.close();
      await database.close();
      throw new Error(`Redis at REDIS_URL is not reachable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  // The default namespace serves nobody.
  io.of('/').use((_socket, next) => next(new Error('not_found: connect to /kiosk or /console')));
  const rpc = redis ? new NodeRpc(io.of('/cluster'), nodeId, logger.child({ module: 'rpc' })) : null;
  trust.attach(io, rpc);
  if (rpc) knowledge.useBus(rpc);
  const leadership: Leadership = redis && config.databaseUrl ? new PgAdvisoryLeadership(config.databaseUrl, logger.child({ module: 'leadership' })) : new SoleLeader();

  sessions = new SessionService({
    nodeId,
    store,
    routingStore: new SqlRoutingStore(database.routingDb),
    kioskGraceMs: config.kioskGraceMs,
    telemetryStoreMs: config.telemetryStoreMs,
    emergencyNumber: config.emergencyNumber ?? null,
    media,
    intake,
    translator,
    assist,
    speech,
    clock,
    logger,
    offerTimeoutMs: config.offerTimeoutMs,
    wrapUpMs: config.wrapUpMs,
    avgHandleMs: config.avgHandleMs,
    alertThresholds: { ...DEFAULT_THRESHOLDS, offlineGraceMs: config.offlineGraceMs },
    officeHours: officeHoursFrom(config),
    reconnectGraceMs: config.reconnectGraceMs,
    routing: { languageFallbackMs: config.routingLanguageFallbackMs, minSpeakerProficiency: 3 },
    policy: deps.policy !== undefined ? deps.policy : loadPolicy(config.escalationPolicyPath),
    judge,
    notifier: {
      toDevice: (deviceId, event, payload) => io.of('/kiosk').to(deviceRoom(deviceId)).emit(event, payload),
      toWorker: (workerId, event, payload) => io.of('/console').to(workerRoom(workerId)).emit(event, payload),
      toFleet: (event, payload) => io.of('/console').to(FLEET_ROOM).emit(event, payload),
      toDesk: (event, payload) => io.of('/console').to(DESK_ROOM).emit(event, payload),
      toSupervisors: (event, payload) => io.of('/console').to(SUPERVISOR_ROOM).emit(event, payload),
      toMonitors: (sessionId, event, payload) => io.of('/console').to(monitorRoom(sessionId)).emit(event, payload),
      requestDevice: async (deviceId, event, payload, timeoutMs) => {
        const answers: unknown[] = (await io.of('/kiosk').to(deviceRoom(deviceId)).timeout(timeoutMs).emitWithAck(event, payload)) ?? [];
        return answers[0];
      },
    },
  }, rpc ? { rpc, registry } : null);
  const live = sessions;

  httpHolder.ready = async () => {
    let db: string = 'ok';
    try {
      await store.ping(1000);
    } catch (err) {
      db = err instanceof Error ? err.message : 'unreachable';
    }
    const mediaWorkers = media.workerPids().length;
    const draining = registry.draining;
    return { ok: db === 'ok' && mediaWorkers > 0 && !draining, node: nodeId, leader: live.isLeader, draining, database: { kind: database.kind, status: db }, media: { workers: mediaWorkers, of: media.workerCount, rooms: media.roomCount, load: media.load() }, providers: providerStatus };
  };

  try {
    await registry.start(() => {
      const load = media.load();
      return { workers: media.workerPids().length, rooms: load.reduce((n, w) => n + w.rooms, 0), consumers: load.reduce((n, w) => n + w.consumers, 0) };
    });
    // One process leads at once; in one process (no REDIS_URL) this node leads before it serves.
    await new Promise<void>((resolve, reject) => {
      let first = true;
      leadership.start({
        onLead: async () => {
          await registry.setLeader(true);
          await live.lead();
          trust.privacy.start(config.retentionSweepMs);
          if (first) (first = false), resolve();
        },
        onLose: () => {
          live.unlead();
          void trust.privacy.stop();
          void registry.setLeader(false).catch((err: unknown) => logger.warn({ err }, 'leader flag not cleared'));
        },
      });
      // A standby serves at once; it leads when the leader goes away.
      if (!(leadership instanceof SoleLeader)) setTimeout(() => (first && ((first = false), resolve())), 1500);
      void reject;
    });
  } catch (err) {
    sessions.close();
    loopDelay.close();
    await media.close();
    await database.close();
    throw new Error('could not rebuild the session state from the database', { cause: err });
  }

  attachKioskNamespace(io.of('/kiosk') as never, { store, sessions, logger, limits, admission, devices: trust.devices });
  const consoleNsp = attachConsoleNamespace(io.of('/console') as never, { store, sessions, access: trust.access, devices: trust.devices, callbacks: trust.callbacks, logger, kpi, limits, canned: CannedReplies.fromFile(config.cannedRepliesPath), notifyDevice: (deviceId, event, payload) => io.of('/kiosk').to(deviceRoom(deviceId)).emit(event, payload), knowledge: { knowledge, review: new ReviewService({ db: database.db, audit: trust.auth, sampleRatePercent: config.reviewSampleRatePercent }), db: database.db } });
  // Typed views of the namespaces (for readers; emits go through the notifier).
  void (io.of('/kiosk') as unknown as import('socket.io').Namespace<KioskClientToServer, KioskServerToClient>);
  void (io.of('/console') as unknown as import('socket.io').Namespace<ConsoleClientToServer, ConsoleServerToClient>);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `${config.tlsCert ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const tick = setInterval(() => live.pushQueueStatus(), QUEUE_TICK_MS);
  // Signing keys rotated in the database (`npm run keys:rotate`) are picked up within a minute.
  const keyReload = config.authSecret
    ? null
    : setInterval(() => {
        void store
          .signingKeys()
          .then((rows) => rows.length > 0 && tokens.setKeys(rows.map((r) => ({ kid: r.kid, secret: new Uint8Array(Buffer.from(r.secret, 'base64url')) }))))
          .catch((err: unknown) => logger.warn({ err }, 'signing key reload failed; keeping the current keys'));
      }, 60_000);
  logger.info({ url, node: nodeId, leader: live.isLeader, cluster: !!redis, database: database.kind, repo: REPO_ROOT }, 'orchestrator listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(tick);
      if (keyReload) clearInterval(keyReload);
      await live.flushTelemetry().catch((err: unknown) => logger.warn({ err }, 'telemetry not stored at shutdown'));
      await leadership.stop().catch((err: unknown) => logger.warn({ err }, 'leadership not released'));
      live.close();
      consoleNsp.close();
      await trust.close();
      loopDelay.close();
      rpc?.close();
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
      await registry.stop();
      await redis?.close();
      await media.close();
      await database.close();
    })();
    return closing;
  };
  return {
    url,
    port,
    store,
    database,
    sessions: live,
    media,
    demo,
    providers: providerStatus,
    logger,
    nodeId,
    trust,
    admission,
    async drain(deadlineMs: number) {
      logger.info({ deadlineMs }, 'draining: no new sessions or media rooms here; calls may finish');
      await registry.setDraining(true).catch((err: unknown) => logger.warn({ err }, 'draining flag not stored'));
      admission.drain();
      // Routing moves to a standby now (it rebuilds from the database).
      if (live.isLeader && !(leadership instanceof SoleLeader)) await leadership.stop();
      const until = Date.now() + deadlineMs;
      while (Date.now() < until && media.roomCount > 0) await new Promise((r) => setTimeout(r, 250));
      await close();
    },
    close,
  };
}
