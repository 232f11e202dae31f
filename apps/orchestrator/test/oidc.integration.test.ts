/**
 * Single sign-on (OpenID Connect) end to end against a real, local OpenID provider
 * (`oidc-provider`, started by this test on 127.0.0.1) and a real orchestrator configured with
 * `oidcConfigPath` / `oidcClientSecret`. The browser is played by `fetch` with `redirect: 'manual'`
 * and a cookie jar that, like a browser, shares cookies between the two servers on 127.0.0.1
 * (cookies ignore ports) and honours Path, Max-Age and Expires.
 *
 * What it proves:
 * - `/api/auth/providers` names the configured sign-on, and `/api/auth/oidc/start` redirects to the
 *   provider's authorization endpoint with PKCE (S256), state and nonce, setting the HttpOnly
 *   flight cookie; after login (and consent, asked once) at the provider, the callback checks
 *   state, nonce and PKCE, sets the HttpOnly SameSite=Strict refresh cookie (no token in the URL),
 *   clears the flight cookie and sends the browser to the console; `POST /api/auth/refresh` then
 *   gives an access token for a user created from the ID token's `groups` claim with the mapped
 *   role (and departments), which works for a supervisor-only HTTP call and a console socket.
 * - A user whose groups map to no role is refused (`#sso-error=forbidden`, no refresh cookie,
 *   no user created).
 * - A callback with a tampered state, without the flight cookie, with a forged flight cookie or
 *   with another browser's flight cookie is refused (`#sso-error=unauthorized`, no refresh cookie).
 * - The role follows the provider's groups on every sign-in (same user, linked by `issuer|sub`):
 *   a promotion or demotion takes effect at once for the new sign-in, earlier sign-ins of the old
 *   role are ended (as when a supervisor changes a role), and a user removed from every mapped
 *   group can no longer sign in.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@telekiosk/shared';
import type { Orchestrator } from '../src/server.ts';
import { connect, next, ok, startTestOrchestrator } from './helpers.ts';

const CLIENT_ID = 'telekiosk-console';
const CLIENT_SECRET = randomBytes(24).toString('base64url');

/** Users at the provider (login name = account id), with the groups city IT gave them. Tests change `groups`. */
const accounts = new Map<string, { name: string; email: string; groups: string[] }>([
  ['ada', { name: 'Ada Supervisor', email: 'ada@city.example', groups: ['Kiosk-Supervisors', 'Permits'] }],
  ['bob', { name: 'Bob Patron', email: 'bob@city.example', groups: ['Library-Patrons'] }],
  ['cyd', { name: 'Cyd Staff', email: 'cyd@city.example', groups: ['Kiosk-Staff'] }],
]);

// --- a browser: fetch without following redirects, and a cookie jar ---------------------------

interface StoredCookie {
  value: string;
  path: string;
  attributes: string;
}
interface Page {
  status: number;
  location: URL | null;
  setCookies: string[];
  text: string;
}

/** One browser's cookies for 127.0.0.1 (a browser does not separate cookies by port). */
class Browser {
  readonly jar = new Map<string, StoredCookie>();

  private cookieHeader(url: URL): string {
    const path = url.pathname;
    return [...this.jar]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const maxAge = attr('max-age');
      const expires = attr('expires');
      const gone = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.jar.delete(name);
      else this.jar.set(name, { value, path: attr('path') ?? url.pathname.replace(/\/[^/]*$/, '/'), attributes: attrs.join('; ') });
    }
  }

  async request(href: string | URL, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Page> {
    const url = new URL(href);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const setCookies = res.headers.getSetCookie();
    this.store(url, setCookies);
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, url) : null, setCookies, text: await res.text() };
  }
}

/** The Set-Cookie line of a response for cookie `name`, if any. */
function setCookieOf(page: Page, name: string): string | undefined {
  return page.setCookies.find((c) => c.startsWith(`${name}=`));
}

// --- the provider and the orchestrator -----------------------------------------------------------

