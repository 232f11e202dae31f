import { describe, expect, it, vi } from 'vitest';
import type { Ack } from '@telekiosk/shared';
import { ConsoleClient, type ConsoleSocket, type MediaController } from './ConsoleClient.ts';
import { alert, assignment, offer, SESSION_ID, worker } from './fixtures.test-util.ts';

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

function setup(answers: Record<string, (p: unknown) => Ack<unknown>> = {}, perfNow?: () => number) {
  const socket = new FakeSocket({
    'console:hello': () => ({ ok: true, data: { worker: worker('available'), offers: [], assignment: null, devices: [] } }),
    ...answers,
  });
  const media = new FakeMedia();
  const log = { warn: vi.fn(), info: vi.fn() };
  const onOffer = vi.fn();
  const onCriticalAlert = vi.fn();
  const client = new ConsoleClient({ connect: () => socket, fetch: loginOk(), storage: null, createMedia: () => media, onOffer, onCriticalAlert, log, ...(perfNow ? { perfNow } : {}) });
  return { client, socket, media, log, onOffer, onCriticalAlert };
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

  describe('robot control', () => {
    async function inCall(answers: Record<string, (p: unknown) => Ack<unknown>>, perfNow?: () => number) {
      const ctx = setup({ 'offer:accept': () => ({ ok: true, data: assignment() }), ...answers }, perfNow);
      await ctx.client.login('aiko', 'harbor-demo');
      ctx.socket.fire('connect');
      await flush();
      ctx.socket.fire('offer:new', offer());
      await ctx.client.acceptOffer(offer().id);
      return ctx;
    }

    it('sends commands for the current session and shows refusals plainly', async () => {
      const { client, socket } = await inCall({ 'robot:command': () => ({ ok: true, data: { ok: false, reason: 'estop' } }) });
      const result = await client.robotCommand({ type: 'navigate', waypoint: 'counter-3' });
      expect(result).toEqual({ ok: false, reason: 'estop' });
      expect(socket.emitted.at(-1)).toEqual({ event: 'robot:command', payload: { sessionId: SESSION_ID, command: { type: 'navigate', waypoint: 'counter-3' } } });
      expect(client.getSnapshot().robot.last).toMatchObject({ command: 'navigate', waypoint: 'counter-3', ok: false, reason: 'estop' });
      expect(client.getSnapshot().robot.busy).toBe(false);
    });

    it('the stop after releasing the pad keeps a refused drive on the status line', async () => {
      const { client } = await inCall({ 'robot:command': (p) => ({ ok: true, data: (p as { command: { type: string } }).command.type === 'drive' ? { ok: false, reason: 'estop' } : { ok: true } }) });
      await client.robotCommand({ type: 'drive', linear: 0.4, angular: 0 });
      await client.robotCommand({ type: 'stop' }, { keepFailure: true });
      expect(client.getSnapshot().robot.last).toMatchObject({ command: 'drive', ok: false, reason: 'estop' });
      await client.robotCommand({ type: 'stop' });
      expect(client.getSnapshot().robot.last).toMatchObject({ command: 'stop', ok: true });
    });

    it('a lease refusal from the server reads "no_lease" and ends the lease locally', async () => {
      const { client } = await inCall({ 'robot:command': () => ({ ok: false, error: { code: 'forbidden', message: 'robot control: you do not hold the control lease' } }) });
      expect(client.getSnapshot().lease?.holder).toBe('w-aiko');
      expect(await client.robotCommand({ type: 'drive', linear: 0.4, angular: 0 })).toEqual({ ok: false, reason: 'no_lease' });
      expect(client.getSnapshot().lease?.holder).toBeNull();
    });

    it('measures the ping round trip in the browser and keeps the kiosk rosbridge time', async () => {
      let clock = 1000;
      const { client } = await inCall(
        {
          'robot:command': () => {
            clock += 42;
            return { ok: true, data: { ok: true, rosRttMs: 7.5 } };
          },
        },
        () => clock,
      );
      await client.pingRobot();
      expect(client.getSnapshot().robot.latency).toMatchObject({ ok: true, browserMs: 42, rosRttMs: 7.5 });
      expect(client.getSnapshot().robot.last).toBeNull(); // pings do not replace the command status line
    });

    it('the supervisor revoke clears the lease', async () => {
      const { client, socket } = await inCall({ 'robot:revoke-lease': () => ({ ok: true, data: {} }) });
      await client.revokeControl();
      expect(socket.emitted.at(-1)).toEqual({ event: 'robot:revoke-lease', payload: { sessionId: SESSION_ID } });
      expect(client.getSnapshot().lease).toEqual({ sessionId: SESSION_ID, holder: null });
    });
  });

  describe('fleet', () => {
    const staff = { ...worker('available'), id: 'w-kenji', username: 'kenji', role: 'staff' as const };

    it('staff load the fleet snapshot after hello and hear an alarm for new critical alerts only', async () => {
      const { client, socket, onCriticalAlert } = setup({
        'console:hello': () => ({ ok: true, data: { worker: staff, offers: [], assignment: null, devices: [] } }),
        'fleet:snapshot': () => ({ ok: true, data: { devices: [], alerts: [alert()] } }),
      });
      await client.login('kenji', 'harbor-demo');
      socket.fire('connect');
      await flush();
      await flush();
      expect(socket.emitted.map((e) => e.event)).toContain('fleet:snapshot');
      expect(client.getSnapshot().alerts).toHaveLength(1);
      const critical = alert({ id: '8e2f3a4b-5c6d-4e7f-8091-a2b3c4d5e6f7', kind: 'estop', severity: 'critical' });
      socket.fire('alert:update', critical);
      socket.fire('alert:update', { ...critical, state: 'acknowledged', acknowledgedBy: 'w-kenji' });
      socket.fire('alert:update', alert({ state: 'resolved' }));
      expect(onCriticalAlert).toHaveBeenCalledTimes(1);
      expect(client.getSnapshot().alerts.map((a) => a.kind)).toEqual(['estop']);
    });

    it('device actions report their outcome on the device', async () => {
      const { client, socket } = setup({
        'robot:estop-release': () => ({ ok: true, data: { ok: false, reason: 'robot_link_down' } }),
        'device:reload': () => ({ ok: true, data: {} }),
      });
      await client.login('kenji', 'harbor-demo');
      socket.fire('connect');
      await flush();
      await client.releaseEstop('lobby-1');
      expect(client.getSnapshot().deviceActions['lobby-1']).toEqual({ pending: null, result: { ok: false, key: 'fleet.result.failed', params: { reason: 'robot_link_down' } } });
      await client.reloadDevice('lobby-1');
      expect(client.getSnapshot().deviceActions['lobby-1']?.result).toEqual({ ok: true, key: 'fleet.result.reloaded' });
    });
  });
});
