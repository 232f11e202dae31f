import { afterAll, beforeAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { consoleRequests, kioskRequests, type Ack, type LoginResponse } from '@telekiosk/shared';
import { loadConfig } from '../src/config.ts';
import { startOrchestrator, type Orchestrator } from '../src/server.ts';
import type { IntakeEngine, TranslatorLike } from '../src/sessions/sessionService.ts';
import { DEMO_PASSWORD } from '../src/seed.ts';

/** Deterministic intake for integration tests: "person" escalates, everything else is answered. */
export const fakeIntake: IntakeEngine = {
  respond: ({ text }) =>
    /person|人と/.test(text)
      ? { reply: 'Connecting you.', intent: 'request_person', confidence: 0.99, articles: [], escalation: { reason: 'explicit_request', evidence: `said "${text}"` } }
      : { reply: `Answer to: ${text}`, intent: 'kb:office-hours', confidence: 0.9, articles: [{ id: 'office-hours', title: 'Office hours', score: 9 }], escalation: null },
  summarize: (entries) => entries.filter((e) => e.role === 'visitor').map((e) => e.text).join(' / '),
  categoryOf: () => 'hours',
};

export async function startTestOrchestrator(overrides: Record<string, unknown> = {}, intake: IntakeEngine = fakeIntake, translator: TranslatorLike | null = null): Promise<Orchestrator> {
  const config = loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent', wrapUpMs: 100, routingLanguageFallbackMs: 0, ...overrides });
  return startOrchestrator(config, { intake, translator });
}

/** Connects a socket and resolves once connected (rejects with the connect_error). */
export function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => {
      s.close();
      reject(err);
    });
  });
}

/** Emits a request and resolves with the raw ack. */
export function ask<T = any>(s: Socket, event: string, payload?: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => (payload === undefined ? s.emit(event, resolve) : s.emit(event, payload, resolve)));
}

/** Emits a request and returns the data, failing the test on an error ack. */
export async function ok<T = any>(s: Socket, event: keyof typeof kioskRequests | keyof typeof consoleRequests, payload: unknown = {}): Promise<T> {
  const res = await ask<T>(s, event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${JSON.stringify(res.error)}`);
  return res.data;
}

/** Resolves with the next payload of `event` (rejects after `ms`; default 20 s, generous for a busy 2-core machine: a full-suite run once took more than 5 s to push a low-battery alert). */
export function next<T = any>(s: Socket, event: string, ms = 20_000, filter: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, on);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const on = (p: T) => {
      if (!filter(p)) return;
      clearTimeout(timer);
      s.off(event, on);
      resolve(p);
    };
    s.on(event, on);
  });
}

export async function login(orch: Orchestrator, username: string, password = DEMO_PASSWORD): Promise<{ status: number; body: LoginResponse & { error?: { code: string; message: string; issues?: unknown[] } } }> {
  const res = await fetch(`${orch.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: res.status, body: await res.json() };
}

export async function consoleSocket(orch: Orchestrator, username: string): Promise<Socket> {
  const { body } = await login(orch, username);
  return connect(`${orch.url}/console`, { token: body.token });
}

export function kioskSocket(orch: Orchestrator): Promise<Socket> {
  return connect(`${orch.url}/kiosk`, { deviceId: orch.demo!.deviceId, deviceToken: orch.demo!.deviceToken });
}

/**
 * One orchestrator for a `describe` block: started before its tests, closed after them together
 * with the sockets pushed to `sockets`. Read `orch` inside tests (it is set in `beforeAll`).
 */
export function sharedOrchestrator(overrides: Record<string, unknown> = {}, intake: IntakeEngine = fakeIntake): { orch: Orchestrator; sockets: Socket[] } {
  const ctx = { orch: undefined as unknown as Orchestrator, sockets: [] as Socket[] };
  beforeAll(async () => {
    ctx.orch = await startTestOrchestrator(overrides, intake);
  });
  afterAll(async () => {
    for (const s of ctx.sockets) s.close();
    await ctx.orch?.close();
  });
  return ctx;
}

/**
 * Resolves once the orchestrator has processed the close of every socket of a kiosk (`device`)
 * or console user (`console`): no connection of theirs is recorded any more. Polls the
 * connection records (a condition, not a fixed sleep); rejects after `ms`.
 */
export async function disconnected(orch: Orchestrator, kind: 'device' | 'console', subjectId: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while ((await orch.store.cluster.liveConnections(kind, subjectId, 60_000)) > 0) {
    if (Date.now() > until) throw new Error(`${kind} ${subjectId} still connected after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