/** A free TCP port on 127.0.0.1 (the orchestrator's redirect URI is registered at the provider before it starts). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let providerServer: Server;
let issuer: string;
let redirectUri: string;
let orch: Orchestrator;
let dir: string;
const providerErrors: unknown[] = [];
const sockets: Socket[] = [];

/** (Re)creates the provider with its one client registered for `redirect` (served by `providerServer`). */
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
function configureProvider(redirect: string): void {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirect],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // `groups` is a scope of its own, and the ID token carries the claims of the granted scopes
    // (as Entra ID and Keycloak's group mapper do): oidc.ts reads the groups from the ID token.
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    ttl: { AccessToken: 600, AuthorizationCode: 120, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx, id) => {
      if (!accounts.has(id)) return undefined;
      return { accountId: id, claims: () => ({ sub: id, preferred_username: id, ...accounts.get(id)! }) };
    },
  });
  provider.on('server_error', (_ctx: unknown, err: unknown) => providerErrors.push(err));
  handler = provider.callback();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'telekiosk-oidc-'));
  providerServer = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    providerServer.once('error', reject);
    providerServer.listen(0, '127.0.0.1', () => resolve());
  });
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  // The orchestrator's redirect URI must be registered at the provider and written in its
  // settings before it starts: take a free port for it (and another if that one is taken meanwhile).
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    redirectUri = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
    configureProvider(redirectUri);
    const configPath = join(dir, 'oidc.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        name: 'City account',
        issuer,
        clientId: CLIENT_ID,
        redirectUri,
        scopes: ['openid', 'profile', 'email', 'groups'],
        roles: { supervisor: ['Kiosk-Supervisors'], staff: ['Kiosk-Staff'], worker: ['Kiosk-Workers'] },
        departments: { Permits: ['permits'] },
        allowInsecureIssuer: true,
      }),
    );
    try {
      orch = await startTestOrchestrator({ port, oidcConfigPath: configPath, oidcClientSecret: CLIENT_SECRET });
      break;
    } catch (err) {
      if (attempt >= 3 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  expect(orch.url).toBe(new URL(redirectUri).origin);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await orch?.close();
  if (providerServer) {
    providerServer.closeAllConnections();
    await new Promise<void>((r) => providerServer.close(() => r()));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

// --- the sign-in flow ----------------------------------------------------------------------------

interface SignInOutcome {
  /** Where the orchestrator's callback sent the browser. */
  landing: URL;
  callback: Page;
  /** Prompts the provider showed (`login`, `consent`). */
  prompts: string[];
  /** The authorization request the orchestrator made. */
  authorize: URL;
}

/**
 * Plays the browser from the console's sign-in button to the orchestrator's callback: start,
 * the provider's login form (as `login`) and consent page, and the redirect back. `beforeCallback`
 * may tamper with the callback URL or the cookies first.
 */
async function ssoSignIn(b: Browser, login: string, beforeCallback?: (callback: URL) => URL | void): Promise<SignInOutcome> {
  const start = await b.request(`${orch.url}/api/auth/oidc/start`);
  expect(start.status).toBe(302);
  const flight = setCookieOf(start, 'tk_oidc');
  expect(flight).toMatch(/HttpOnly/);
  expect(flight).toMatch(/Path=\/api\/auth\/oidc/);
  expect(flight).toMatch(/SameSite=Lax/);
  const authorize = start.location!;
  let url = authorize;
  const prompts: string[] = [];
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(`${redirectUri}?`)) {
      const callbackUrl = beforeCallback?.(url) ?? url;
      const callback = await b.request(callbackUrl);
      expect(callback.status).toBe(302);
      // The flight cookie is used once, whatever the outcome.
      expect(setCookieOf(callback, 'tk_oidc')).toMatch(/Max-Age=0/);
      expect(b.jar.has('tk_oidc')).toBe(false);
      return { landing: callback.location!, callback, prompts, authorize };
    }
    expect(url.origin, `unexpected redirect to ${url.href}`).toBe(issuer);
    const page = await b.request(url);
    if (page.status >= 300 && page.status < 400 && page.location) {
      url = page.location;
      continue;
    }
    const prompt = /name="prompt" value="(\w+)"/.exec(page.text)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1];
    if (page.status !== 200 || !prompt || !action) throw new Error(`provider answered ${page.status} at ${url.href}: ${page.text.slice(0, 500)} ${providerErrors.map(String).join('; ')}`);
    prompts.push(prompt);
    const submitted = await b.request(new URL(action.replaceAll('&amp;', '&'), url), { form: prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt } });
    if (!submitted.location) throw new Error(`provider answered ${submitted.status} to the ${prompt} form: ${submitted.text.slice(0, 500)}`);
    url = submitted.location;
  }
  throw new Error('too many redirects');
}

