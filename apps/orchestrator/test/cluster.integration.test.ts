import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@telekiosk/shared';
import { haproxyAvailable, startCluster, type Cluster } from '../../../scripts/lib/cluster.ts';
import { DEMO_PASSWORD } from '../src/seed.ts';
import { postgresReachable } from './postgres.ts';
import { waitFor } from './processes.ts';

/**
 * Three orchestrator processes on one PostgreSQL database and one Redis, behind HAProxy: any
 * node serves anyone, one node routes, and nodes can die. Clients are socket.io clients that
 * reconnect by themselves, like the kiosk and the console. Waits poll for conditions with
 * generous timeouts (the machine may be busy); failover times are measured by
 * `npm run bench:cluster`, not asserted tightly here.
 */

const ROOT = resolve(import.meta.dirname, '../../..');

function client(url: string, nsp: '/kiosk' | '/console', auth: Record<string, unknown>): Socket {
  return io(`${url}${nsp}`, { auth, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 500, forceNew: true });
}
function ask<T = any>(s: Socket, event: string, payload: unknown = {}, timeoutMs = 20_000): Promise<Ack<T>> {
  return new Promise((resolve, reject) => {
    s.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: Ack<T>) => (err ? reject(err) : resolve(res)));
  });
}
async function ok<T = any>(s: Socket, event: string, payload: unknown = {}): Promise<T> {
  const r = await ask<T>(s, event, payload);
  if (!r.ok) throw new Error(`${event}: ${JSON.stringify(r.error)}`);
  return r.data;
}
/** Retries a request answered `unavailable` (e.g. routing moving to a standby), as the apps do. */
async function okRetry<T = any>(s: Socket, event: string, payload: unknown = {}, timeoutMs = 30_000): Promise<T> {
  return waitFor(`${event} accepted`, async () => {
    const r = await ask<T>(s, event, payload);
    if (r.ok) return r.data;
    if (r.error.code !== 'unavailable') throw new Error(`${event}: ${JSON.stringify(r.error)}`);
    return undefined;
  }, timeoutMs, 250);
}
function next<T = any>(s: Socket, event: string, ms = 20_000, filter: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (s.off(event, on), reject(new Error(`no ${event} within ${ms} ms`))), ms);
    const on = (p: T) => {
      if (!filter(p)) return;
      clearTimeout(timer);
      s.off(event, on);
      resolve(p);
    };
    s.on(event, on);
  });
}
const connected = (s: Socket) => waitFor('socket connected', () => (s.connected ? true : undefined), 60_000);
async function token(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return ((await res.json()) as { token: string }).token;
}
const start = (mode: 'person' | 'assistant' = 'person') => ({ language: 'en', consentAcceptedAt: new Date().toISOString(), mode });

const available = (await postgresReachable()) && haproxyAvailable();

