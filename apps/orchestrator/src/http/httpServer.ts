import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';
import { LoginRequest, toWireIssues, Uuid } from '@telekiosk/shared';
import type { LoginService } from '../auth/login.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Store } from '../db/store.ts';
import { AuthError, HTTP_STATUS, OrchestratorError, toWireError } from '../errors.ts';
import type { KpiService } from '../kpi/kpiQueries.ts';
import { CSV_CONTENT_TYPE, csvFilename, reportToCsv, sessionsToCsv } from '../kpi/csv.ts';
import type { Logger } from '../logger.ts';

const MAX_BODY_BYTES = 16 * 1024;

/** Security headers on every response (CSP per app; the SFU and socket.io are same-origin). */
function securityHeaders(res: ServerResponse, rosbridgeWs: string) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' ws: wss: ${rosbridgeWs}; object-src 'none'; frame-ancestors 'none'; base-uri 'none'`,
  );
}

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
  tokens: TokenService;
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
  /** When set, `/metrics` requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
}): Server {
  const log = deps.logger.child({ module: 'http' });
  const kiosk = existsSync(deps.kioskDist) ? sirv(deps.kioskDist, { single: true, dev: false, etag: true }) : null;
  const consoleApp = existsSync(deps.consoleDist) ? sirv(deps.consoleDist, { single: true, dev: false, etag: true }) : null;
  const content = existsSync(deps.contentDir) ? sirv(deps.contentDir, { dev: false, etag: true }) : null;

  /** The client's address (the first `X-Forwarded-For` hop when behind a trusted proxy). */
  function clientIp(req: IncomingMessage): string {
    const fwd = deps.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : '';
    return fwd || req.socket.remoteAddress || 'unknown';
  }

  async function login(req: IncomingMessage, res: ServerResponse) {
    const parsed = LoginRequest.safeParse(await readJson(req));
    if (!parsed.success) throw Object.assign(new OrchestratorError('bad_request', 'invalid login body'), { issues: toWireIssues(parsed.error) });
    sendJson(res, 200, await deps.login.login(parsed.data.username, parsed.data.password, clientIp(req)));
  }

  /** Verifies a Bearer token and requires one of `roles`. @throws AuthError */
  async function requireRole(req: IncomingMessage, roles: string[]) {
    const auth = req.headers.authorization ?? '';
    const claims = auth.startsWith('Bearer ') ? await deps.tokens.verify(auth.slice(7)) : null;
    if (!claims) throw new AuthError('unauthorized', 'missing or invalid bearer token');
    if (!roles.includes(claims.role)) throw AuthError.forbidden(`requires role ${roles.join(' or ')}`);
    return claims;
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
    const auth = req.headers.authorization ?? '';
    const claims = auth.startsWith('Bearer ') ? await deps.tokens.verify(auth.slice(7)) : null;
    if (!claims) throw new AuthError('unauthorized', 'missing or invalid bearer token');
    if (!Uuid.safeParse(id).success) throw new OrchestratorError('bad_request', 'id: must be a UUID');
    const session = await deps.store.getSession(id);
    if (!session || (claims.role !== 'supervisor' && session.workerId !== claims.sub)) throw new OrchestratorError('not_found', `session ${id} not found`);
    sendJson(res, 200, { session, transcript: await deps.store.transcript(id), handoff: (await deps.store.latestHandoff(id)) ?? null, events: await deps.store.events(id) });
  }

  const server = createServer((req, res) => {
    securityHeaders(res, 'ws://127.0.0.1:* ws://localhost:*');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const route = async () => {
      if (path === '/api/auth/login' && req.method === 'POST') return login(req, res);
      if (path === '/api/health/live' && req.method === 'GET') return sendJson(res, 200, { ok: true, ...deps.live() });
      if ((path === '/api/health/ready' || path === '/api/health') && req.method === 'GET') {
        const r = await deps.ready();
        return sendJson(res, r.ok ? 200 : 503, r);
      }
      if (path === '/metrics' && req.method === 'GET') {
        if (deps.metricsToken) {
          const auth = req.headers.authorization ?? '';
          if (auth !== `Bearer ${deps.metricsToken}`) throw new AuthError('unauthorized', 'metrics need the METRICS_TOKEN bearer token');
        }
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
  });
  return server;
}
