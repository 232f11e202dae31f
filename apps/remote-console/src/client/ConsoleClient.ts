import { io } from 'socket.io-client';
import { consoleEvents, consoleRequests, type Alert, type ConsoleRequests, type Disposition, type RobotCommand, type RobotCommandResult } from '@telekiosk/shared';
import { request, RequestError, type MediaSocket } from '@telekiosk/shared/client';
import type { z } from 'zod';
import { CallMediaController } from '../media/CallMediaController.ts';
import { loadAuth, login, saveAuth, type AuthStorage, type StoredAuth } from './auth.ts';
import { createStore, type Store } from './store.ts';
import {
  idlePending,
  initialState,
  isNewCriticalAlert,
  reduce,
  STORE_EVENTS,
  type Action,
  type CallMedia,
  type ConsoleState,
  type DeviceActionKind,
  type DeviceActionState,
  type Pending,
  type PushEvent,
  type RobotOutcome,
  type UiMessage,
  type View,
} from './state.ts';

/** The socket surface the client uses (socket.io-client's Socket satisfies it). */
export interface ConsoleSocket extends MediaSocket {
  readonly active: boolean;
  connect(): unknown;
  disconnect(): unknown;
}

/** The media surface the client drives (see {@link CallMediaController}). */
export interface MediaController {
  readonly sessionId: string | null;
  start(sessionId: string): Promise<void>;
  stop(): void;
  inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> | null;
}

export interface ConsoleClientOptions {
  /** Opens the `/console` socket with the token (default: socket.io-client, same origin, websocket only). */
  connect?: (token: string) => ConsoleSocket;
  fetch?: typeof fetch;
  /** Where the sign-in survives page reloads (default: sessionStorage). */
  storage?: AuthStorage | null;
  /** Called when a new offer arrives (default: none; the app plays a chime). */
  onOffer?: () => void;
  /** Called when a new critical fleet alert arrives for staff or a supervisor (default: none; the app sounds an alarm). */
  onCriticalAlert?: () => void;
  /** Monotonic clock for the control latency readout (default: performance.now). */
  perfNow?: () => number;
  createMedia?: (socket: ConsoleSocket, onChange: (call: CallMedia | null) => void) => MediaController;
  now?: () => number;
  log?: Pick<Console, 'warn' | 'info'>;
}

type Req = ConsoleRequests;
type ReqPayload<K extends keyof Req> = z.input<Req[K]['request']>;

/** Delay before retrying after the server refused the connection for another reason than auth. */
const RETRY_MS = 3_000;

function defaultStorage(): AuthStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function errorMessage(err: unknown, fallbackKey: string): UiMessage {
  if (err instanceof RequestError) return { key: `errors.${err.code}`, detail: err.wire.message };
  return { key: fallbackKey, detail: err instanceof Error ? err.message : String(err) };
}

/**
 * Owns the console's connection: sign-in over HTTP, the `/console` socket, requests and push
 * events (validated with the shared schemas), and the call media. The UI reads immutable
 * snapshots through {@link subscribe}/{@link getSnapshot} (`useSyncExternalStore`) and calls
 * the action methods; it never touches the socket.
 */
export class ConsoleClient {
  private readonly store: Store<ConsoleState> = createStore(initialState);
  private socket: ConsoleSocket | null = null;
  private media: MediaController | null = null;
  private auth: StoredAuth | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingInFlight = false;
  private readonly o: Required<Omit<ConsoleClientOptions, 'onOffer' | 'onCriticalAlert'>> & Pick<ConsoleClientOptions, 'onOffer' | 'onCriticalAlert'>;

  constructor(options: ConsoleClientOptions = {}) {
    this.o = {
      connect: options.connect ?? ((token) => io('/console', { auth: { token }, transports: ['websocket'] }) as unknown as ConsoleSocket),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      storage: options.storage === undefined ? defaultStorage() : options.storage,
      onOffer: options.onOffer,
      onCriticalAlert: options.onCriticalAlert,
      perfNow: options.perfNow ?? (() => globalThis.performance.now()),
      createMedia: options.createMedia ?? ((socket, onChange) => new CallMediaController(socket, onChange)),
      now: options.now ?? Date.now,
      log: options.log ?? console,
    };
  }

  // --- store ---------------------------------------------------------------------------

  readonly subscribe = (listener: () => void) => this.store.subscribe(listener);
  readonly getSnapshot = () => this.store.getSnapshot();

  private patch(p: Partial<ConsoleState>) {
    this.store.update((s) => ({ ...s, ...p }));
  }

