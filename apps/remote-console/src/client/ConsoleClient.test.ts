import { describe, expect, it, vi } from 'vitest';
import type { Ack, ErrorCode } from '@telekiosk/shared';
import { callVideoStatus } from '../lib/callVideo.ts';
import { ConsoleClient, type MediaController, type MonitorMediaLike } from './ConsoleClient.ts';
import type { CallMedia } from './state.ts';
import { FakeSocket } from './fakeSocket.test-util.ts';
import { alert, assignment, device, entry, offer, OTHER_SESSION, SESSION_ID, session, snapshot, suggestion, worker } from './fixtures.test-util.ts';

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

  it('says plainly when sign-in is refused for too many attempts', async () => {
    const fetchFn = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'too many requests: login; retry in 30 s', retryAfterMs: 30_000 } }), { status: 429 }));
    const client = new ConsoleClient({ fetch: fetchFn, storage: null, connect: () => new FakeSocket({}) });
    await client.login('aiko', 'nope');
    expect(client.getSnapshot()).toMatchObject({ phase: 'signed_out', loginError: { key: 'login.errors.rateLimited' } });
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

  it('a media restart in a call reads "reconnecting video" until the visitor video is back, and a new call starts as "connecting"', async () => {
    const a = assignment();
    /** Media that reports snapshots like CallMediaController: a fresh one on start, null on stop. */
    class ReportingMedia extends FakeMedia {
      constructor(private readonly onChange: (call: CallMedia | null) => void) {
        super();
      }
      override async start(id: string) {
        await super.start(id);
        this.onChange({ sessionId: id, localStream: null, remoteStream: null, problems: {} });
      }
      override stop() {
        super.stop();
        this.onChange(null);
      }
      remote(video: number) {
        this.onChange({ sessionId: this.sessionId!, localStream: null, remoteStream: { getVideoTracks: () => Array.from({ length: video }, () => ({})) } as unknown as MediaStream, problems: {} });
      }
    }
    let media: ReportingMedia | null = null;
    const socket = new FakeSocket({
      'console:hello': () => ({ ok: true, data: { worker: worker('available'), offers: [], assignment: null, devices: [] } }),
      'offer:accept': () => ({ ok: true, data: a }),
      'session:end': () => ({ ok: true, data: { session: { ...a.session, state: 'ended', endedAt: a.session.createdAt, disposition: 'resolved' } } }),
    });
    const client = new ConsoleClient({ connect: () => socket, fetch: loginOk(), storage: null, createMedia: (_s, onChange) => (media = new ReportingMedia(onChange)), log: { warn: vi.fn(), info: vi.fn() } });
    const status = () => callVideoStatus(client.getSnapshot().call, a.session.id, client.getSnapshot().callVideoSeen);
    await client.login('aiko', 'harbor-demo');
    socket.fire('connect');
    await flush();
    socket.fire('offer:new', offer());
    await client.acceptOffer(offer().id);
    expect(status()).toBe('connecting');
    media!.remote(1);
    expect(status()).toBe('playing');
    socket.fire('media:restart', { sessionId: a.session.id, reason: 'worker_died' });
    await flush();
    expect(media!.started).toEqual([a.session.id, a.session.id]);
    expect(status()).toBe('reconnecting');
    media!.remote(0);
    expect(status()).toBe('reconnecting');
    media!.remote(1);
    expect(status()).toBe('playing');
    expect(await client.endSession('resolved')).toBe(true);
    expect(client.getSnapshot().callVideoSeen).toBeNull();
  });

  it('an unauthorized connection error refreshes the access token once and reconnects with it', async () => {
    const socket = new FakeSocket({ 'console:hello': () => ({ ok: true, data: { worker: worker('available'), offers: [], assignment: null, devices: [] } }) });
    const urls: string[] = [];
    const fetchFn = vi.fn(async (input: RequestInfo | URL) => {
      urls.push(String(input));
      const token = String(input).endsWith('/refresh') ? 'tok-2' : 'tok-1';
      return new Response(JSON.stringify({ token, expiresInS: 900, worker: worker('offline') }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    const connectSpy = vi.spyOn(socket, 'connect');
    const client = new ConsoleClient({ connect: () => socket, fetch: fetchFn, storage: null, createMedia: () => new FakeMedia(), log: { warn: vi.fn(), info: vi.fn() } });
    await client.login('aiko', 'harbor-demo');
    socket.fire('connect_error', new Error('unauthorized: invalid or expired token'));
    await flush();
    expect(urls).toEqual(['/api/auth/login', '/api/auth/refresh']);
    expect(connectSpy).toHaveBeenCalled();
    expect(client.getSnapshot().phase).not.toBe('signed_out');
    client.logout();
  });

  it('an unauthorized connection error sends the user back to login with the reason when the refresh is refused too', async () => {
    const socket = new FakeSocket({});
    const fetchFn = vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith('/refresh')
        ? new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'the sign-in has ended; sign in again' } }), { status: 401 })
        : new Response(JSON.stringify({ token: 'tok', expiresInS: 900, worker: worker('offline') }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    ) as unknown as typeof fetch;
    const client = new ConsoleClient({ connect: () => socket, fetch: fetchFn, storage: null, createMedia: () => new FakeMedia(), log: { warn: vi.fn(), info: vi.fn() } });
    await client.login('aiko', 'harbor-demo');
    socket.fire('connect_error', new Error('unauthorized: invalid or expired token'));
    await flush();
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

    describe('device credentials', () => {
      const code = (deviceId: string, c = 'K7QF-9MZ2-XA4P') => ({ deviceId, code: c, expiresAt: '2026-11-21T09:45:00.000Z' });
      const refused = (code: ErrorCode, message: string) => (): Ack<unknown> => ({ ok: false, error: { code, message } });

      /** Staff signed in and connected, the fleet loaded with lobby-1 (`answers` override the defaults). */
      async function staffClient(answers: Record<string, (p: unknown) => Ack<unknown>> = {}) {
        const t = setup({
          'console:hello': () => ({ ok: true, data: { worker: staff, offers: [], assignment: null, devices: [] } }),
          'fleet:snapshot': () => ({ ok: true, data: { devices: [device('lobby-1', 'Lobby robot 1')], alerts: [] } }),
          ...answers,
        });
        await t.client.login('kenji', 'harbor-demo');
        t.socket.fire('connect');
        await flush();
        await flush();
        t.socket.emitted.length = 0;
        return t;
      }

      it('"Add a kiosk" sends the trimmed fields, shows the new code and reloads the fleet', async () => {
        const { client, socket } = await staffClient({
          'device:create': (p) => {
            const { deviceId, name, location } = p as { deviceId: string; name: string; location: string };
            return { ok: true, data: { device: { id: deviceId, name, location }, enrolment: code(deviceId) } };
          },
        });
        const added = client.createDevice({ deviceId: ' hall-2 ', name: ' Hall kiosk 2 ', location: 'Hall B ' });
        expect(client.getSnapshot().pending.createDevice).toBe(true);
        expect(await client.createDevice({ deviceId: 'hall-3', name: 'x', location: 'y' })).toBe(false); // one at a time
        expect(await added).toBe(true);
        await flush();
        expect(socket.emitted.map((e) => e.event)).toEqual(['device:create', 'fleet:snapshot']);
        expect(socket.emitted[0]!.payload).toEqual({ deviceId: 'hall-2', name: 'Hall kiosk 2', location: 'Hall B' });
        expect(client.getSnapshot().enrolment).toEqual({ shown: { ...code('hall-2'), deviceName: 'Hall kiosk 2', created: true }, createError: null });
        expect(client.getSnapshot().pending.createDevice).toBe(false);
        client.dismissEnrolment();
        expect(client.getSnapshot().enrolment.shown).toBeNull();
      });

      it('"Add a kiosk" says when the id exists, and shows other refusals with the errors.* message', async () => {
        let answer = refused('conflict', 'device hall-2 exists; issue an enrolment code for it instead');
        const { client } = await staffClient({ 'device:create': () => answer() });
        expect(await client.createDevice({ deviceId: 'hall-2', name: 'Hall kiosk 2', location: 'Hall B' })).toBe(false);
        expect(client.getSnapshot().enrolment).toEqual({
          shown: null,
          createError: { key: 'enrolment.form.errors.deviceIdTaken', detail: 'device hall-2 exists; issue an enrolment code for it instead' },
        });
        client.clearCreateDeviceError();
        expect(client.getSnapshot().enrolment.createError).toBeNull();
        answer = refused('forbidden', 'role worker may not device:create');
        expect(await client.createDevice({ deviceId: 'hall-2', name: 'Hall kiosk 2', location: 'Hall B' })).toBe(false);
        expect(client.getSnapshot().enrolment.createError).toEqual({ key: 'errors.forbidden', detail: 'role worker may not device:create' });
        expect(client.getSnapshot().pending.createDevice).toBe(false);
      });

      it('a new enrolment code is shown with the device name and reported on its card; one action per device at a time', async () => {
        const { client, socket } = await staffClient({ 'device:enrolment-code': (p) => ({ ok: true, data: { enrolment: code((p as { deviceId: string }).deviceId, 'AAAA-BBBB-CCCC') } }) });
        const first = client.newEnrolmentCode('lobby-1');
        expect(client.getSnapshot().deviceActions['lobby-1']).toEqual({ pending: 'enrolment', result: null });
        await client.rotateCredential('lobby-1'); // ignored while the code is being made
        await first;
        expect(socket.emitted.map((e) => e.event)).toEqual(['device:enrolment-code']);
        expect(client.getSnapshot().enrolment.shown).toEqual({ ...code('lobby-1', 'AAAA-BBBB-CCCC'), deviceName: 'Lobby robot 1', created: false });
        expect(client.getSnapshot().deviceActions['lobby-1']).toEqual({ pending: null, result: { ok: true, key: 'enrolment.result.codeReady' } });
      });

      it('rotating reports success, a kiosk that is not connected, and a device that is gone', async () => {
        let answer: () => Ack<unknown> = () => ({ ok: true, data: { issuedAt: '2026-11-21T09:31:00.000Z' } });
        const { client } = await staffClient({ 'device:rotate-credential': () => answer() });
        await client.rotateCredential('lobby-1');
        expect(client.getSnapshot().deviceActions['lobby-1']?.result).toEqual({ ok: true, key: 'enrolment.result.rotated' });
        answer = refused('unavailable', 'device lobby-1 is not connected or did not store the new credential; issue an enrolment code instead');
        await client.rotateCredential('lobby-1');
        expect(client.getSnapshot().deviceActions['lobby-1']?.result).toMatchObject({ ok: false, key: 'enrolment.result.rotateOffline' });
        answer = refused('not_found', 'device lobby-1 not found');
        await client.rotateCredential('lobby-1');
        expect(client.getSnapshot().deviceActions['lobby-1']?.result).toEqual({ ok: false, key: 'enrolment.result.deviceGone', detail: 'device lobby-1 not found' });
      });

      it('revoking reports the outcome, hides a code shown for that device and keeps one of another', async () => {
        let answer: () => Ack<unknown> = () => ({ ok: true, data: {} });
        const { client } = await staffClient({
          'device:revoke-credential': () => answer(),
          'device:enrolment-code': (p) => ({ ok: true, data: { enrolment: code((p as { deviceId: string }).deviceId) } }),
        });
        await client.newEnrolmentCode('lobby-1');
        expect(await client.revokeCredential('lobby-1')).toBe(true);
        expect(client.getSnapshot().deviceActions['lobby-1']?.result).toEqual({ ok: true, key: 'enrolment.result.revoked' });
        expect(client.getSnapshot().enrolment.shown).toBeNull();

        await client.newEnrolmentCode('lobby-1');
        answer = refused('forbidden', 'role worker may not device:revoke-credential');
        expect(await client.revokeCredential('lobby-1')).toBe(false);
        expect(client.getSnapshot().deviceActions['lobby-1']?.result).toEqual({ ok: false, key: 'errors.forbidden', detail: 'role worker may not device:revoke-credential' });
        expect(client.getSnapshot().enrolment.shown?.deviceId).toBe('lobby-1');
        answer = () => ({ ok: true, data: {} });
        expect(await client.revokeCredential('floor2-1')).toBe(true);
        expect(client.getSnapshot().enrolment.shown?.deviceId).toBe('lobby-1');
      });
    });
  });

  describe('desk and call tools', () => {
    class FakeMonitor implements MonitorMediaLike {
      sessionId: string | null = null;
      starts: { sessionId: string; mic: boolean }[] = [];
      async start(sessionId: string, opts: { mic: boolean }) {
        this.sessionId = sessionId;
        this.starts.push({ sessionId, mic: opts.mic });
      }
      stop() {
        this.sessionId = null;
      }
      inboundVideoStats() {
        return Promise.resolve({ framesDecoded: 7, bytesReceived: 1 });
      }
    }

    const me = (role: 'worker' | 'supervisor' = 'worker') => (role === 'worker' ? worker('available') : { ...worker('available'), id: 'w-olivia', username: 'olivia', displayName: 'Olivia Brown', role });

    async function connected(answers: Record<string, (p: unknown) => Ack<unknown>>, role: 'worker' | 'supervisor' = 'worker', extra: { fetch?: typeof fetch } = {}) {
      const socket = new FakeSocket({
        'console:hello': () => ({ ok: true, data: { worker: me(role), offers: [], assignment: null, devices: [], capabilities: { speechInput: true, speechOutput: 'browser', translation: 'azure' } } }),
        'canned:list': () => ({ ok: true, data: { replies: [{ id: 'greeting', category: 'opening', text: 'Hello', language: 'en' }] } }),
        'callbacks:list': () => ({ ok: true, data: { callbacks: [] } }),
        'fleet:snapshot': () => ({ ok: true, data: { devices: [], alerts: [] } }),
        'offer:accept': () => ({ ok: true, data: assignment() }),
        'assist:latest': () => ({ ok: true, data: { sessionId: SESSION_ID, entryId: entry(2).id, suggestions: [suggestion()] } }),
        'session:notes': () => ({ ok: true, data: { notes: [] } }),
        ...answers,
      });
      const media = new FakeMedia();
      const monitor = new FakeMonitor();
      const saved: { blob: Blob; name: string }[] = [];
      const fetchFn = extra.fetch ?? loginOk();
      const client = new ConsoleClient({
        connect: () => socket,
        fetch: fetchFn,
        storage: null,
        createMedia: () => media,
        createMonitorMedia: () => monitor,
        saveFile: (blob, name) => saved.push({ blob, name }),
        log: { warn: vi.fn(), info: vi.fn() },
      });
      await client.login(role === 'worker' ? 'aiko' : 'olivia', 'harbor-demo');
      socket.fire('connect');
      await flush();
      await flush();
      return { client, socket, media, monitor, saved, fetchFn };
    }
    const events = (socket: FakeSocket) => socket.emitted.map((e) => e.event);

    it('after hello loads canned replies and callbacks; on accept loads suggestions and notes', async () => {
      const { client, socket } = await connected({});
      expect(client.getSnapshot().capabilities?.translation).toBe('azure');
      expect(client.getSnapshot().canned.map((r) => r.id)).toEqual(['greeting']);
      expect(events(socket)).toEqual(expect.arrayContaining(['canned:list', 'callbacks:list']));
      socket.fire('offer:new', offer());
      await client.acceptOffer(offer().id);
      await flush();
      expect(events(socket)).toEqual(expect.arrayContaining(['assist:latest', 'session:notes']));
      expect(client.getSnapshot().assist?.suggestions).toHaveLength(1);
      expect(client.getSnapshot().notes).toMatchObject({ sessionId: SESSION_ID, status: 'ready' });
    });

    it('sends a suggestion as my message, saves notes and shows content on the kiosk', async () => {
      const { client, socket } = await connected({
        'worker:message': (p) => ({ ok: true, data: { entry: entry(4, { speaker: 'worker', text: (p as { text: string }).text }) } }),
        'session:note': (p) => ({ ok: true, data: { note: { text: (p as { text: string }).text, by: 'w-aiko', at: '2026-11-21T09:40:00.000Z' } } }),
        'kiosk:show': () => ({ ok: true, data: {} }),
        'kiosk:clear': () => ({ ok: true, data: {} }),
      });
      socket.fire('offer:new', offer());
      await client.acceptOffer(offer().id);
      expect(await client.sendSuggestion(suggestion())).toBe(true);
      expect(socket.emitted.find((e) => e.event === 'worker:message')?.payload).toEqual({ sessionId: SESSION_ID, text: 'Tax certificates are issued at Counter 4.', clientId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
      expect(await client.addNote('  Needs a certificate  ')).toBe(true);
      expect(socket.emitted.find((e) => e.event === 'session:note')?.payload).toEqual({ sessionId: SESSION_ID, text: 'Needs a certificate' });
      expect(client.getSnapshot().notes?.items.map((n) => n.text)).toEqual(['Needs a certificate']);
      const content = { type: 'link' as const, title: 'Scan', url: 'https://harbor.example/' };
      expect(await client.showOnKiosk(content)).toBe(true);
      expect(client.getSnapshot().kioskShown?.content).toEqual(content);
      expect(await client.showOnKiosk(null)).toBe(true);
      expect(events(socket)).toContain('kiosk:clear');
      expect(client.getSnapshot().kioskShown).toBeNull();
    });

    it('push-to-talk sends the audio bytes with the MIME type', async () => {
      const { client, socket } = await connected({ 'worker:utterance': () => ({ ok: true, data: { entry: entry(4, { speaker: 'worker', text: 'spoken' }) } }) });
      socket.fire('offer:new', offer());
      await client.acceptOffer(offer().id);
      const audio = new Uint8Array([1, 2, 3]);
      expect(await client.sendUtterance(audio, 'audio/webm')).toBe(true);
      const sent = socket.emitted.find((e) => e.event === 'worker:utterance')?.payload as { audio: Uint8Array; mimeType: string; sessionId: string };
      expect(sent).toMatchObject({ sessionId: SESSION_ID, mimeType: 'audio/webm' });
      expect(sent.audio).toBeInstanceOf(Uint8Array);
      expect(client.getSnapshot().utterance.status).toBe('sent');
      expect(client.getSnapshot().assignment?.transcript.at(-1)?.text).toBe('spoken');
    });

    it('a cold transfer ends my part and stops the media; a warm one waits, then fails plainly', async () => {
      const { client, socket, media } = await connected({
        'session:transfer': (p) => ({ ok: true, data: { session: (p as { mode: string }).mode === 'cold' ? session('queued', { workerId: null }) : session('in_call') } }),
      });
      socket.fire('offer:new', offer());
      await client.acceptOffer(offer().id);
      expect(await client.transferToColleague({ id: 'w-maria', displayName: 'María López' }, 'Needs Spanish')).toBe(true);
      expect(socket.emitted.at(-1)).toEqual({ event: 'session:transfer', payload: { sessionId: SESSION_ID, mode: 'warm', toWorkerId: 'w-maria', note: 'Needs Spanish' } });
      expect(client.getSnapshot().transfer).toMatchObject({ status: 'waiting', toName: 'María López' });
      socket.fire('transfer:failed', { sessionId: SESSION_ID, toWorkerId: 'w-maria', reason: 'declined' });
      expect(client.getSnapshot().transfer).toMatchObject({ status: 'failed', reason: 'declined' });
      client.dismissTransfer();
      expect(client.getSnapshot().transfer).toBeNull();
      expect(await client.transferToQueue('tax')).toBe(true);
      expect(socket.emitted.at(-1)).toEqual({ event: 'session:transfer', payload: { sessionId: SESSION_ID, mode: 'cold', department: 'tax' } });
      expect(client.getSnapshot().ended).toMatchObject({ outcome: 'transferred_queue', to: 'tax' });
      expect(media.sessionId).toBeNull();
    });

    it('hands the visitor back to the assistant', async () => {
      const { client, socket } = await connected({ 'session:handback': () => ({ ok: true, data: { session: session('intake', { workerId: null }) } }) });
      socket.fire('offer:new', offer());
      await client.acceptOffer(offer().id);
      expect(await client.handBack('Only wanted opening hours')).toBe(true);
      expect(socket.emitted.at(-1)).toEqual({ event: 'session:handback', payload: { sessionId: SESSION_ID, note: 'Only wanted opening hours' } });
      expect(client.getSnapshot()).toMatchObject({ assignment: null, ended: { outcome: 'handback' } });
    });

    it('reloads callbacks when they change and marks one called back', async () => {
      const cb = { id: '3c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', ticket: 'CB-4821', sessionId: SESSION_ID, deviceId: 'lobby-1', language: 'ja', name: 'Hana', contact: '+81 90 1234 5678', note: null, createdAt: '2026-11-21T09:30:00.000Z', status: 'open', handledBy: null };
      let list = [cb];
      const { client, socket } = await connected({
        'callbacks:list': () => ({ ok: true, data: { callbacks: list } }),
        'callback:complete': () => ({ ok: true, data: { callback: { ...cb, status: 'done', handledBy: 'w-aiko' } } }),
      });
      expect(client.getSnapshot().callbacks.items).toHaveLength(1);
      list = [cb, { ...cb, id: '4d2e3f4a-5b6c-4d7e-8f80-91a2b3c4d5e6', ticket: 'CB-9999' }];
      socket.fire('callbacks:changed', {});
      await flush();
      expect(client.getSnapshot().callbacks.items.map((c) => c.ticket)).toEqual(['CB-4821', 'CB-9999']);
      await client.completeCallback(cb.id);
      expect(client.getSnapshot().callbacks).toMatchObject({ items: [{ ticket: 'CB-9999' }], result: { ok: true, key: 'callbacks.done', params: { ticket: 'CB-4821' } } });
    });

    it('searches the history and opens a session with its transcript and notes', async () => {
      const { client, socket } = await connected({
        'sessions:search': () => ({ ok: true, data: { sessions: [{ session: session('ended'), deviceName: 'Lobby robot 1', reasons: ['explicit_request'], firstLine: 'line 1' }] } }),
        'sessions:transcript': () => ({ ok: true, data: { transcript: [entry(1)] } }),
        'session:notes': () => ({ ok: true, data: { notes: [{ text: 'n', by: 'w-aiko', at: '2026-11-21T09:40:00.000Z' }] } }),
      });
      await client.searchHistory(' tax ');
      expect(socket.emitted.find((e) => e.event === 'sessions:search')?.payload).toEqual({ query: 'tax', limit: 20 });
      expect(client.getSnapshot().sessionHistory).toMatchObject({ status: 'ready', query: 'tax', sessions: [{ deviceName: 'Lobby robot 1' }] });
      await client.openHistorySession(SESSION_ID);
      expect(client.getSnapshot().sessionHistory.selected).toMatchObject({ sessionId: SESSION_ID, status: 'ready', transcript: [{ seq: 1 }], notes: [{ text: 'n' }] });
    });

    it('supervisor: reassigns, monitors receive-only, barges in with the microphone, posts and leaves', async () => {
      const { client, socket, monitor, media } = await connected(
        {
          'supervisor:snapshot': () => ({ ok: true, data: snapshot() }),
          'supervisor:reassign': () => ({ ok: true, data: {} }),
          'supervisor:monitor': () => ({ ok: true, data: assignment() }),
          'supervisor:barge-in': () => ({ ok: true, data: {} }),
          'supervisor:message': (p) => ({ ok: true, data: { entry: entry(9, { speaker: 'worker', text: (p as { text: string }).text }) } }),
          'supervisor:leave': () => ({ ok: true, data: {} }),
        },
        'supervisor',
      );
      client.showView('supervision');
      await flush();
      expect(client.getSnapshot().supervisor?.snapshot.calls).toHaveLength(1);
      await client.reassign(OTHER_SESSION, { id: 'w-maria', displayName: 'María López' });
      expect(socket.emitted.at(-1)).toEqual({ event: 'supervisor:reassign', payload: { sessionId: OTHER_SESSION, toWorkerId: 'w-maria' } });
      expect(client.getSnapshot().supervisor?.assign).toMatchObject({ ok: true, message: { key: 'supervision.assigned', params: { name: 'María López' } } });

      await client.startMonitor(snapshot().calls[0]!);
      expect(client.getSnapshot().monitor).toMatchObject({ status: 'watching', call: { session: { id: SESSION_ID } } });
      expect(monitor.starts).toEqual([{ sessionId: SESSION_ID, mic: false }]);
      expect(media.sessionId).toBeNull(); // not my call
      expect(await client.inboundVideoStats()).toEqual({ framesDecoded: 7, bytesReceived: 1 });
      expect(await client.sendSupervisorMessage('Hello')).toBe(false); // only after barging in
      await client.bargeIn();
      expect(monitor.starts.at(-1)).toEqual({ sessionId: SESSION_ID, mic: true });
      expect(await client.sendSupervisorMessage('Hello from the supervisor')).toBe(true);
      expect(client.getSnapshot().monitor?.call?.transcript.at(-1)?.text).toBe('Hello from the supervisor');
      await client.stopMonitor();
      expect(socket.emitted.at(-1)).toEqual({ event: 'supervisor:leave', payload: { sessionId: SESSION_ID } });
      expect(monitor.sessionId).toBeNull();
      expect(client.getSnapshot().monitor).toBeNull();
    });

    it('supervisor: lists accounts and changes status and role; a refusal comes back as a message', async () => {
      const account = (over: Record<string, unknown> = {}) => ({ id: 'w-aiko', username: 'aiko', displayName: 'Aiko', role: 'worker', status: 'active', languages: ['ja'], departments: ['general'], ...over });
      const { client, socket } = await connected(
        {
          'users:list': () => ({ ok: true, data: { users: [account()] } }),
          'user:set-status': (p) => ({ ok: true, data: { user: account({ status: (p as { status: string }).status }) } }),
          'user:set-role': () => ({ ok: false, error: { code: 'forbidden', message: 'forbidden: changing your own role' } }),
        },
        'supervisor',
      );
      expect(await client.listUsers()).toEqual({ ok: true, users: [account()] });
      expect(await client.setUserStatus('w-aiko', 'disabled')).toEqual({ ok: true, user: account({ status: 'disabled' }) });
      expect(socket.emitted.at(-1)).toEqual({ event: 'user:set-status', payload: { workerId: 'w-aiko', status: 'disabled' } });
      expect(await client.setUserRole('w-sam', 'staff')).toMatchObject({ ok: false, error: { key: 'errors.forbidden', detail: 'forbidden: changing your own role' } });
    });

    it('supervisor: loads the KPI report and downloads CSV with the bearer token', async () => {
      const calls: { url: string; auth: string | null }[] = [];
      const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url.includes('/api/auth/login')) return new Response(JSON.stringify({ token: 'tok', expiresInS: 3600, worker: me('supervisor') }), { status: 200, headers: { 'Content-Type': 'application/json' } });
        calls.push({ url, auth: new Headers(init?.headers).get('Authorization') });
        return new Response('a,b\n1,2\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="telekiosk-kpi-2026-11-21.csv"' } });
      }) as unknown as typeof fetch;
      const report = { generatedAt: '2026-11-21T10:00:00.000Z', filter: {}, timeZone: 'UTC' };
      const { client, socket, saved } = await connected({ 'kpi:report': () => ({ ok: true, data: report }) }, 'supervisor', { fetch: fetchFn });
      const filter = { from: '2026-11-01T00:00:00.000Z', deviceId: 'lobby-1' };
      await client.loadKpi(filter);
      expect(socket.emitted.at(-1)).toEqual({ event: 'kpi:report', payload: filter });
      // The stub report is incomplete: the response schema refuses it and the error is kept.
      expect(client.getSnapshot().kpi).toMatchObject({ status: 'error', filter, error: { key: 'errors.internal' } });
      expect(await client.downloadCsv('kpi')).toBe(true);
      expect(calls[0]).toEqual({ url: '/api/kpi.csv?from=2026-11-01T00%3A00%3A00.000Z&deviceId=lobby-1', auth: 'Bearer tok' });
      expect(saved[0]?.name).toBe('telekiosk-kpi-2026-11-21.csv');
    });
  });
});
