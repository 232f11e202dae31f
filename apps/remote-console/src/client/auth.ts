import { AuthProviders, LoginResponse, WireError, WorkerView } from '@telekiosk/shared';
import { z } from 'zod';
import type { UiMessage } from './state.ts';

/** What the console keeps between page loads of one browser tab. */
export const StoredAuth = z.object({ token: z.string().min(1), worker: WorkerView });
export type StoredAuth = z.infer<typeof StoredAuth>;

const STORAGE_KEY = 'telekiosk.console.auth';

export type AuthStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function loadAuth(storage: AuthStorage | null): StoredAuth | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = StoredAuth.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveAuth(storage: AuthStorage | null, auth: StoredAuth | null): void {
  try {
    if (auth) storage?.setItem(STORAGE_KEY, JSON.stringify(auth));
    else storage?.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode); the sign-in then lasts for this page only.
  }
}

export type LoginResult = { ok: true; auth: StoredAuth; expiresInS: number } | { ok: false; error: UiMessage };

const ErrorBody = z.object({ error: WireError });

/** `POST /api/auth/login`; maps failures to catalog keys (wrong credentials, too many attempts, server, network). */
export async function login(fetchFn: typeof fetch, username: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetchFn('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: username.trim(), password }),
    });
  } catch (err) {
    return { ok: false, error: { key: 'login.errors.network', detail: err instanceof Error ? err.message : String(err) } };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(body);
    if (res.status === 401 || parsed.data?.error.code === 'unauthorized') return { ok: false, error: { key: 'login.errors.invalid' } };
    if (parsed.data?.error.code === 'bad_request') return { ok: false, error: { key: 'login.errors.missing' } };
    if (res.status === 429 || parsed.data?.error.code === 'rate_limited') return { ok: false, error: { key: 'login.errors.rateLimited' } };
    return { ok: false, error: { key: 'login.errors.server', detail: parsed.data?.error.message ?? `HTTP ${res.status}` } };
  }
  const parsed = LoginResponse.safeParse(body);
  if (!parsed.success) return { ok: false, error: { key: 'login.errors.server', detail: 'unexpected login response' } };
  return { ok: true, auth: { token: parsed.data.token, worker: parsed.data.worker }, expiresInS: parsed.data.expiresInS };
}

/**
 * `POST /api/auth/refresh`: a new short-lived access token for the sign-in whose refresh token
 * is in the HttpOnly cookie (the page never sees it). Also how a single sign-on lands: the
 * provider's redirect sets the cookie, then the console refreshes. `204` (no cookie: nobody
 * signed in on this browser) comes back as `{ ok: false, status: 204 }`.
 */
export async function refreshAuth(fetchFn: typeof fetch): Promise<{ ok: true; auth: StoredAuth; expiresInS: number } | { ok: false; status: number }> {
  let res: Response;
  try {
    res = await fetchFn('/api/auth/refresh', { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0 };
  }
  if (!res.ok || res.status === 204) return { ok: false, status: res.status };
  const parsed = LoginResponse.safeParse(await res.json().catch(() => null));
  if (!parsed.success) return { ok: false, status: 500 };
  return { ok: true, auth: { token: parsed.data.token, worker: parsed.data.worker }, expiresInS: parsed.data.expiresInS };
}

/** `GET /api/auth/providers`: how this deployment signs people in (the single sign-on button's label); null when unknown. */
export async function authProviders(fetchFn: typeof fetch): Promise<AuthProviders | null> {
  try {
    const res = await fetchFn('/api/auth/providers', { headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const parsed = AuthProviders.safeParse(await res.json().catch(() => null));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `POST /api/auth/logout`: revokes the sign-in on the server (its tokens and sockets stop at once). Best effort. */
export async function logoutRequest(fetchFn: typeof fetch, token: string | null): Promise<void> {
  try {
    await fetchFn('/api/auth/logout', { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  } catch {
    // Offline: the access token expires by itself; the refresh cookie is cleared at the next sign-in.
  }
}

/** Seconds until a JWT access token expires (from its `exp` claim, not verified: only to schedule a refresh); null when unreadable. */
export function secondsLeft(token: string, nowMs: number): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? Math.max(0, Math.floor(payload.exp - nowMs / 1000)) : null;
  } catch {
    return null;
  }
}

/** The catalog key that tells a user why their access was withdrawn (`auth:revoked`). */
export function revokedMessageKey(reason: string): 'login.errors.accountDisabled' | 'login.errors.roleChanged' | 'login.errors.sessionEnded' {
  if (reason === 'account_disabled' || reason === 'account_deleted') return 'login.errors.accountDisabled';
  if (reason === 'role_changed') return 'login.errors.roleChanged';
  return 'login.errors.sessionEnded';
}