  private setPending(p: Partial<Pending>) {
    this.store.update((s) => ({ ...s, pending: { ...s.pending, ...p } }));
  }

  private dispatch(action: Action) {
    this.store.update((s) => reduce(s, action));
    this.syncMedia();
  }

  /** Keeps the call media in step with the assignment: started in a call, stopped after. */
  private syncMedia() {
    const { assignment } = this.store.getSnapshot();
    const wanted = assignment && assignment.session.state === 'in_call' ? assignment.session.id : null;
    const media = this.media;
    if (!media) return;
    if (wanted && media.sessionId !== wanted) void media.start(wanted);
    else if (!wanted && media.sessionId) media.stop();
  }

  // --- sign-in and connection ----------------------------------------------------------

  /** Resumes a sign-in saved in this tab (page reload); returns whether one was found. */
  resume(): boolean {
    const saved = loadAuth(this.o.storage);
    if (!saved) return false;
    this.open(saved);
    return true;
  }

  async login(username: string, password: string): Promise<void> {
    if (this.store.getSnapshot().pending.login) return;
    this.patch({ phase: 'signing_in', loginError: null, pending: { ...idlePending, login: true } });
    const result = await login(this.o.fetch, username, password);
    if (!result.ok) {
      this.patch({ phase: 'signed_out', loginError: result.error, pending: idlePending });
      return;
    }
    saveAuth(this.o.storage, result.auth);
    this.setPending({ login: false });
    this.open(result.auth);
  }

  /** Signs out: closes the call media and the socket, forgets the token. */
  logout(loginError: UiMessage | null = null): void {
    this.closeConnection();
    saveAuth(this.o.storage, null);
    this.auth = null;
    this.store.set({ ...initialState, loginError });
  }

