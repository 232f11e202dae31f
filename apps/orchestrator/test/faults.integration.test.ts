import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@telekiosk/shared';
import { DEMO_PASSWORD } from '../src/seed.ts';
import { consoleSocket, kioskSocket, next, startTestOrchestrator } from './helpers.ts';
import type { Orchestrator } from '../src/server.ts';
import { sql } from 'kysely';
import pgLib from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { freePort, startOrchestratorProcess, tempDir, throwawayPostgres, waitFor, type OrchestratorProcess, type ThrowawayPostgres } from './processes.ts';

/**
 * Faults with real processes: the orchestrator killed with SIGKILL and started again on the same
 * data, and its PostgreSQL stopped for 10 s. Clients are socket.io clients that reconnect by
 * themselves, as the kiosk and console do. Every wait polls for a condition with a generous
 * timeout (the machine may be busy).
 */

/** A client socket that reconnects by itself (like the apps), with typed helpers. */
function client(url: string, nsp: '/kiosk' | '/console', auth: Record<string, unknown>): Socket {
  return io(`${url}${nsp}`, { auth, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1000, forceNew: true });
}
function ask<T = any>(s: Socket, event: string, payload: unknown = {}, timeoutMs = 15_000): Promise<Ack<T>> {
  return new Promise((resolve, reject) => {
    s.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: Ack<T>) => (err ? reject(err) : resolve(res)));
  });
}
async function ok<T = any>(s: Socket, event: string, payload: unknown = {}): Promise<T> {
  const r = await ask<T>(s, event, payload);
  if (!r.ok) throw new Error(`${event}: ${JSON.stringify(r.error)}`);
  return r.data;
}
/** `POST /api/auth/login` against a process. */
async function login(url: string, username: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return { status: res.status, body: await res.json() };
}
const connected = (s: Socket) => waitFor('socket connected', () => (s.connected ? true : undefined), 60_000);

describe('orchestrator killed with SIGKILL', () => {
  let proc: OrchestratorProcess | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await proc?.stop();
    dir?.remove();
  });

  it('keeps a waiting visitor first in line (escalation time unchanged), keeps an open offer with its deadline, and keeps users signed in', async () => {
    dir = tempDir('tk-kill-');
    const port = await freePort();
    proc = await startOrchestratorProcess({ port, dataRoot: dir.path });
    const url = proc.url;
    const { body } = await login(url, 'sam');
    const token = body.token;
    const kiosk = client(url, '/kiosk', proc.demo);
    sockets.push(kiosk);
    await connected(kiosk);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    const before = await ok(kiosk, 'session:resume', { sessionId: session.id, lastSeq: 0 });
    expect(before.queue).toMatchObject({ position: 1, waitState: 'no_staff' });

    await proc.kill9();
    proc = await startOrchestratorProcess({ port, dataRoot: dir.path });
    // The kiosk reconnects by itself; the visitor is still queued, first in line.
    await connected(kiosk);
    const after = await ok(kiosk, 'session:resume', { sessionId: session.id, lastSeq: before.entries.at(-1).seq });
    expect(after.session).toMatchObject({ state: 'queued', escalatedAt: before.session.escalatedAt });
    expect(after.queue).toMatchObject({ position: 1 });

    // The token signed before the crash still works (signing keys persist).
    const sam = client(url, '/console', { token });
    sockets.push(sam);
    await connected(sam);
    await ok(sam, 'console:hello');
    const offer = next(sam, 'offer:new', 30_000);
    await ok(sam, 'worker:set-state', { state: 'available' });
    const o = await offer;
    expect(o.sessionId).toBe(session.id);
    // The routing task kept its original enqueue time: aging counts from before the crash.
    const res = await fetch(`${url}/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${(await login(url, 'olivia')).body.token}` } });
    const record = await res.json();
    expect(record.events.map((e: { type: string }) => e.type)).toContain('offered');

    // A second crash while the offer is open: the offer survives with its deadline.
    await proc.kill9();
    proc = await startOrchestratorProcess({ port, dataRoot: dir.path });
    await connected(sam);
    const hello = await waitFor('offer restored', async () => {
      const h = await ok(sam, 'console:hello');
      return h.offers.length > 0 ? h : undefined;
    });
    expect(hello.offers[0]).toMatchObject({ id: o.id, expiresAt: o.expiresAt });
    const assignment = await ok(sam, 'offer:accept', { offerId: o.id });
    expect(assignment.session).toMatchObject({ id: session.id, state: 'in_call', workerId: 'w-sam' });
  }, 240_000);

  it('resumes a call in progress: both peers resync, the transcript is intact and media can be joined again', async () => {
    dir = tempDir('tk-kill-call-');
    const port = await freePort();
    proc = await startOrchestratorProcess({ port, dataRoot: dir.path });
    const url = proc.url;
    const kiosk = client(url, '/kiosk', proc.demo);
    const sam = client(url, '/console', { token: (await login(url, 'sam')).body.token });
    sockets.push(kiosk, sam);
    await Promise.all([connected(kiosk), connected(sam)]);
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new', 30_000);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    await ok(sam, 'offer:accept', { offerId: (await offer).id });
    await ok(sam, 'worker:message', { sessionId: session.id, text: 'Hello, I am here to help.' });
    await ok(kiosk, 'media:join', { sessionId: session.id });

    await proc.kill9();
    proc = await startOrchestratorProcess({ port, dataRoot: dir.path });
    await Promise.all([connected(kiosk), connected(sam)]);
    const snap = await ok(kiosk, 'session:resume', { sessionId: session.id, lastSeq: 0 });
    expect(snap.session).toMatchObject({ state: 'in_call', workerId: 'w-sam' });
    expect(snap.call).toMatchObject({ worker: { displayName: 'Sam Carter' } });
    expect(snap.entries.map((e: { text: string }) => e.text)).toContain('Hello, I am here to help.');
    const hello = await ok(sam, 'console:hello');
    expect(hello.worker.state).toBe('busy');
    expect(hello.assignment.session.id).toBe(session.id);
    // Media rooms are rebuilt on demand: both peers join again.
    expect((await ok(kiosk, 'media:join', { sessionId: session.id })).routerRtpCapabilities).toBeTruthy();
    expect((await ok(sam, 'media:join', { sessionId: session.id })).routerRtpCapabilities).toBeTruthy();
    // The call goes on: a line each way, then the end.
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Thanks, still here' });
    await ok(sam, 'session:end', { sessionId: session.id, disposition: 'resolved' });
  }, 240_000);
});