/** `POST /api/auth/refresh` with the browser's cookies, as the console does after the callback. */
async function refresh(b: Browser): Promise<{ page: Page; body: LoginResponse | null }> {
  const page = await b.request(`${orch.url}/api/auth/refresh`, { method: 'POST' });
  return { page, body: page.status === 200 ? (JSON.parse(page.text) as LoginResponse) : null };
}

const kpi = (token: string) => fetch(`${orch.url}/api/kpi`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => (await r.arrayBuffer(), r.status));

/** Signs in as `login` in a fresh browser and returns the console's access token. */
async function signedIn(login: string): Promise<{ b: Browser; body: LoginResponse }> {
  const b = new Browser();
  const { landing } = await ssoSignIn(b, login);
  expect(landing.href).toBe(`${orch.url}/console/#signed-in=sso`);
  const { page, body } = await refresh(b);
  expect(page.status).toBe(200);
  return { b, body: body! };
}

describe('single sign-on with OpenID Connect against a local provider', () => {
  it('the console lists the sign-on; a supervisor-group user signs in through the provider and gets a supervisor console', async () => {
    const providers = await fetch(`${orch.url}/api/auth/providers`).then((r) => r.json());
    expect(providers).toEqual({ password: true, oidc: { name: 'City account' } });

    const b = new Browser();
    const { landing, callback, prompts, authorize } = await ssoSignIn(b, 'ada');
    // The authorization request: code flow with PKCE, state and nonce, the configured scopes.
    expect(authorize.origin + authorize.pathname).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: CLIENT_ID, response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile email groups', code_challenge_method: 'S256' });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{22,}$/);
    expect(prompts).toEqual(['login', 'consent']);
    // The callback sets the refresh cookie and sends the browser to the console, no token in the URL.
    expect(landing.href).toBe(`${orch.url}/console/#signed-in=sso`);
    const refreshCookie = setCookieOf(callback, 'tk_refresh');
    expect(refreshCookie).toMatch(/HttpOnly/);
    expect(refreshCookie).toMatch(/SameSite=Strict/);
    expect(refreshCookie).toMatch(/Path=\/api\/auth(;|$)/);
    expect(landing.href).not.toMatch(/token|code=/);

    const { page, body } = await refresh(b);
    expect(page.status).toBe(200);
    expect(body!.worker).toMatchObject({ username: 'ada', displayName: 'Ada Supervisor', role: 'supervisor', languages: ['en'] });
    expect(body!.worker.id).toMatch(/^sso-/);
    const principal = await orch.trust.auth.principal(body!.worker.id);
    expect(principal).toMatchObject({ role: 'supervisor', status: 'active' });
    expect([...principal!.departments].sort()).toEqual(['general', 'permits']);
    // The access token works where only supervisors may go, and on a console socket.
    expect(await kpi(body!.token)).toBe(200);
    const sock = await connect(`${orch.url}/console`, { token: body!.token });
    sockets.push(sock);
    const hello = await ok(sock, 'console:hello');
    expect(hello.worker).toMatchObject({ id: body!.worker.id, role: 'supervisor' });
    // A second sign-in of the same user (provider session and consent remembered) is the same account.
    const again = await ssoSignIn(b, 'ada');
    expect(again.prompts).toEqual([]);
    expect(again.landing.href).toBe(`${orch.url}/console/#signed-in=sso`);
    expect((await refresh(b)).body!.worker.id).toBe(body!.worker.id);
  }, 90_000);

  it('a user whose groups map to no role is refused: sso-error=forbidden, no refresh cookie, no account', async () => {
    const b = new Browser();
    const usersBefore = (await orch.trust.access.allUsers()).length;
    const { landing, callback } = await ssoSignIn(b, 'bob');
    expect(landing.href).toBe(`${orch.url}/console/#sso-error=forbidden`);
    expect(setCookieOf(callback, 'tk_refresh')).toBeUndefined();
    expect(b.jar.has('tk_refresh')).toBe(false);
    expect((await refresh(b)).page.status).toBe(204);
    expect((await orch.trust.access.allUsers()).length).toBe(usersBefore);
  }, 90_000);

  it('a callback with a tampered state, without the flight cookie, or with a forged or foreign flight cookie is refused', async () => {
    const refused = async (label: string, tamper: (b: Browser, callback: URL) => URL | void) => {
      const b = new Browser();
      const { landing, callback } = await ssoSignIn(b, 'ada', (u) => tamper(b, u));
      expect(landing.href, label).toBe(`${orch.url}/console/#sso-error=unauthorized`);
      expect(setCookieOf(callback, 'tk_refresh'), label).toBeUndefined();
      expect((await refresh(b)).page.status, label).toBe(204);
    };
    await refused('tampered state', (_b, u) => {
      const v = new URL(u);
      v.searchParams.set('state', `${u.searchParams.get('state')}x`);
      return v;
    });
    await refused('no state', (_b, u) => {
      const v = new URL(u);
      v.searchParams.delete('state');
      return v;
    });
    await refused('no flight cookie', (b) => {
      b.jar.delete('tk_oidc');
    });
    await refused('forged flight cookie', (b) => {
      const c = b.jar.get('tk_oidc')!;
      const [h, p, s] = decodeURIComponent(c.value).split('.');
      b.jar.set('tk_oidc', { ...c, value: [h, p, `${s!.slice(0, -4)}AAAA`].join('.') });
    });
    // Login CSRF: the attacker's authorization response arrives with the victim's sign-in in flight.
    const victim = new Browser();
    expect((await victim.request(`${orch.url}/api/auth/oidc/start`)).status).toBe(302);
    await refused("another sign-in's flight cookie", (b) => {
      b.jar.set('tk_oidc', victim.jar.get('tk_oidc')!);
    });
    // A callback that is not an authorization response at all.
    const b = new Browser();
    const bare = await b.request(`${orch.url}/api/auth/oidc/callback`);
    expect(bare.status).toBe(302);
    expect(bare.location!.hash).toBe('#sso-error=unauthorized');
    expect(setCookieOf(bare, 'tk_refresh')).toBeUndefined();
  }, 120_000);

  it("the role follows the provider's groups on every sign-in; earlier sign-ins of the old role end", async () => {
    accounts.get('cyd')!.groups = ['Kiosk-Staff'];
    const first = await signedIn('cyd');
    expect(first.body.worker.role).toBe('staff');
    expect(await kpi(first.body.token)).toBe(403);
    const staffSocket = await connect(`${orch.url}/console`, { token: first.body.token });
    sockets.push(staffSocket);
    expect((await ok(staffSocket, 'console:hello')).worker).toMatchObject({ role: 'staff' });

    // City IT promotes cyd: the next sign-in is a supervisor's, at once.
    accounts.get('cyd')!.groups = ['Kiosk-Staff', 'Kiosk-Supervisors'];
    const revoked = next<{ reason: string }>(staffSocket, 'auth:revoked', 30_000);
    const second = await signedIn('cyd');
    expect(second.body.worker).toMatchObject({ id: first.body.worker.id, role: 'supervisor' });
    expect(await kpi(second.body.token)).toBe(200);
    // The staff sign-in is over, as when a supervisor changes someone's role.
    expect((await revoked).reason).toBe('role_changed');
    expect((await refresh(first.b)).page.status).toBe(401);

    // And demotes cyd again: the supervisor token stops working for supervisor calls at once.
    accounts.get('cyd')!.groups = ['Kiosk-Staff'];
    const third = await signedIn('cyd');
    expect(third.body.worker).toMatchObject({ id: first.body.worker.id, role: 'staff' });
    expect(await kpi(third.body.token)).toBe(403);
    expect(await kpi(second.body.token)).toBe(401);

    // Removed from every mapped group: refused at the next sign-in.
    accounts.get('cyd')!.groups = ['Library-Patrons'];
    const b = new Browser();
    const { landing, callback } = await ssoSignIn(b, 'cyd');
    expect(landing.hash).toBe('#sso-error=forbidden');
    expect(setCookieOf(callback, 'tk_refresh')).toBeUndefined();
    expect(providerErrors).toEqual([]);
  }, 120_000);
});
