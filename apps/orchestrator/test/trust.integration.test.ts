import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ask, connect, consoleSocket, kioskSocket, login, next, ok, sharedOrchestrator } from './helpers.ts';
import { DEMO_PASSWORD } from '../src/seed.ts';

/** The refresh cookie of a sign-in response. */
function refreshCookie(res: Response): string {
  const c = res.headers.getSetCookie().find((v) => v.startsWith('tk_refresh='));
  if (!c) throw new Error('no refresh cookie');
  expect(c).toMatch(/HttpOnly/);
  expect(c).toMatch(/SameSite=Strict/);
  expect(c).toMatch(/Path=\/api\/auth/);
  return c.split(';')[0]!;
}

async function signIn(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return { body: (await res.json()) as { token: string; expiresInS: number; refreshExpiresInS: number }, cookie: refreshCookie(res) };
}

/** Resolves with the reason of `auth:revoked` and waits for the disconnect that follows. */
async function revoked(s: Socket): Promise<string> {
  const gone = new Promise<void>((r) => s.once('disconnect', () => r()));
  const { reason } = await next<{ reason: string }>(s, 'auth:revoked');
  await gone;
  return reason;
}

describe('access checked against current state', () => {
  const ctx = sharedOrchestrator();

  it('short-lived access tokens refresh with a rotating HttpOnly cookie; sign-out revokes the sign-in on sockets and HTTP at once', async () => {
    const { orch } = ctx;
    const { body, cookie } = await signIn(orch.url, 'olivia');
    expect(body.expiresInS).toBe(900);
    expect(body.refreshExpiresInS).toBeGreaterThan(3600);
    // Without a refresh cookie there is no sign-in to resume: 204, not an error.
    expect((await fetch(`${orch.url}/api/auth/refresh`, { method: 'POST' })).status).toBe(204);
    const r1 = await fetch(`${orch.url}/api/auth/refresh`, { method: 'POST', headers: { cookie } });
    expect(r1.status).toBe(200);
    const next1 = refreshCookie(r1);
    expect(next1).not.toBe(cookie);
    const { token } = (await r1.json()) as { token: string };
    expect((await fetch(`${orch.url}/api/kpi`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const sock = await connect(`${orch.url}/console`, { token });
    ctx.sockets.push(sock);
    await ok(sock, 'console:hello');
    const why = revoked(sock);
    expect((await fetch(`${orch.url}/api/auth/logout`, { method: 'POST', headers: { cookie: next1 } })).status).toBe(200);
    expect(await why).toBe('signed_out');
    expect((await fetch(`${orch.url}/api/kpi`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await fetch(`${orch.url}/api/auth/refresh`, { method: 'POST', headers: { cookie: next1 } })).status).toBe(401);
    await expect(connect(`${orch.url}/console`, { token })).rejects.toThrow(/unauthorized/);
  });

  it('a refresh token used twice after the leeway revokes the whole sign-in (theft)', async () => {
    const { orch } = ctx;
    const issued = await orch.trust.signIn.issue((await orch.trust.auth.principal('w-wei'))!, 'password');
    const again = await orch.trust.signIn.refresh(issued.refreshToken);
    // Simulate the leeway passing: the first token was used long ago.
    await orch.database.db.updateTable('refresh_tokens').set({ used_at: new Date(Date.now() - 120_000) }).execute();
    await expect(orch.trust.signIn.refresh(issued.refreshToken)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(orch.trust.signIn.refresh(again.refreshToken)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(orch.trust.access.authenticate(again.response.token)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a disabled user loses sockets and HTTP at once and cannot sign in; a demoted supervisor cannot export sessions.csv', async () => {
    const { orch } = ctx;
    const olivia = await consoleSocket(orch, 'olivia');
    const sam = await consoleSocket(orch, 'sam');
    ctx.sockets.push(olivia, sam);
    const samToken = (await login(orch, 'sam')).body.token;
    await ok(sam, 'console:hello');
    const why = revoked(sam);
    const { user } = await ok(olivia, 'user:set-status', { workerId: 'w-sam', status: 'disabled' });
    expect(user).toMatchObject({ id: 'w-sam', status: 'disabled' });
    expect(await why).toBe('account_disabled');
    expect((await fetch(`${orch.url}/api/sessions/00000000-0000-4000-8000-000000000000`, { headers: { authorization: `Bearer ${samToken}` } })).status).toBe(401);
    expect((await login(orch, 'sam')).status).toBe(401);
    // Workers may not manage accounts; supervisors may not change their own.
    const wei = await consoleSocket(orch, 'wei');
    ctx.sockets.push(wei);
    expect(await ask(wei, 'user:set-status', { workerId: 'w-sam', status: 'active' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(olivia, 'user:set-role', { workerId: 's-olivia', role: 'worker' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(olivia, 'user:set-status', { workerId: 'w-sam', status: 'active' });
    expect((await login(orch, 'sam')).status).toBe(200);

    // Demotion: the store's role counts, not the token's.
    const oliviaToken = (await login(orch, 'olivia')).body.token;
    expect((await fetch(`${orch.url}/api/sessions.csv`, { headers: { authorization: `Bearer ${oliviaToken}` } })).status).toBe(200);
    const gone = revoked(olivia);
    await orch.trust.access.setRole('system', 's-olivia', 'worker');
    expect(await gone).toBe('role_changed');
    expect((await fetch(`${orch.url}/api/sessions.csv`, { headers: { authorization: `Bearer ${oliviaToken}` } })).status).toBe(401);
    const fresh = (await login(orch, 'olivia')).body.token;
    expect((await fetch(`${orch.url}/api/sessions.csv`, { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(403);
    await orch.trust.access.setRole('system', 's-olivia', 'supervisor');
    // Deleted: like unknown.
    await orch.trust.access.setStatus('system', 'w-wei', 'deleted');
    expect((await login(orch, 'wei')).status).toBe(401);
    await orch.trust.access.setStatus('system', 'w-wei', 'active');
  });

  it('tokens without a sign-in session are refused', async () => {
    const { orch } = ctx;
    const legacy = await (await import('../src/auth/tokens.ts')).TokenService.load(orch.store, undefined, 60);
    const token = await legacy.sign({ sub: 'w-aiko', role: 'worker' });
    await expect(connect(`${orch.url}/console`, { token })).rejects.toThrow(/sign-in session/);
  });
});

describe('devices enrol with a one-time code; staff rotate and revoke credentials', () => {
  const ctx = sharedOrchestrator();

  it('create, enrol once, rotate over the socket, revoke with an immediate disconnect', async () => {
    const { orch } = ctx;
    const kenji = await consoleSocket(orch, 'kenji');
    const aiko = await consoleSocket(orch, 'aiko');
    ctx.sockets.push(kenji, aiko);
    expect(await ask(aiko, 'device:create', { deviceId: 'hall-2', name: 'Hall kiosk 2', location: 'Hall B' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { device, enrolment } = await ok(kenji, 'device:create', { deviceId: 'hall-2', name: 'Hall kiosk 2', location: 'Hall B' });
    expect(device.id).toBe('hall-2');
    expect(enrolment.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await ask(kenji, 'device:create', { deviceId: 'hall-2', name: 'x', location: 'y' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Without a credential the device cannot connect.
    await expect(connect(`${orch.url}/kiosk`, { deviceId: 'hall-2', deviceToken: 'x'.repeat(43) })).rejects.toThrow(/unauthorized/);
    const enrol = (code: string) => fetch(`${orch.url}/api/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const r = await enrol(enrolment.code.toLowerCase().replace(/-/g, ''));
    expect(r.status).toBe(200);
    const cred = (await r.json()) as { deviceId: string; deviceToken: string };
    expect(cred.deviceId).toBe('hall-2');
    expect((await enrol(enrolment.code)).status).toBe(401);
    const kiosk = await connect(`${orch.url}/kiosk`, cred);
    ctx.sockets.push(kiosk);

    // Rotation: the kiosk stores the new credential and confirms; the old one stops working.
    let rotated = '';
    kiosk.on('device:credential', (p: { deviceToken: string }, ack: (r: unknown) => void) => {
      rotated = p.deviceToken;
      ack({ ok: true });
    });
    await ok(kenji, 'device:rotate-credential', { deviceId: 'hall-2' });
    expect(rotated).toHaveLength(43);
    await expect(connect(`${orch.url}/kiosk`, cred)).rejects.toThrow(/unauthorized/);
    // A device that is not connected cannot be rotated (it gets a new enrolment code instead).
    expect(await ask(kenji, 'device:rotate-credential', { deviceId: 'lobby-1' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    // Revocation: told why, disconnected at once, cannot come back.
    const told = next<{ reason: string }>(kiosk, 'device:revoked');
    const gone = new Promise((res) => kiosk.once('disconnect', res));
    await ok(kenji, 'device:revoke-credential', { deviceId: 'hall-2' });
    expect((await told).reason).toMatch(/revoked/);
    await gone;
    await expect(connect(`${orch.url}/kiosk`, { deviceId: 'hall-2', deviceToken: rotated })).rejects.toThrow(/revoked/);
    const audit = await orch.trust.auth.auditEvents({ subject: 'device:hall-2' });
    expect(audit.map((a) => a.action).reverse()).toEqual(['device.created', 'device.enrolment_code_issued', 'device.enrolled', 'device.credential_rotated', 'device.credential_revoked']);
    // A new enrolment code brings it back.
    const again = await ok(kenji, 'device:enrolment-code', { deviceId: 'hall-2' });
    expect((await enrol(again.enrolment.code)).status).toBe(200);
  });

  it('a database outage during the per-request device check answers unavailable and keeps the kiosk connected (no false "revoked")', async () => {
    const { orch } = ctx;
    const kiosk = await kioskSocket(orch);
    ctx.sockets.push(kiosk);
    await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    let revokedTold = false;
    kiosk.on('device:revoked', () => (revokedTold = true));
    const devices = orch.trust.devices as unknown as { check: (id: string) => Promise<void> };
    const original = devices.check;
    // What the store throws while PostgreSQL is stopped and the check's cache is stale.
    devices.check = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    };
    try {
      const during = await ask(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
      expect(during).toMatchObject({ ok: false, error: { code: 'unavailable', retryAfterMs: expect.any(Number) } });
    } finally {
      devices.check = original;
    }
    // Still the same connection, told nothing about revocation, and working again.
    expect(kiosk.connected).toBe(true);
    expect(revokedTold).toBe(false);
    await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
  });

  it('expired codes are refused', async () => {
    const { orch } = ctx;
    const kenji = await consoleSocket(orch, 'kenji');
    ctx.sockets.push(kenji);
    const { enrolment } = await ok(kenji, 'device:enrolment-code', { deviceId: 'lobby-1' });
    await orch.database.db.updateTable('device_enrolments').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    const r = await fetch(`${orch.url}/api/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: enrolment.code }) });
    expect(r.status).toBe(401);
  });
});

describe('transport and surface', () => {
  const ctx = sharedOrchestrator({ allowedOrigins: 'https://kiosk.example.org' });

  it('refuses other origins on HTTP and sockets, allows same origin and ALLOWED_ORIGINS; /metrics only on direct loopback; security headers', async () => {
    const { orch } = ctx;
    const post = (origin: string) => fetch(`${orch.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ username: 'sam', password: DEMO_PASSWORD }) });
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post(orch.url)).status).toBe(200);
    expect((await post('https://kiosk.example.org')).status).toBe(200);
    const { io } = await import('socket.io-client');
    const evil = io(`${orch.url}/kiosk`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: 'https://evil.example' }, auth: { deviceId: orch.demo!.deviceId, deviceToken: orch.demo!.deviceToken } });
    await expect(new Promise((res, rej) => (evil.once('connect', () => res('connected')), evil.once('connect_error', rej)))).rejects.toThrow();
    evil.close();
    ctx.sockets.push(await kioskSocket(orch));

    const metrics = await fetch(`${orch.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect((await fetch(`${orch.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    const page = await fetch(`${orch.url}/api/health/live`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('permissions-policy')).toMatch(/camera=\(self\)/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('strict-transport-security')).toBeNull();
  });

  it('events outside a namespace are answered forbidden, never left without an ack', async () => {
    const { orch } = ctx;
    const kiosk = await kioskSocket(orch);
    ctx.sockets.push(kiosk);
    expect(await ask(kiosk, 'offer:accept', { offerId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(kiosk, 'no-such-event', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
