import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
import sirv from 'sirv';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { EnrolRequest, LoginRequest, toWireIssues, Uuid, type AuthProviders, type Role } from '@telekiosk/shared';
import type { LoginService } from '../auth/login.ts';
import type { AccessControl, Caller } from '../auth/access.ts';
import type { DeviceCredentials } from '../auth/devices.ts';
import type { OidcSignIn } from '../auth/oidc.ts';
import type { IssuedTokens, SignInSessions } from '../auth/signIn.ts';
import type { PrivacyService } from '../privacy/retention.ts';
import type { Store } from '../db/store.ts';
import { AuthError, CapacityError, HTTP_STATUS, OrchestratorError, toWireError } from '../errors.ts';
import type { KpiService } from '../kpi/kpiQueries.ts';
import { CSV_CONTENT_TYPE, csvFilename, reportToCsv, sessionsToCsv } from '../kpi/csv.ts';
import type { Logger } from '../logger.ts';
import { clientIp as edgeClientIp, cookie, cookies, isDirectLoopback, isHttps, originAllowed, securityHeaders, type EdgePolicy } from './edge.ts';

const MAX_BODY_BYTES = 16 * 1024;
/** Cookie of the refresh token (HttpOnly, SameSite=Strict, only sent to /api/auth). */
export const REFRESH_COOKIE = 'tk_refresh';
/** Cookie of a single sign-on in flight (HttpOnly, SameSite=Lax: it must come back with the provider's redirect). */
const OIDC_COOKIE = 'tk_oidc';

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new OrchestratorError('bad_request', `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new OrchestratorError('bad_request', 'body is not valid JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/**
 * HTTP edge: `POST /api/auth/login`, `GET /api/health`, and the built web apps at `/kiosk/`
 * and `/console/` (single-page fallbacks). Bodies are parsed with zod; errors are JSON
 * `{ error: { code, message, issues? } }` with the status from {@link HTTP_STATUS}.
 */
export function createHttpServer(deps: {
  store: Store;
  /** Access control against current state (every API request). */
  access: AccessControl;
  signIn: SignInSessions;
  devices: DeviceCredentials;
  privacy: PrivacyService;
  /** Single sign-on, when configured (set after start: discovery is asynchronous). */
  oidc: () => OidcSignIn | null;
  /** `ALLOWED_ORIGINS` as bare origins. */
  allowedOrigins?: readonly string[];
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: string; key: string };
  logger: Logger;
  kioskDist: string;
  consoleDist: string;
  /** Files workers may show on kiosks (served at /content/). */
  contentDir: string;
  /** Liveness: the process serves requests (no dependency checks). */
  live: () => Record<string, unknown>;
  /** Readiness: dependencies (database, media workers) answer; `ok: false` answers 503. */
  ready: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  login: LoginService;
  /** Trust `X-Forwarded-For` for the client address (behind a reverse proxy). */
  trustProxy?: boolean;
  kpi: KpiService;
  metrics: { contentType: string; metrics(): Promise<string> };
  /** When set, `/metrics` requires `Authorization: Bearer <token>`; otherwise it answers direct loopback requests only. */
  metricsToken?: string;
}): Server {
  const policy: EdgePolicy = { allowedOrigins: deps.allowedOrigins ?? [], trustProxy: !!deps.trustProxy, tls: !!deps.tls };
  // Enrolment codes are short: guessing is bounded per address (and each code lives 15 minutes).
  const enrolLimiter = new RateLimiterMemory({ keyPrefix: 'enrol_ip', points: 20, duration: 900 });
  const log = deps.logger.child({ module: 'http' });
  const kiosk = existsSync(deps.kioskDist) ? sirv(deps.kioskDist, { single: true, dev: false, etag: true }) : null;
  const consoleApp = existsSync(deps.consoleDist) ? sirv(deps.consoleDist, { single: true, dev: false, etag: true }) : null;
  const content = existsSync(deps.contentDir) ? sirv(deps.contentDir, { dev: false, etag: true }) : null;

  const clientIp = (req: IncomingMessage) => edgeClientIp(req, policy);

  /** Answers a sign-in: the access token in the body, the refresh token in its cookie. */
  function sendSignIn(req: IncomingMessage, res: ServerResponse, issued: IssuedTokens) {
    res.setHeader('Set-Cookie', cookie(REFRESH_COOKIE, issued.refreshToken, { maxAgeS: issued.response.refreshExpiresInS ?? 43_200, path: '/api/auth', sameSite: 'Strict', secure: isHttps(req, policy) }));
    sendJson(res, 200, issued.response);
  }
  const clearRefresh = (req: IncomingMessage) => cookie(REFRESH_COOKIE, '', { maxAgeS: 0, path: '/api/auth', sameSite: 'Strict', secure: isHttps(req, policy) });

  async function login(req: IncomingMessage, res: ServerResponse) {
    const parsed = LoginRequest.safeParse(await readJson(req));
    if (!parsed.success) throw Object.assign(new OrchestratorError('bad_request', 'invalid login body'), { issues: toWireIssues(parsed.error) });
    sendSignIn(req, res, await deps.login.login(parsed.data.username, parsed.data.password, clientIp(req)));
  }

  /**
   * `POST /api/auth/refresh`: a new access token for the refresh cookie (rotated). Without a
   * cookie there is no sign-in to resume: `204 No Content` (a console page opened before anyone
   * signed in asks this, and it is not an error).
   */
  async function refresh(req: IncomingMessage, res: ServerResponse) {
    const token = cookies(req)[REFRESH_COOKIE];
    if (!token) {
      res.writeHead(204).end();
      return;
    }
    try {
      sendSignIn(req, res, await deps.signIn.refresh(token));
    } catch (err) {
      if (toWireError(err).code === 'unauthorized') res.setHeader('Set-Cookie', clearRefresh(req));
      throw err;
    }
  }

  /** `POST /api/auth/logout`: revokes the sign-in session (its access tokens and sockets stop at once). */
  async function logout(req: IncomingMessage, res: ServerResponse) {
    const token = cookies(req)[REFRESH_COOKIE];
    const bearer = await bearerCaller(req).catch(() => null);
    const sid = bearer?.sid ?? (token ? await deps.signIn.sessionOfRefreshToken(token) : undefined);
    if (sid) await deps.signIn.revoke(sid, 'signed_out');
    res.setHeader('Set-Cookie', clearRefresh(req));
    sendJson(res, 200, {});
  }

  async function bearerCaller(req: IncomingMessage): Promise<Caller> {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) throw new AuthError('unauthorized', 'missing bearer token');
    return deps.access.authenticate(auth.slice(7));
  }

  /** Verifies a Bearer token against current state (user, status, role, sign-in) and requires one of `roles`. @throws AuthError */
  async function requireRole(req: IncomingMessage, roles: Role[]): Promise<Caller> {
    const caller = await bearerCaller(req);
    deps.access.requireRole(caller, roles);
    return caller;
  }

  /** `POST /api/devices/enrol`: a kiosk exchanges its one-time code for its credential. */
  async function enrol(req: IncomingMessage, res: ServerResponse) {
    try {
      await enrolLimiter.consume(clientIp(req));
    } catch (r) {
      if (r instanceof RateLimiterRes) throw CapacityError.rateLimited('enrolment attempts from this address', r.msBeforeNext);
      throw r;
    }
    const parsed = EnrolRequest.safeParse(await readJson(req));
    if (!parsed.success) throw Object.assign(new OrchestratorError('bad_request', 'invalid enrolment body'), { issues: toWireIssues(parsed.error) });
    sendJson(res, 200, await deps.devices.redeem(parsed.data.code, clientIp(req)));
  }

  async function oidcStart(req: IncomingMessage, res: ServerResponse) {
    const oidc = deps.oidc();
    if (!oidc) throw new OrchestratorError('not_found', 'single sign-on is not configured');
    const { url, flight } = await oidc.begin();
    res.statusCode = 302;
    res.setHeader('Set-Cookie', cookie(OIDC_COOKIE, flight, { maxAgeS: 600, path: '/api/auth/oidc', sameSite: 'Lax', secure: isHttps(req, policy) }));
    res.setHeader('Location', url);
    res.end();
  }

  async function oidcCallback(req: IncomingMessage, res: ServerResponse, search: string) {
    const oidc = deps.oidc();
    if (!oidc) throw new OrchestratorError('not_found', 'single sign-on is not configured');
    const clearFlight = cookie(OIDC_COOKIE, '', { maxAgeS: 0, path: '/api/auth/oidc', sameSite: 'Lax', secure: isHttps(req, policy) });
    try {
      const issued = await oidc.complete(search, cookies(req)[OIDC_COOKIE]);
      res.statusCode = 302;
      res.setHeader('Set-Cookie', [clearFlight, cookie(REFRESH_COOKIE, issued.refreshToken, { maxAgeS: issued.response.refreshExpiresInS ?? 43_200, path: '/api/auth', sameSite: 'Strict', secure: isHttps(req, policy) })]);
      // The console finds the sign-in through /api/auth/refresh: no token in the URL.
      res.setHeader('Location', '/console/#signed-in=sso');
      res.end();
    } catch (err) {
      const wire = toWireError(err);
      res.setHeader('Set-Cookie', clearFlight);
      res.statusCode = 302;
      res.setHeader('Location', `/console/#sso-error=${encodeURIComponent(wire.code)}`);
      res.end();
    }
  }

  function sendCsv(res: ServerResponse, name: string, body: string) {
    res.statusCode = 200;
    res.setHeader('Content-Type', CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  }

  /** `GET /api/sessions/:id` (Bearer token): the stored session, transcript, handoff package and audit trail. Supervisors see all; workers only sessions they handled. */
  async function sessionRecord(req: IncomingMessage, res: ServerResponse, id: string) {
    const caller = await requireRole(req, ['worker', 'supervisor']);
    if (!Uuid.safeParse(id).success) throw new OrchestratorError('bad_request', 'id: must be a UUID');
    const session = await deps.store.getSession(id);
    if (!session || (caller.principal.role !== 'supervisor' && session.workerId !== caller.principal.id)) throw new OrchestratorError('not_found', `session ${id} not found`);
    sendJson(res, 200, { session, transcript: await deps.store.transcript(id), handoff: (await deps.store.latestHandoff(id)) ?? null, events: await deps.store.events(id) });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res, { https: isHttps(req, policy), rosbridgeWs: 'ws://127.0.0.1:* ws://localhost:*' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const route = async () => {
      if ((path.startsWith('/api/') || path === '/metrics') && !originAllowed(req, policy)) throw AuthError.forbidden(`requests from origin ${String(req.headers.origin).slice(0, 100)} (set ALLOWED_ORIGINS)`);
      if (path === '/api/auth/login' && req.method === 'POST') return login(req, res);
      if (path === '/api/auth/refresh' && req.method === 'POST') return refresh(req, res);
      if (path === '/api/auth/logout' && req.method === 'POST') return logout(req, res);
      if (path === '/api/auth/providers' && req.method === 'GET') {
        const oidc = deps.oidc();
        return sendJson(res, 200, { password: true, oidc: oidc ? { name: oidc.settings.name } : null } satisfies AuthProviders);
      }
      if (path === '/api/auth/oidc/start' && req.method === 'GET') return oidcStart(req, res);
      if (path === '/api/auth/oidc/callback' && req.method === 'GET') return oidcCallback(req, res, url.search);
      if (path === '/api/devices/enrol' && req.method === 'POST') return enrol(req, res);
      if (path === '/api/health/live' && req.method === 'GET') return sendJson(res, 200, { ok: true, ...deps.live() });
      if ((path === '/api/health/ready' || path === '/api/health') && req.method === 'GET') {
        const r = await deps.ready();
        return sendJson(res, r.ok ? 200 : 503, r);
      }
      if (path === '/metrics' && req.method === 'GET') {
        if (deps.metricsToken) {
          const auth = req.headers.authorization ?? '';
          if (auth !== `Bearer ${deps.metricsToken}`) throw new AuthError('unauthorized', 'metrics need the METRICS_TOKEN bearer token');
        } else if (!isDirectLoopback(req)) throw AuthError.forbidden('metrics answer direct loopback requests only; set METRICS_TOKEN to scrape from elsewhere');
        res.setHeader('Content-Type', deps.metrics.contentType);
        return res.end(await deps.metrics.metrics());
      }
      if (path.startsWith('/api/kpi') || path === '/api/sessions.csv') {
        if (req.method !== 'GET') throw new OrchestratorError('bad_request', `${req.method} not supported`);
        await requireRole(req, ['supervisor']);
        const filter = Object.fromEntries(url.searchParams);
        if (path === '/api/kpi') return sendJson(res, 200, await deps.kpi.report(filter));
        if (path === '/api/kpi.csv') return sendCsv(res, csvFilename('kpi', new Date()), reportToCsv(await deps.kpi.report(filter), { bom: true }));
        if (path === '/api/sessions.csv') return sendCsv(res, csvFilename('sessions', new Date()), sessionsToCsv(await deps.kpi.sessionRows(filter), { bom: true }));
      }
      const m = /^\/api\/sessions\/([^/]+)$/.exec(path);
      if (m && req.method === 'GET') return sessionRecord(req, res, decodeURIComponent(m[1]!));
      const dsr = /^\/api\/sessions\/([^/]+)\/(export|personal-data)$/.exec(path);
      if (dsr) {
        const caller = await requireRole(req, ['supervisor']);
        const id = decodeURIComponent(dsr[1]!);
        if (!Uuid.safeParse(id).success) throw new OrchestratorError('bad_request', 'id: must be a UUID');
        if (dsr[2] === 'export' && req.method === 'GET') {
          const exported = await deps.privacy.exportSession(`worker:${caller.principal.id}`, id);
          // Set only on success: an error answer is not a file to save.
          res.setHeader('Content-Disposition', `attachment; filename="session-${id}.json"`);
          return sendJson(res, 200, exported);
        }
        if (dsr[2] === 'personal-data' && req.method === 'DELETE') return sendJson(res, 200, { erased: await deps.privacy.eraseSession(`worker:${caller.principal.id}`, id) });
        throw new OrchestratorError('bad_request', `${req.method} not supported on ${path}`);
      }
      if (path === '/' ) {
        res.statusCode = 302;
        res.setHeader('Location', '/console/');
        return res.end();
      }
      for (const [prefix, app] of [['/kiosk', kiosk], ['/console', consoleApp], ['/content', content]] as const) {
        if (path === prefix || path.startsWith(prefix + '/')) {
          if (!app) return sendJson(res, 503, { error: { code: 'unavailable', message: `${prefix} app is not built; run npm run build` } });
          req.url = (req.url ?? '/').slice(prefix.length) || '/';
          return app(req, res, () => sendJson(res, 404, { error: { code: 'not_found', message: 'not found' } }));
        }
      }
      sendJson(res, 404, { error: { code: 'not_found', message: `no route ${req.method} ${path}` } });
    };
    route().catch((err: unknown) => {
      const wire = toWireError(err);
      const issues = (err as { issues?: unknown }).issues;
      if (wire.code === 'internal') log.error({ err }, 'http handler failed');
      if (wire.retryAfterMs !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(wire.retryAfterMs / 1000))));
      sendJson(res, HTTP_STATUS[wire.code], { error: { ...wire, ...(issues ? { issues } : {}) } });
    });
  };
  return deps.tls ? (createHttpsServer({ cert: readFileSync(deps.tls.cert), key: readFileSync(deps.tls.key) }, handler) as unknown as Server) : createServer(handler);
}
