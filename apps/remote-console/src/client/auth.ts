import { LoginResponse, WireError, WorkerView } from '@telekiosk/shared';
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

export type LoginResult = { ok: true; auth: StoredAuth } | { ok: false; error: UiMessage };

const ErrorBody = z.object({ error: WireError });

/** `POST /api/auth/login`; maps failures to catalog keys (wrong credentials, too many attempts, server, network). */
export async function login(fetchFn: typeof fetch, username: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetchFn('/api/auth/login', {
      method: 'POST',
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
  return { ok: true, auth: { token: parsed.data.token, worker: parsed.data.worker } };
}