describe.runIf(available)('a cluster of three nodes', () => {
  let c: Cluster;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    c = await startCluster({ nodes: 3, env: { RECONNECT_GRACE_MS: '20000', KIOSK_RECONNECT_GRACE_MS: '30000', CLUSTER_LOG_LEVEL: 'warn' } });
  }, 240_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await c?.stop();
  }, 60_000);

  it('serves anyone on any node: kiosk and worker on different nodes go through a whole call, media included', async () => {
    const [, n1, n2] = c.nodes;
    const kiosk = client(n1!.url, '/kiosk', c.demo);
    const sam = client(n2!.url, '/console', { token: await token(c.url, 'sam') });
    sockets.push(kiosk, sam);
    await Promise.all([connected(kiosk), connected(sam)]);
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new');
    const { session } = await ok(kiosk, 'session:start', start());
    const o = await offer;
    expect(o.sessionId).toBe(session.id);
    const callStarted = next(kiosk, 'call:started');
    const assignment = await ok(sam, 'offer:accept', { offerId: o.id });
    expect(assignment.session).toMatchObject({ state: 'in_call', workerId: 'w-sam' });
    expect((await callStarted).worker.displayName).toBe('Sam Carter');
    // Lines cross nodes both ways.
    const onKiosk = next(kiosk, 'transcript:entry', 20_000, (e: { text: string }) => e.text === 'Hello from node 2');
    await ok(sam, 'worker:message', { sessionId: session.id, text: 'Hello from node 2' });
    await onKiosk;
    const onSam = next(sam, 'transcript:entry', 20_000, (e: { text: string }) => e.text === 'Hello from node 1');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Hello from node 1' });
    await onSam;
    // Media: the room lives on one node; both peers' requests reach it.
    await ok(kiosk, 'media:join', { sessionId: session.id });
    const samJoin = await ok(sam, 'media:join', { sessionId: session.id });
    expect(samJoin.routerRtpCapabilities).toBeTruthy();
    const t1 = await ok(kiosk, 'media:create-transport', { sessionId: session.id, direction: 'send' });
    const t2 = await ok(sam, 'media:create-transport', { sessionId: session.id, direction: 'recv' });
    expect(t1.id).not.toBe(t2.id);
    expect(await c.mediaNodeOf(session.id)).not.toBeNull();
    await ok(sam, 'session:end', { sessionId: session.id, disposition: 'resolved' });
    await waitFor('room closed', async () => ((await c.mediaNodeOf(session.id)) === null ? true : undefined), 20_000);
    kiosk.close();
    sam.close();
  }, 120_000);

  it('an article published on one node is answered from on every node', async () => {
    const [n0, , n2] = c.nodes;
    const nadia = client(n0!.url, '/console', { token: await token(c.url, 'nadia') });
    const kiosk = client(n2!.url, '/kiosk', c.demo);
    sockets.push(nadia, kiosk);
    await Promise.all([connected(nadia), connected(kiosk)]);
    const { versions } = await ok<{ versions: { version: number; category: string; department: string; content: Record<string, { title: string; answer: string; keywords: string[] }> }[] }>(nadia, 'kb:article', { articleId: 'office-hours' });
    const v = versions[0]!;
    const answer = `${v.content.en!.answer} Published on node 0 at ${Date.now()}.`;
    const content = { ...v.content, en: { ...v.content.en!, answer } };
    const { version } = await ok<{ version: { version: number } }>(nadia, 'kb:save', { articleId: 'office-hours', baseVersion: v.version, category: v.category, department: v.department, content });
    await ok(nadia, 'kb:publish', { articleId: 'office-hours', version: version.version });
    // Node 2 reloads on the broadcast: its assistant answers with the new text.
    await waitFor('node 2 answers from the published version', async () => {
      const { session } = await ok(kiosk, 'session:start', start('assistant'));
      const r = await ok<{ entries: { speaker: string; text: string }[] }>(kiosk, 'visitor:message', { sessionId: session.id, text: 'What are your opening hours?' });
      await ok(kiosk, 'session:leave', { sessionId: session.id, reason: 'visitor_left' });
      return r.entries.some((e) => e.speaker === 'assistant' && e.text === answer) ? true : undefined;
    }, 30_000, 500);
    kiosk.close();
    nadia.close();
  }, 120_000);

  it('gives exactly one winner in every accept race between three processes', async () => {
    const races = Number(process.env.CLUSTER_RACES ?? 300);
    const out = await new Promise<string>((resolveRun, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lib/accept-race.ts', '--races', String(races), '--processes', '3'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: c.databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
      let buf = '';
      child.stdout.on('data', (d) => (buf += d));
      child.once('exit', (code) => (code === 0 ? resolveRun(buf) : reject(new Error(`accept-race exited ${code}:\n${buf}`))));
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { races: number; doubleAssignments: number; unassigned: number; winsByProcess: number[] };
    expect(result).toMatchObject({ races, doubleAssignments: 0, unassigned: 0 });
    expect(result.winsByProcess.reduce((a, b) => a + b, 0)).toBe(races);
  }, 180_000);

  it('keeps serving when the routing leader is killed: a standby takes over and a waiting visitor is offered', async () => {
    const leader = await c.leader();
    expect(leader).not.toBeNull();
    const others = c.nodes.filter((n) => n !== leader && n.alive());
    const kiosk = client(others[0]!.url, '/kiosk', c.demo);
    sockets.push(kiosk);
    await connected(kiosk);
    const { session } = await okRetry(kiosk, 'session:start', start());
    await leader!.kill9();
    const killedAt = Date.now();
    const newLeader = await waitFor('a new leader', async () => {
      const l = await c.leader();
      return l && l !== leader ? l : undefined;
    }, 30_000);
    expect(newLeader).not.toBe(leader);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(30_000);
    // A worker on another node comes on shift: the visitor who waited through the failover is offered.
    const aiko = client(others[1]!.url, '/console', { token: await token(others[1]!.url, 'aiko') });
    sockets.push(aiko);
    await connected(aiko);
    await okRetry(aiko, 'console:hello');
    const offer = next<{ id: string; sessionId: string }>(aiko, 'offer:new', 30_000, (o) => o.sessionId === session.id);
    await okRetry(aiko, 'worker:set-state', { state: 'available' });
    expect((await offer).sessionId).toBe(session.id);
    await okRetry(aiko, 'offer:accept', { offerId: (await offer).id });
    await okRetry(aiko, 'session:end', { sessionId: session.id, disposition: 'resolved' });
    kiosk.close();
    aiko.close();
    // Bring the cluster back to three nodes for the next tests.
    await c.addNode();
  }, 180_000);

  it('a node holding only sockets dies: the clients reconnect through the proxy and resume', async () => {
    // Through the proxy, until the kiosk's socket lands on a node that does not route (the leader's death is tested above).
    const leader = await c.leader();
    let kiosk!: Socket;
    let holder!: NonNullable<Awaited<ReturnType<Cluster['nodeOf']>>>;
    for (let attempt = 0; ; attempt++) {
      kiosk = client(c.url, '/kiosk', c.demo);
      sockets.push(kiosk);
      await connected(kiosk);
      holder = await waitFor('kiosk socket recorded', async () => {
        const rows = await c.query<{ node_id: string }>('select node_id from connections where kind = $1 and subject_id = $2 and socket_id = $3', ['device', c.demo.deviceId, kiosk.id]);
        return c.nodes.find((n) => n.nodeId === rows[0]?.node_id);
      }, 20_000);
      if (holder !== leader) break;
      kiosk.close();
      expect(attempt).toBeLessThan(20);
    }
    const { session } = await okRetry(kiosk, 'session:start', start('assistant'));
    await okRetry(kiosk, 'visitor:message', { sessionId: session.id, text: 'What are your opening hours?' });
    const dropped = new Promise<void>((r) => kiosk.once('disconnect', () => r()));
    await holder.kill9();
    await dropped;
    const t0 = Date.now();
    await connected(kiosk);
    const reconnectMs = Date.now() - t0;
    expect(reconnectMs).toBeLessThan(30_000);
    const snap = await okRetry(kiosk, 'session:resume', { sessionId: session.id, lastSeq: 0 });
    expect(snap.session.state).toBe('intake');
    expect(snap.entries.map((e: { text: string }) => e.text)).toContain('What are your opening hours?');
    await okRetry(kiosk, 'session:leave', { sessionId: session.id, reason: 'visitor_left' });
    kiosk.close();
    await c.addNode();
  }, 180_000);

  it("a call's media node dies: both peers are told to rejoin and the room moves to a live node with the transcript intact", async () => {
    const leader = await c.leader();
    const kiosk = client(c.url, '/kiosk', c.demo);
    const sam = client(c.url, '/console', { token: await token(c.url, 'sam') });
    sockets.push(kiosk, sam);
    await Promise.all([connected(kiosk), connected(sam)]);
    await okRetry(sam, 'console:hello');
    await okRetry(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new', 30_000);
    const { session } = await okRetry(kiosk, 'session:start', start());
    await okRetry(sam, 'offer:accept', { offerId: (await offer).id });
    await okRetry(sam, 'worker:message', { sessionId: session.id, text: 'Before the media node died' });
    await okRetry(kiosk, 'media:join', { sessionId: session.id });
    const host = await waitFor('media room placed', () => c.mediaNodeOf(session.id).then((n) => n ?? undefined), 20_000);
    // Placement prefers nodes that do not route: this kills a media node, not the leader.
    expect(host).not.toBe(leader);
    const kioskTold = next(kiosk, 'media:restart', 60_000);
    const samTold = next(sam, 'media:restart', 60_000);
    await host.kill9();
    await Promise.all([kioskTold, samTold]);
    await okRetry(kiosk, 'media:join', { sessionId: session.id });
    await okRetry(sam, 'media:join', { sessionId: session.id });
    const moved = await waitFor('room on a live node', () => c.mediaNodeOf(session.id).then((n) => (n && n !== host ? n : undefined)), 30_000);
    expect(moved.alive()).toBe(true);
    const snap = await okRetry(kiosk, 'session:resume', { sessionId: session.id, lastSeq: 0 });
    expect(snap.session.state).toBe('in_call');
    expect(snap.entries.map((e: { text: string }) => e.text)).toContain('Before the media node died');
    await okRetry(sam, 'session:end', { sessionId: session.id, disposition: 'resolved' });
    kiosk.close();
    sam.close();
    await c.addNode();
  }, 180_000);

  it('a node told to stop (SIGTERM) drains: it leaves the rotation, takes no new sessions, and exits', async () => {
    const leader = await c.leader();
    const victim = c.nodes.find((n) => n.alive() && n !== leader)!;
    const kiosk = client(victim.url, '/kiosk', c.demo);
    sockets.push(kiosk);
    await connected(kiosk);
    const exited = victim.terminate();
    await waitFor('readiness 503', async () => {
      try {
        return (await fetch(`${victim.url}/api/health/ready`)).status === 503 ? true : undefined;
      } catch {
        return true; // already gone
      }
    }, 20_000);
    await exited;
    expect(victim.alive()).toBe(false);
    kiosk.close();
  }, 120_000);
});
