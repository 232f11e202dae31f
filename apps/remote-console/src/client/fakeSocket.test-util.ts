import { vi } from 'vitest';
import type { Ack, WorkerView } from '@telekiosk/shared';
import { ConsoleClient, type ConsoleSocket, type MediaController } from './ConsoleClient.ts';

/** Answers of the fake server by request event. */
export type Answers = Record<string, (p: unknown) => Ack<unknown>>;

/** A fake socket.io socket: records handlers and requests, answers requests from `answers`. */
export class FakeSocket implements ConsoleSocket {
  active = true;
  handlers = new Map<string, ((p: unknown) => void)[]>();
  emitted: { event: string; payload: unknown }[] = [];
  constructor(private readonly answers: Answers) {}
  on(event: string, fn: (p: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  off() {
    return this;
  }
  fire(event: string, payload?: unknown) {
    for (const fn of this.handlers.get(event) ?? []) fn(payload);
  }
  timeout() {
    return {
      emit: (event: string, payload: unknown, cb: (err: Error | null, res: Ack<unknown>) => void) => {
        this.emitted.push({ event, payload });
        const answer = this.answers[event];
        queueMicrotask(() => (answer ? cb(null, answer(payload)) : cb(new Error('timeout'), undefined as never)));
      },
    };
  }
  connect() {}
  disconnect() {
    this.active = false;
  }
}

/** Media that does nothing (no call media in these tests). */
export class NoMedia implements MediaController {
  sessionId: string | null = null;
  async start(id: string) {
    this.sessionId = id;
  }
  stop() {
    this.sessionId = null;
  }
  inboundVideoStats() {
    return null;
  }
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

/** A wire error acknowledgement. */
export const refuse = (code: 'conflict' | 'not_found' | 'bad_request' | 'forbidden' | 'unavailable', message: string = code): Ack<unknown> => ({ ok: false, error: { code, message } });

/**
 * A console client signed in as `me` and connected to a fake server answering `answers`
 * (`console:hello` answers with `me`). Files saved go to `saved`.
 */
export async function signedIn(me: WorkerView, answers: Answers) {
  const socket = new FakeSocket({ 'console:hello': () => ({ ok: true, data: { worker: me, offers: [], assignment: null, devices: [] } }), ...answers });
  const saved: { blob: Blob; name: string }[] = [];
  const fetchFn = vi.fn(async () => new Response(JSON.stringify({ token: 'tok', expiresInS: 3600, worker: me }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
  const client = new ConsoleClient({
    connect: () => socket,
    fetch: fetchFn,
    storage: null,
    createMedia: () => new NoMedia(),
    createMonitorMedia: () => ({ sessionId: null, start: async () => {}, stop: () => {}, inboundVideoStats: () => null }),
    saveFile: (blob, name) => saved.push({ blob, name }),
    log: { warn: vi.fn(), info: vi.fn() },
  });
  await client.login(me.username, 'harbor-demo');
  socket.fire('connect');
  await flush();
  await flush();
  const events = () => socket.emitted.map((e) => e.event);
  return { client, socket, saved, events };
}
