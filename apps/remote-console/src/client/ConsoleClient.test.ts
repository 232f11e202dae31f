import { describe, expect, it, vi } from 'vitest';
import type { Ack } from '@telekiosk/shared';
import { ConsoleClient, type ConsoleSocket, type MediaController } from './ConsoleClient.ts';
import { assignment, offer, worker } from './fixtures.test-util.ts';

/** A fake socket.io socket: records handlers, answers requests from `answers`. */
class FakeSocket implements ConsoleSocket {
  active = true;
  handlers = new Map<string, ((p: unknown) => void)[]>();
  emitted: { event: string; payload: unknown }[] = [];
  constructor(private readonly answers: Record<string, (p: unknown) => Ack<unknown>>) {}
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

class FakeMedia implements MediaController {
  sessionId: string | null = null;
  started: string[] = [];
  async start(id: string) {
    this.sessionId = id;
    this.started.push(id);
  }
  stop() {
    this.sessionId = null;
  }
  inboundVideoStats() {
    return null;
  }
}

const loginOk = () =>
  vi.fn(async () => new Response(JSON.stringify({ token: 'tok', expiresInS: 3600, worker: worker('offline') }), { status: 200, headers: { 'Content-Type': 'application/json' } }));

function setup(answers: Record<string, (p: unknown) => Ack<unknown>> = {}) {
  const socket = new FakeSocket({
    'console:hello': () => ({ ok: true, data: { worker: worker('available'), offers: [], assignment: null, devices: [] } }),
    ...answers,
  });
  const media = new FakeMedia();
  const log = { warn: vi.fn(), info: vi.fn() };
  const onOffer = vi.fn();
  const client = new ConsoleClient({ connect: () => socket, fetch: loginOk(), storage: null, createMedia: () => media, onOffer, log });
  return { client, socket, media, log, onOffer };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ConsoleClient', () => {
  it('shows plainly that the credentials are wrong', async () => {
    const fetchFn = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'invalid credentials' } }), { status: 401 }));
    const client = new ConsoleClient({ fetch: fetchFn, storage: null, connect: () => new FakeSocket({}) });
    await client.login('aiko', 'nope');
    expect(client.getSnapshot()).toMatchObject({ phase: 'signed_out', loginError: { key: 'login.errors.invalid' } });
  });

  it('logs in, connects, loads the snapshot, and validates push events', async () => {
    const { client, socket, log, onOffer } = setup();
    await client.login('aiko', 'harbor-demo');
    expect(client.getSnapshot().phase).toBe('connecting');
    socket.fire('connect');
    await flush();
    expect(client.getSnapshot()).toMatchObject({ phase: 'ready', connection: 'connected', worker: { state: 'available' } });

    socket.fire('offer:new', { ...offer(), expiresAt: 'soon' });
    expect(client.getSnapshot().offers).toHaveLength(0);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('invalid offer:new'), expect.anything());

    socket.fire('offer:new', offer());
    expect(client.getSnapshot().offers).toHaveLength(1);
    expect(onOffer).toHaveBeenCalledTimes(1);
  });

  it('accepting starts the call media; ending stops it', async () => {
    const a = assignment();
    const { client, socket, media } = setup({
      'offer:accept': () => ({ ok: true, data: a }),
      'session:end': () => ({ ok: true, data: { session: { ...a.session, state: 'ended', endedAt: a.session.createdAt, disposition: 'resolved' } } }),
    });
    await client.login('aiko', 'harbor-demo');
    socket.fire('connect');
    await flush();
    socket.fire('offer:new', offer());
    await client.acceptOffer(offer().id);
    expect(client.getSnapshot().assignment?.session.id).toBe(a.session.id);
    expect(media.started).toEqual([a.session.id]);
    expect(await client.endSession('resolved')).toBe(true);
    expect(media.sessionId).toBeNull();
    expect(client.getSnapshot().ended).toMatchObject({ byMe: true, session: { disposition: 'resolved' } });
  });

  it('an unauthorized connection error sends the user back to login with the reason', async () => {
    const { client, socket } = setup();
    await client.login('aiko', 'harbor-demo');
    socket.fire('connect_error', new Error('unauthorized: invalid or expired token'));
    expect(client.getSnapshot()).toMatchObject({
      phase: 'signed_out',
      loginError: { key: 'login.errors.unauthorized', detail: 'unauthorized: invalid or expired token' },
    });
    expect(socket.active).toBe(false);
  });
});