describe('PostgreSQL stopped for 10 s', () => {
  let pg: ThrowawayPostgres | undefined;
  let proc: OrchestratorProcess | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await proc?.stop();
    pg?.destroy();
    dir?.remove();
  });

  it('answers unavailable with a retry-after, says so on readiness, and loses nothing acknowledged', async () => {
    pg = await throwawayPostgres();
    dir = tempDir('tk-pgdown-');
    proc = await startOrchestratorProcess({ port: await freePort(), dataRoot: dir.path, env: { DATABASE_URL: pg.url } });
    const url = proc.url;
    const kiosk = client(url, '/kiosk', proc.demo);
    sockets.push(kiosk);
    // On failure, say why the kiosk's connection dropped (client side) and what the server logged.
    const drops: string[] = [];
    kiosk.on('disconnect', (reason, details) => drops.push(`${new Date().toISOString()} ${reason} ${JSON.stringify(details ?? null)}`));
    kiosk.on('connect_error', (err) => drops.push(`${new Date().toISOString()} connect_error ${err.message}`));
    const server = proc;
    onTestFailed(() => console.error(`kiosk connection events:\n${drops.join('\n') || '(none)'}\nserver log (tail):\n${server.output().slice(-8000)}`));
    await connected(kiosk);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Acknowledged before the outage' });

    pg.stop();
    const outageStart = Date.now();
    const during = await ask(kiosk, 'visitor:message', { sessionId: session.id, text: 'Sent during the outage' });
    expect(during).toMatchObject({ ok: false, error: { code: 'unavailable', retryAfterMs: expect.any(Number) } });
    const ready = await fetch(`${url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).database.status).not.toBe('ok');
    expect((await fetch(`${url}/api/health/live`)).status).toBe(200);
    const loginDuring = await login(url, 'sam');
    expect(loginDuring.status).toBe(503);
    expect(loginDuring.body.error).toMatchObject({ code: 'unavailable' });
    // The outage lasts 10 s (the scenario), then the server comes back.
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - outageStart))));
    pg.start();
    await waitFor('readiness back', async () => ((await fetch(`${url}/api/health/ready`)).status === 200 ? true : undefined), 60_000, 250);
    const after = await waitFor('message accepted again', async () => {
      const r = await ask(kiosk, 'visitor:message', { sessionId: session.id, text: 'Sent after the outage' });
      return r.ok ? r : undefined;
    }, 30_000, 250);
    expect(after.ok).toBe(true);
    const snap = await ok(kiosk, 'session:resume', { sessionId: session.id, lastSeq: 0 });
    const texts = snap.entries.map((e: { text: string }) => e.text);
    expect(texts).toContain('Acknowledged before the outage');
    expect(texts).toContain('Sent after the outage');
    expect(texts).not.toContain('Sent during the outage'); // refused, so the kiosk keeps it in its outbox
  }, 240_000);
});

/**
 * A connection that drops while a transaction holds it (PostgreSQL stopped between two
 * statements): the pool client has no idle listener then, and its `error` event crashed the
 * orchestrator (the outage test above failed so on a loaded machine, 2026-12-07). Now the
 * transaction fails like any statement, the error is reported, and the next query gets a new
 * connection.
 */
describe('a PostgreSQL connection lost inside a transaction', () => {
  let pg: ThrowawayPostgres | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    pg?.destroy();
  });

  it('fails the transaction, reports the error and does not crash the process', async () => {
    pg = await throwawayPostgres();
    const reported: Error[] = [];
    database = await openDatabase({ databaseUrl: pg.url, dataDir: 'memory://', onIdleError: (err) => reported.push(err) });
    const admin = new pgLib.Client({ connectionString: pg.url });
    await admin.connect();
    try {
      const inTransaction = database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        // Between two statements: the drop reaches the checked-out client as an 'error' event.
        await waitFor('the dropped connection reported', () => (reported.length > 0 ? true : undefined), 30_000, 50);
        await sql`select 1`.execute(trx);
      });
      await expect(inTransaction).rejects.toThrow();
      expect(reported.map((e) => e.message).join(' ')).toMatch(/terminat/i);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(rows[0]!.one).toBe(1);
    } finally {
      await admin.end();
    }
  }, 120_000);
});

describe('in-process faults during a call', () => {
  let orch: Orchestrator | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await orch?.close();
    orch = undefined;
  });

  async function inCall(o: Orchestrator) {
    const kiosk = await kioskSocket(o);
    const sam = await consoleSocket(o, 'sam');
    sockets.push(kiosk, sam);
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new');
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    await ok(sam, 'offer:accept', { offerId: (await offer).id });
    return { kiosk, sam, session };
  }

  it('a mediasoup worker killed mid-call: both peers are told to rejoin and the room moves to a live worker', async () => {
    orch = await startTestOrchestrator({ mediaWorkers: 2 });
    const o = orch;
    const { kiosk, sam, session } = await inCall(o);
    await ok(kiosk, 'media:join', { sessionId: session.id });
    await ok(sam, 'media:join', { sessionId: session.id });
    await ok(kiosk, 'media:create-transport', { sessionId: session.id, direction: 'send' });
    const hosting = o.media.load().find((w) => w.rooms === 1)!;
    expect(hosting.pid).toBeTypeOf('number');
    const kioskTold = next(kiosk, 'media:restart', 10_000);
    const samTold = next(sam, 'media:restart', 10_000);
    process.kill(hosting.pid!, 'SIGKILL');
    expect(await kioskTold).toEqual({ sessionId: session.id, reason: 'worker_died' });
    expect(await samTold).toEqual({ sessionId: session.id, reason: 'worker_died' });
    // Both rejoin: the room is created again on a live worker; the dead one is replaced.
    expect((await ok(kiosk, 'media:join', { sessionId: session.id })).routerRtpCapabilities).toBeTruthy();
    expect((await ok(sam, 'media:join', { sessionId: session.id })).routerRtpCapabilities).toBeTruthy();
    expect(await ok(kiosk, 'media:create-transport', { sessionId: session.id, direction: 'send' })).toMatchObject({ id: expect.any(String) });
    await waitFor('replacement worker', () => (o.media.workerPids().length === 2 && !o.media.workerPids().includes(hosting.pid!) ? true : undefined), 30_000);
    expect((await o.store.events(session.id)).map((e) => e.type)).toContain('media_restarted');
  }, 60_000);

  it('a kiosk offline for 30 s mid-call gets every line it missed when it comes back, and the call goes on', async () => {
    const offlineMs = Number(process.env.FAULT_OFFLINE_MS ?? 30_000);
    orch = await startTestOrchestrator();
    const o = orch;
    const { kiosk, sam, session } = await inCall(o);
    const seen = (await o.store.transcript(session.id)).at(-1)!.seq;
    kiosk.close();
    const t0 = Date.now();
    await ok(sam, 'worker:message', { sessionId: session.id, text: 'Hello? I can no longer see you.' });
    await ok(sam, 'worker:message', { sessionId: session.id, text: 'I will stay on the line.' });
    // The scenario: the kiosk stays offline for the whole period.
    await new Promise((r) => setTimeout(r, Math.max(0, offlineMs - (Date.now() - t0))));
    expect((await o.store.getSession(session.id))?.state).toBe('in_call');
    const back = await kioskSocket(o);
    sockets.push(back);
    const snap = await ok(back, 'session:resume', { sessionId: session.id, lastSeq: seen });
    expect(snap.session.state).toBe('in_call');
    expect(snap.entries.map((e: { text: string }) => e.text)).toEqual(['Hello? I can no longer see you.', 'I will stay on the line.']);
    const seenBySam = next(sam, 'transcript:entry', 20_000, (e: { text: string }) => e.text === 'Sorry, I am back');
    await ok(back, 'visitor:message', { sessionId: session.id, text: 'Sorry, I am back' });
    await seenBySam;
  }, 90_000);
});
