import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** What the edge checks need from the deployment's configuration. */
export interface EdgePolicy {
  /** Origins allowed besides the orchestrator's own (`ALLOWED_ORIGINS`), as bare origins. */
  allowedOrigins: readonly string[];
  /** Trust `X-Forwarded-*` headers (behind a reverse proxy you run). */
  trustProxy: boolean;
  /** The orchestrator terminates TLS itself. */
  tls: boolean;
}

/** The first value of a forwarded header, when proxies are trusted. */
function forwarded(req: IncomingMessage, name: string, policy: EdgePolicy): string | undefined {
  if (!policy.trustProxy) return undefined;
  const v = req.headers[name];
  const first = (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  return first || undefined;
}

/** Whether the client reached us over HTTPS (directly, or at the trusted proxy). */
export function isHttps(req: IncomingMessage, policy: EdgePolicy): boolean {
  return policy.tls || forwarded(req, 'x-forwarded-proto', policy) === 'https';
}

/** The client's address (the first `X-Forwarded-For` hop when behind a trusted proxy). */
export function clientIp(req: IncomingMessage, policy: EdgePolicy): string {
  return forwarded(req, 'x-forwarded-for', policy) || req.socket.remoteAddress || 'unknown';
}

/**
 * Whether a request's `Origin` (when it has one) may use the API or open a socket: the
 * orchestrator's own origin (same host and port as the request's `Host`, or `X-Forwarded-Host`
 * behind a trusted proxy) or one of `ALLOWED_ORIGINS`. Requests without `Origin` (non-browser
 * clients: kiosks' Electron main process, scripts, monitoring) pass: browsers always send it on
 * cross-origin requests and WebSocket handshakes, which is what this check is for.
 */
export function originAllowed(req: IncomingMessage, policy: EdgePolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (policy.allowedOrigins.includes(o.origin)) return true;
  const host = forwarded(req, 'x-forwarded-host', policy) ?? req.headers.host;
  return !!host && o.host.toLowerCase() === host.toLowerCase();
}

/** True for a direct request from the loopback interface (no proxy hop in between). */
export function isDirectLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  const loop = a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
  return loop && isIP(a.replace(/^::ffff:/, '')) !== 0 && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

/**
 * Security headers on every response: content type sniffing off, no referrer, no framing, a CSP
 * per app (the SFU and socket.io are same-origin; rosbridge may be elsewhere on the LAN), camera
 * and microphone for this origin only, cross-origin isolation of windows and resources, and HSTS
 * when served over HTTPS.
 */
export function securityHeaders(res: ServerResponse, opts: { https: boolean; rosbridgeWs: string }): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), interest-cohort=()');
  if (opts.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' ws: wss: ${opts.rosbridgeWs}; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
  );
}

/** Cookies of a request (`name=value` pairs; values URI-decoded). */
export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // a malformed value is ignored
    }
  }
  return out;
}

/**
 * A `Set-Cookie` value: HttpOnly always, `Secure` over HTTPS, `SameSite` and path as given;
 * `maxAgeS` 0 deletes the cookie.
 */
export function cookie(name: string, value: string, opts: { maxAgeS: number; path: string; sameSite: 'Strict' | 'Lax'; secure: boolean }): string {
  return `${name}=${encodeURIComponent(value)}; Path=${opts.path}; Max-Age=${opts.maxAgeS}; HttpOnly; SameSite=${opts.sameSite}${opts.secure ? '; Secure' : ''}`;
}