  private closeConnection() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.media?.stop();
    this.media = null;
    const socket = this.socket;
    this.socket = null;
    socket?.disconnect();
  }

  private open(auth: StoredAuth) {
    this.closeConnection();
    this.auth = auth;
    this.store.set({ ...initialState, phase: 'connecting', connection: 'connecting', worker: auth.worker });
    const socket = this.o.connect(auth.token);
    this.socket = socket;
    this.media = this.o.createMedia(socket, (call) => this.patch({ call }));

    socket.on('connect', () => {
      if (this.socket !== socket) return;
      this.patch({ connection: 'connected', connectionDetail: null });
      void this.hello(socket);
    });
    socket.on('connect_error', (err: Error) => {
      if (this.socket !== socket) return;
      const message = err?.message ?? String(err);
      if (message.startsWith('unauthorized')) {
        this.o.log.warn('[console] connection refused:', message);
        this.logout({ key: 'login.errors.unauthorized', detail: message });
        return;
      }
      this.patch({ connection: this.store.getSnapshot().phase === 'ready' ? 'reconnecting' : 'connecting', connectionDetail: message });
      // Refused by the server (not a network error): socket.io does not retry by itself.
      if (!socket.active) this.retryTimer = setTimeout(() => this.socket === socket && socket.connect(), RETRY_MS);
    });
    socket.on('disconnect', (reason: string) => {
      if (this.socket !== socket) return;
      this.patch({ connection: 'reconnecting', connectionDetail: reason });
      if (reason === 'io server disconnect') this.retryTimer = setTimeout(() => this.socket === socket && socket.connect(), RETRY_MS);
    });
    for (const name of STORE_EVENTS) {
      socket.on(name, (payload: unknown) => {
        if (this.socket === socket) this.onPush(name, payload);
      });
    }
  }

  /** Validates a push event with its shared schema; invalid payloads are logged and ignored. */
  private onPush(name: (typeof STORE_EVENTS)[number], payload: unknown) {
    const parsed = consoleEvents[name].safeParse(payload);
    if (!parsed.success) {
      this.o.log.warn(`[console] ignored invalid ${name} event:`, parsed.error.issues);
      return;
    }
    const prior = this.store.getSnapshot();
    const before = prior.offers.length;
    const critical = name === 'alert:update' && isNewCriticalAlert(prior, parsed.data as Alert);
    this.dispatch({ type: 'push', event: { type: name, payload: parsed.data } as PushEvent, now: this.o.now() });
    if (name === 'offer:new' && this.store.getSnapshot().offers.length > before) this.o.onOffer?.();
    if (critical) this.o.onCriticalAlert?.();
  }

  private async hello(socket: ConsoleSocket) {
    try {
      const snapshot = await request(socket, consoleRequests, 'console:hello', {});
      if (this.socket !== socket) return;
      const hadOffers = this.store.getSnapshot().offers.map((o) => o.id);
      this.dispatch({ type: 'hello', snapshot, now: this.o.now() });
      if (this.store.getSnapshot().actionError?.key === 'errors.hello') this.patch({ actionError: null });
      if (this.auth) saveAuth(this.o.storage, { ...this.auth, worker: snapshot.worker });
      if (snapshot.offers.some((o) => !hadOffers.includes(o.id))) this.o.onOffer?.();
      // Staff and supervisors keep the alert list current (it feeds the fleet screen and the alarm).
      if (snapshot.worker.role !== 'worker') void this.loadFleet();
    } catch (err) {
      if (this.socket !== socket) return;
      this.patch({ actionError: errorMessage(err, 'errors.hello') });
      // Without a snapshot the desk cannot be shown: try again while the socket stays up.
      this.retryTimer = setTimeout(() => {
        if (this.socket === socket && this.store.getSnapshot().connection === 'connected') void this.hello(socket);
      }, RETRY_MS);
    }
  }

  private req<K extends keyof Req & string>(event: K, payload: ReqPayload<K>, timeoutMs?: number) {
    const socket = this.socket;
    if (!socket) return Promise.reject(new RequestError(event, { code: 'unavailable', message: 'not connected' }));
    return request(socket, consoleRequests, event, payload, timeoutMs);
  }

  // --- actions -------------------------------------------------------------------------

  clearActionError(): void {
    this.patch({ actionError: null });
  }

  /** Available or away (busy and wrap-up follow sessions and cannot be chosen). */
  async setAvailability(state: 'available' | 'away'): Promise<void> {
    const s = this.store.getSnapshot();
    if (s.pending.state || s.worker?.state === state) return;
    this.setPending({ state });
    try {
      const { worker } = await this.req('worker:set-state', { state });
      this.dispatch({ type: 'push', event: { type: 'worker:update', payload: worker }, now: this.o.now() });
      this.patch({ actionError: null });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
    } finally {
      this.setPending({ state: null });
    }
  }

  async acceptOffer(offerId: string): Promise<void> {
    if (this.store.getSnapshot().pending.offerId) return;
    this.setPending({ offerId });
    try {
      const assignment = await this.req('offer:accept', { offerId });
      this.dispatch({ type: 'assigned', assignment });
      this.patch({ actionError: null });
    } catch (err) {
      const gone = err instanceof RequestError && (err.code === 'conflict' || err.code === 'not_found');
      if (gone) this.store.update((s) => ({ ...s, offers: s.offers.filter((o) => o.id !== offerId) }));
      this.patch({ actionError: gone ? { key: 'errors.offerGone' } : errorMessage(err, 'errors.internal') });
    } finally {
      this.setPending({ offerId: null });
    }
  }

  async declineOffer(offerId: string): Promise<void> {
    if (this.store.getSnapshot().pending.offerId) return;
    this.setPending({ offerId });
    try {
      await this.req('offer:decline', { offerId });
      this.patch({ actionError: null });
    } catch (err) {
      const gone = err instanceof RequestError && (err.code === 'conflict' || err.code === 'not_found');
      if (!gone) this.patch({ actionError: errorMessage(err, 'errors.internal') });
    } finally {
      this.store.update((s) => ({ ...s, offers: s.offers.filter((o) => o.id !== offerId) }));
      this.setPending({ offerId: null });
    }
  }

  /** Accepts the first (oldest) offer: the `A` shortcut. */
  acceptFirstOffer(): void {
    const first = this.store.getSnapshot().offers[0];
    if (first) void this.acceptOffer(first.id);
  }

  /** Declines the first (oldest) offer: the `D` shortcut. */
  declineFirstOffer(): void {
    const first = this.store.getSnapshot().offers[0];
    if (first) void this.declineOffer(first.id);
  }

  /** Sends a typed message to the visitor; resolves true when it was delivered. */
  async sendMessage(text: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    const trimmed = text.trim();
    if (!sessionId || !trimmed || s.pending.message) return false;
    this.setPending({ message: true });
    try {
      const { entry } = await this.req('worker:message', { sessionId, text: trimmed });
      this.dispatch({ type: 'entry', entry });
      this.patch({ actionError: null });
      return true;
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
      return false;
    } finally {
      this.setPending({ message: false });
    }
  }

  /** Ends the current session with a disposition; resolves true when it ended. */
  async endSession(disposition: Disposition, notes?: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId || s.pending.end) return false;
    this.setPending({ end: true });
    try {
      const trimmed = notes?.trim();
      const { session } = await this.req('session:end', { sessionId, disposition, ...(trimmed ? { notes: trimmed } : {}) });
      this.dispatch({ type: 'ended', session, byMe: true });
      this.patch({ actionError: null });
      return true;
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
      return false;
    } finally {
      this.setPending({ end: false });
    }
  }

  /** Reloads the device list. */
  async refreshDevices(): Promise<void> {
    try {
      const { devices } = await this.req('devices:list', {});
      this.dispatch({ type: 'devices', devices });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
    }
  }

  // --- robot control (call view) -------------------------------------------------------

  /**
   * Sends a command to the current session's robot and records the outcome for the panel.
   * Never throws: refusals come back as `{ ok: false, reason }` (`no_lease` when the server says
   * this user does not hold the control lease, which also hides the controls). `keepFailure`:
   * a successful answer does not replace a refusal on the status line (the stop after a release).
   */
  async robotCommand(command: RobotCommand, opts: { keepFailure?: boolean } = {}): Promise<RobotCommandResult> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId) return { ok: false, reason: 'no_session' };
    const tracked = command.type === 'navigate' || command.type === 'cancel' || command.type === 'dock';
    if (tracked) this.patchRobot({ busy: true });
    let result: RobotCommandResult;
    try {
      // Drive repeats every 100 ms: a late answer is useless, so they time out quickly.
      result = await this.req('robot:command', { sessionId, command }, command.type === 'drive' || command.type === 'stop' ? 2_500 : 5_000);
    } catch (err) {
      result = { ok: false, reason: this.commandErrorReason(err, sessionId) };
    } finally {
      if (tracked) this.patchRobot({ busy: false });
    }
    if (command.type !== 'ping' && this.store.getSnapshot().assignment?.session.id === sessionId) {
      const last = this.store.getSnapshot().robot.last;
      const outcome: RobotOutcome = { command: command.type, ok: result.ok, at: this.o.now() };
      if (command.type === 'navigate') outcome.waypoint = command.waypoint;
      if (result.reason) outcome.reason = result.reason;
      // Drive repeats: only a change of outcome is worth a new render.
      const same = last && command.type === 'drive' && last.command === 'drive' && last.ok === outcome.ok && last.reason === outcome.reason;
      // The stop after releasing the pad must not hide why the drive was refused (e-stop, link down).
      const masks = opts.keepFailure && outcome.ok && last && !last.ok;
      if (!same && !masks) this.patchRobot({ last: outcome });
    }
    return result;
  }

  /** Maps a request failure of `robot:command` to a reason; a lease refusal ends the lease locally. */
  private commandErrorReason(err: unknown, sessionId: string): string {
    if (err instanceof RequestError && (err.code === 'forbidden' || err.code === 'not_found')) {
      const s = this.store.getSnapshot();
      if (s.assignment?.session.id === sessionId && s.lease?.holder) this.dispatch({ type: 'push', event: { type: 'robot:lease', payload: { sessionId, holder: null } }, now: this.o.now() });
      return 'no_lease';
    }
    if (err instanceof RequestError && err.code === 'unavailable') return 'unavailable';
    return 'error';
  }

  /** Measures the control round trip (browser -> orchestrator -> kiosk -> rosbridge and back). */
  async pingRobot(): Promise<void> {
    if (this.pingInFlight || !this.store.getSnapshot().assignment) return;
    this.pingInFlight = true;
    const started = this.o.perfNow();
    try {
      const result = await this.robotCommand({ type: 'ping' });
      const elapsed = Math.round((this.o.perfNow() - started) * 10) / 10;
      const answered = result.reason !== 'unavailable' && result.reason !== 'no_session';
      this.patchRobot({
        latency: {
          ok: result.ok,
          browserMs: answered ? elapsed : null,
          rosRttMs: result.rosRttMs ?? null,
          at: this.o.now(),
          ...(result.reason ? { reason: result.reason } : {}),
        },
      });
    } finally {
      this.pingInFlight = false;
    }
  }

  /** Supervisor: revokes the control lease of the current session (the robot stops). */
  async revokeControl(): Promise<void> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId || s.robot.busy) return;
    this.patchRobot({ busy: true });
    try {
      await this.req('robot:revoke-lease', { sessionId });
      this.dispatch({ type: 'push', event: { type: 'robot:lease', payload: { sessionId, holder: null } }, now: this.o.now() });
      this.patch({ actionError: null });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
    } finally {
      this.patchRobot({ busy: false });
    }
  }

  private patchRobot(p: Partial<ConsoleState['robot']>) {
    this.store.update((s) => ({ ...s, robot: { ...s.robot, ...p } }));
  }

  // --- fleet (staff and supervisors) ---------------------------------------------------

  /** Desk or fleet screen (supervisors' tabs). Showing the fleet refreshes it. */
  showView(view: View): void {
    if (this.store.getSnapshot().view === view) return;
    this.patch({ view });
    if (view === 'fleet') void this.loadFleet();
  }

  /** Loads devices and open/acknowledged alerts. */
  async loadFleet(): Promise<void> {
    try {
      const { devices, alerts } = await this.req('fleet:snapshot', {});
      this.dispatch({ type: 'fleet', devices, alerts });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.fleet') });
    }
  }

  /** Acknowledges an alert (someone is on it). */
  async acknowledgeAlert(alertId: string): Promise<void> {
    await this.alertAction('alert:ack', alertId);
  }

  /** Resolves an alert by hand (it reopens if the condition persists). */
  async resolveAlert(alertId: string): Promise<void> {
    await this.alertAction('alert:resolve', alertId);
  }

  private async alertAction(event: 'alert:ack' | 'alert:resolve', alertId: string) {
    try {
      const { alert } = await this.req(event, { alertId });
      this.dispatch({ type: 'push', event: { type: 'alert:update', payload: alert }, now: this.o.now() });
      this.patch({ actionError: null });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
    }
  }

  /** Releases a device's latched e-stop. */
  releaseEstop(deviceId: string): Promise<void> {
    return this.deviceAction(deviceId, 'estop', async () => {
      const r = await this.req('robot:estop-release', { deviceId });
      return r.ok ? { ok: true, key: 'fleet.result.estopReleased' } : { ok: false, key: 'fleet.result.failed', params: { reason: r.reason ?? 'error' } };
    });
  }

  /** Puts a device out of service or back in service. */
  setDeviceService(deviceId: string, inService: boolean): Promise<void> {
    return this.deviceAction(deviceId, 'service', async () => {
      const { device } = await this.req('device:set-service', { deviceId, inService });
      this.dispatch({ type: 'push', event: { type: 'device:update', payload: device }, now: this.o.now() });
      // Back in service by hand can still leave it out while a critical alert is open.
      if (inService && !device.inService) return { ok: false, key: 'fleet.result.stillOut' };
      return { ok: true, key: inService ? 'fleet.result.inService' : 'fleet.result.outOfService' };
    });
  }

  /** Reloads a device's kiosk app. */
  reloadDevice(deviceId: string): Promise<void> {
    return this.deviceAction(deviceId, 'reload', async () => {
      await this.req('device:reload', { deviceId });
      return { ok: true, key: 'fleet.result.reloaded' };
    });
  }

  /** Sends a device's robot to its dock. */
  dockDevice(deviceId: string): Promise<void> {
    return this.deviceAction(deviceId, 'dock', async () => {
      const r = await this.req('device:dock', { deviceId });
      return r.ok ? { ok: true, key: 'fleet.result.docking' } : { ok: false, key: 'fleet.result.failed', params: { reason: r.reason ?? 'error' } };
    });
  }

  private async deviceAction(deviceId: string, kind: DeviceActionKind, run: () => Promise<UiMessage & { ok: boolean }>): Promise<void> {
    if (this.store.getSnapshot().deviceActions[deviceId]?.pending) return;
    this.patchDeviceAction(deviceId, { pending: kind, result: null });
    let result: UiMessage & { ok: boolean };
    try {
      result = await run();
    } catch (err) {
      result = { ok: false, ...errorMessage(err, 'errors.internal') };
    }
    this.patchDeviceAction(deviceId, { pending: null, result });
  }

  private patchDeviceAction(deviceId: string, p: DeviceActionState) {
    this.store.update((s) => ({ ...s, deviceActions: { ...s.deviceActions, [deviceId]: p } }));
  }

  /** Loads the battery history chart of a device (last `hours`). */
  async loadHistory(deviceId: string, hours = 24): Promise<void> {
    const current = this.store.getSnapshot().history;
    const keep = current?.deviceId === deviceId ? current.samples : [];
    this.patch({ history: { deviceId, hours, status: 'loading', samples: keep } });
    try {
      const { samples } = await this.req('device:history', { deviceId, hours });
      if (this.store.getSnapshot().history?.deviceId !== deviceId) return;
      this.patch({ history: { deviceId, hours, status: 'ready', samples } });
    } catch {
      if (this.store.getSnapshot().history?.deviceId !== deviceId) return;
      this.patch({ history: { deviceId, hours, status: 'error', samples: keep } });
    }
  }

  /** Inbound video statistics of the current call (diagnostics; `window.__consoleMedia`). */
  inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> | null {
    return this.media?.inboundVideoStats() ?? null;
  }
}
