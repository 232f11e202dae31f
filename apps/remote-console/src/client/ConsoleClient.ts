import { io } from 'socket.io-client';
import {
  consoleEvents,
  consoleRequests,
  type Alert,
  type AssistSuggestion,
  type ConsoleRequests,
  type Disposition,
  type KioskContent,
  type KpiFilter,
  type Offer,
  type RobotCommand,
  type RobotCommandResult,
  type AccountStatus,
  type AuthProviders,
  type Role,
  type SupervisorSnapshot,
  type UserAccount,
  type WorkerView,
  servesVisitors,
} from '@telekiosk/shared';
import { request, RequestError, type MediaSocket } from '@telekiosk/shared/client';
import type { z } from 'zod';
import { CallMediaController } from '../media/CallMediaController.ts';
import { MonitorMediaController } from '../media/MonitorMediaController.ts';
import { filenameFromDisposition, saveBlob } from '../lib/download.ts';
import { kpiQueryString } from '../lib/kpi.ts';
import { nextVideoSeen } from '../lib/callVideo.ts';
import { authProviders, loadAuth, login, logoutRequest, refreshAuth, revokedMessageKey, saveAuth, secondsLeft, type AuthStorage, type StoredAuth } from './auth.ts';
import { createStore, type Store } from './store.ts';
import { errorMessage } from './errors.ts';
import { CONSULT_EVENTS, ConsultClient } from './consultClient.ts';
import { KnowledgeClient } from './knowledgeClient.ts';
import { ReviewClient } from './reviewClient.ts';
import type { SubClientDeps } from './subClient.ts';
import {
  idlePending,
  initialState,
  isNewCriticalAlert,
  reduce,
  STORE_EVENTS,
  idleHistory,
  type Action,
  type CallMedia,
  type MonitorMedia,
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

/** The monitor media surface (see {@link MonitorMediaController}). */
export interface MonitorMediaLike {
  readonly sessionId: string | null;
  start(sessionId: string, opts: { mic: boolean }): Promise<void>;
  stop(): void;
  inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> | null;
}

type LiveCall = SupervisorSnapshot['calls'][number];

export interface ConsoleClientOptions {
  /** Opens the `/console` socket with the token (default: socket.io-client, same origin, websocket only). */
  connect?: (token: string) => ConsoleSocket;
  fetch?: typeof fetch;
  /** Where the sign-in survives page reloads (default: sessionStorage). */
  storage?: AuthStorage | null;
  /** Called when a new offer arrives, with the offer (default: none; the app plays a chime, or the alarm for an emergency). */
  onOffer?: (offer: Offer) => void;
  /** Called when a new critical fleet alert arrives for staff or a supervisor (default: none; the app sounds an alarm). */
  onCriticalAlert?: () => void;
  /** Monotonic clock for the control latency readout (default: performance.now). */
  perfNow?: () => number;
  createMedia?: (socket: ConsoleSocket, onChange: (call: CallMedia | null) => void) => MediaController;
  /** Media of a call a supervisor monitors (default: {@link MonitorMediaController}). */
  createMonitorMedia?: (socket: ConsoleSocket, onChange: (media: MonitorMedia | null) => void) => MonitorMediaLike;
  /** Saves a downloaded file (default: a blob URL download). */
  saveFile?: (blob: Blob, filename: string) => void;
  now?: () => number;
  log?: Pick<Console, 'warn' | 'info'>;
}

type Req = ConsoleRequests;
type ReqPayload<K extends keyof Req> = z.input<Req[K]['request']>;

/** A v4 UUID for client request ids (`crypto.randomUUID` needs a secure context; this does not). */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Delay before retrying after the server refused the connection for another reason than auth. */
const RETRY_MS = 3_000;

function defaultStorage(): AuthStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
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
  private monitorMedia: MonitorMediaLike | null = null;
  /** Session whose call tools (assist, notes) were loaded. */
  private toolsSession: string | null = null;
  private auth: StoredAuth | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Renews the short-lived access token before it expires. */
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private pingInFlight = false;
  private readonly o: Required<Omit<ConsoleClientOptions, 'onOffer' | 'onCriticalAlert'>> & Pick<ConsoleClientOptions, 'onOffer' | 'onCriticalAlert'>;
  /** The knowledge editor's requests (`kb:*`; supervisors read). */
  readonly knowledge: KnowledgeClient;
  /** The wrap-up verdict and the AI trainer's review (`session:verdict`, `review:*`). */
  readonly review: ReviewClient;
  /** The private consult of a warm transfer (`consult:*`). */
  readonly consult: ConsultClient;

  constructor(options: ConsoleClientOptions = {}) {
    this.o = {
      // The handshake reads the current access token each time, so reconnects use the refreshed one.
      connect: options.connect ?? ((token) => io('/console', { auth: (cb) => cb({ token: this.auth?.token ?? token }), transports: ['websocket'] }) as unknown as ConsoleSocket),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      storage: options.storage === undefined ? defaultStorage() : options.storage,
      onOffer: options.onOffer,
      onCriticalAlert: options.onCriticalAlert,
      perfNow: options.perfNow ?? (() => globalThis.performance.now()),
      createMedia: options.createMedia ?? ((socket, onChange) => new CallMediaController(socket, onChange)),
      createMonitorMedia: options.createMonitorMedia ?? ((socket, onChange) => new MonitorMediaController(socket, onChange)),
      saveFile: options.saveFile ?? saveBlob,
      now: options.now ?? Date.now,
      log: options.log ?? console,
    };
    const deps: SubClientDeps = {
      req: (event, payload, timeoutMs) => this.req(event, payload, timeoutMs),
      getState: () => this.store.getSnapshot(),
      update: (fn) => this.store.update(fn),
      saveFile: (blob, name) => this.o.saveFile(blob, name),
    };
    this.knowledge = new KnowledgeClient(deps);
    this.review = new ReviewClient(deps);
    this.consult = new ConsultClient(deps);
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

  /**
   * Runs a request behind a pending flag (disables the control meanwhile): clears the action
   * error on success, shows a plain message on failure. @returns true on success.
   */
  private async withPending(key: keyof Pending, fn: () => Promise<void>): Promise<boolean> {
    this.setPending({ [key]: true } as Partial<Pending>);
    try {
      await fn();
      this.patch({ actionError: null });
      return true;
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
      return false;
    } finally {
      this.setPending({ [key]: false } as Partial<Pending>);
    }
  }

  private dispatch(action: Action) {
    this.store.update((s) => reduce(s, action));
    this.syncMedia();
    this.syncCallTools();
  }

  /** Loads the call's assist suggestions and notes once per assignment. */
  private syncCallTools() {
    const id = this.store.getSnapshot().assignment?.session.id ?? null;
    if (id === this.toolsSession) return;
    this.toolsSession = id;
    if (!id) return;
    void this.loadAssist(id);
    void this.loadNotes(id);
  }

  /** Sets the call's media up again (SFU worker lost, or a reconnect): "reconnecting video" until it plays. */
  private restartCallMedia() {
    const { assignment } = this.store.getSnapshot();
    const media = this.media;
    if (!media || !assignment || assignment.session.state !== 'in_call') return;
    media.stop();
    void media.start(assignment.session.id);
  }

  /**
   * A new call media snapshot; also remembers whether the visitor's video has played in this call,
   * so that after a media restart the video area says "Reconnecting video…" until it is back.
   */
  private onCallMedia(call: CallMedia | null) {
    this.store.update((s) => {
      const inCall = s.assignment?.session.state === 'in_call' ? s.assignment.session.id : null;
      return { ...s, call, callVideoSeen: nextVideoSeen(s.callVideoSeen, call, inCall) };
    });
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

  /**
   * Resumes a sign-in saved in this tab (page reload); returns whether one was found. Without
   * one, a sign-in held by the refresh cookie (another tab, or a single sign-on that just
   * landed) is picked up in the background.
   */
  resume(): boolean {
    const saved = loadAuth(this.o.storage);
    if (!saved) {
      void this.refreshToken().then((ok) => {
        if (ok && this.auth && !this.socket) this.open(this.auth);
      });
      return false;
    }
    this.open(saved);
    return true;
  }

  /** How this deployment signs people in (`GET /api/auth/providers`); null when it cannot be read. */
  authProviders(): Promise<AuthProviders | null> {
    return authProviders(this.o.fetch);
  }

  /** Gets a new access token with the refresh cookie; keeps it and schedules the next refresh. */
  private async refreshToken(): Promise<boolean> {
    const r = await refreshAuth(this.o.fetch);
    if (!r.ok) return false;
    this.auth = r.auth;
    saveAuth(this.o.storage, r.auth);
    this.scheduleRefresh(r.expiresInS);
    return true;
  }

  /** Refreshes at 80% of the access token's lifetime (at least 10 s from now). */
  private scheduleRefresh(expiresInS: number) {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshToken(), Math.max(10, expiresInS * 0.8) * 1000);
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
    this.scheduleRefresh(result.expiresInS);
  }

  /** Signs out: revokes the sign-in on the server (unless it was already withdrawn), closes the call media and the socket, forgets the token. */
  logout(loginError: UiMessage | null = null): void {
    if (!loginError && this.auth) void logoutRequest(this.o.fetch, this.auth.token);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
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
    this.monitorMedia?.stop();
    this.monitorMedia = null;
    this.toolsSession = null;
    const socket = this.socket;
    this.socket = null;
    socket?.disconnect();
  }

  private open(auth: StoredAuth) {
    this.closeConnection();
    this.auth = auth;
    this.store.set({ ...initialState, phase: 'connecting', connection: 'connecting', worker: auth.worker });
    this.scheduleRefresh(secondsLeft(auth.token, this.o.now()) ?? 0);
    const socket = this.o.connect(auth.token);
    this.socket = socket;
    this.media = this.o.createMedia(socket, (call) => this.onCallMedia(call));
    this.monitorMedia = this.o.createMonitorMedia(socket, (monitorMedia) => this.patch({ monitorMedia }));

    let connectedBefore = false;
    let refreshedForSocket = false;
    socket.on('connect', () => {
      if (this.socket !== socket) return;
      refreshedForSocket = false;
      this.patch({ connection: 'connected', connectionDetail: null });
      // A reconnect during a call sets the media up again (the orchestrator may have restarted).
      const reconnect = connectedBefore;
      connectedBefore = true;
      void this.hello(socket).then(() => {
        if (reconnect) this.restartCallMedia();
        void this.flushOutbox();
      });
    });
    socket.on('media:restart', (payload: unknown) => {
      if (this.socket !== socket) return;
      const parsed = consoleEvents['media:restart'].safeParse(payload);
      if (parsed.success && parsed.data.sessionId === this.store.getSnapshot().assignment?.session.id) this.restartCallMedia();
    });
    socket.on('connect_error', (err: Error) => {
      if (this.socket !== socket) return;
      const message = err?.message ?? String(err);
      if (message.startsWith('unauthorized') && !refreshedForSocket) {
        // Most often an expired access token (a page reloaded after a while): refresh once, then retry.
        refreshedForSocket = true;
        void this.refreshToken().then((ok) => {
          if (this.socket !== socket) return;
          if (ok) socket.connect();
          else this.logout({ key: 'login.errors.unauthorized', detail: message });
        });
        return;
      }
      if (message.startsWith('unauthorized')) {
        this.o.log.warn('[console] connection refused:', message);
        this.logout({ key: 'login.errors.unauthorized', detail: message });
        return;
      }
      this.patch({ connection: this.store.getSnapshot().phase === 'ready' ? 'reconnecting' : 'connecting', connectionDetail: message });
      // Refused by the server (not a network error): socket.io does not retry by itself.
      if (!socket.active) this.retryTimer = setTimeout(() => this.socket === socket && socket.connect(), RETRY_MS);
    });
    socket.on('auth:revoked', (payload: unknown) => {
      if (this.socket !== socket) return;
      const parsed = consoleEvents['auth:revoked'].safeParse(payload);
      const reason = parsed.success ? parsed.data.reason : 'session_revoked';
      this.o.log.warn('[console] access withdrawn:', reason);
      this.logout({ key: revokedMessageKey(reason) });
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
    for (const name of CONSULT_EVENTS) {
      socket.on(name, (payload: unknown) => {
        if (this.socket === socket && !this.consult.onEvent(name, payload)) this.o.log.warn(`[console] ignored invalid ${name} event`);
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
    if (name === 'callbacks:changed') void this.loadCallbacks();
    if (name === 'offer:new' && this.store.getSnapshot().offers.length > before) this.o.onOffer?.(parsed.data as Offer);
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
      const fresh = snapshot.offers.find((o) => !hadOffers.includes(o.id));
      if (fresh) this.o.onOffer?.(fresh);
      // Staff and supervisors keep the alert list current (it feeds the fleet screen and the alarm).
      const role = snapshot.worker.role;
      if (role === 'staff' || role === 'supervisor') void this.loadFleet();
      // Editors and trainers take no visitors: their screens load what they show.
      if (servesVisitors(role)) {
        void this.loadCanned();
        void this.loadCallbacks();
      }
      if (snapshot.worker.role === 'supervisor') {
        const view = this.store.getSnapshot().view;
        if (view === 'supervision') void this.loadSupervisor();
        if (view === 'reports' && this.store.getSnapshot().kpi.status !== 'idle') void this.loadKpi(this.store.getSnapshot().kpi.filter);
      }
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

  /** Closes the wrap-up card of the ended session (it stays after wrap-up while the handoff verdict is not given). */
  dismissWrapUp(): void {
    this.patch({ ended: null, verdict: null });
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
      // A supervisor who takes a call stops monitoring another one (one call's media at a time).
      if (this.store.getSnapshot().monitor) await this.stopMonitor();
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

  /**
   * Sends a typed message to the visitor; resolves true when it was delivered. Each message has
   * a client id: when the connection is down it waits and is sent again with the same id after
   * the reconnect (stored exactly once); it resolves true then too, as it will be delivered.
   */
  async sendMessage(text: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    const trimmed = text.trim();
    if (!sessionId || !trimmed || s.pending.message) return false;
    const msg = { sessionId, text: trimmed, clientId: newClientId() };
    return this.withPending('message', async () => {
      try {
        const { entry } = await this.req('worker:message', msg);
        this.dispatch({ type: 'entry', entry });
      } catch (err) {
        if (err instanceof RequestError && err.code === 'unavailable') {
          this.outbox.push(msg);
          return;
        }
        throw err;
      }
    });
  }

  /** Messages waiting for the connection. */
  private readonly outbox: { sessionId: string; text: string; clientId: string }[] = [];

  /** After a reconnect's hello: sends the waiting messages of the current call (same client ids). */
  private async flushOutbox(): Promise<void> {
    while (this.outbox.length > 0) {
      const msg = this.outbox[0]!;
      if (this.store.getSnapshot().assignment?.session.id !== msg.sessionId) {
        this.outbox.shift();
        continue;
      }
      try {
        const { entry } = await this.req('worker:message', msg);
        this.dispatch({ type: 'entry', entry });
        this.outbox.shift();
      } catch {
        return;
      }
    }
  }

  /** Ends the current session with a disposition; resolves true when it ended. */
  async endSession(disposition: Disposition, notes?: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId || s.pending.end) return false;
    return this.withPending('end', async () => {
      const trimmed = notes?.trim();
      const { session } = await this.req('session:end', { sessionId, disposition, ...(trimmed ? { notes: trimmed } : {}) });
      this.dispatch({ type: 'ended', session, byMe: true });
    });
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
    const s = this.store.getSnapshot();
    if (s.view === view) return;
    this.patch({ view });
    if (view === 'fleet') void this.loadFleet();
    if (view === 'supervision') void this.loadSupervisor();
    if (view === 'history' && s.sessionHistory.status === 'idle') void this.searchHistory('');
    if (view === 'desk') void this.loadCallbacks();
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

  // --- device credentials (staff and supervisors) --------------------------------------

  /**
   * "Add a kiosk": registers the device and shows its first one-time enrolment code. A refusal
   * stays beside the form (`enrolment.createError`); an id that exists already says so.
   * @returns true when the device was added.
   */
  async createDevice(form: { deviceId: string; name: string; location: string }): Promise<boolean> {
    if (this.store.getSnapshot().pending.createDevice) return false;
    this.setPending({ createDevice: true });
    this.patchEnrolment({ createError: null });
    try {
      const { device, enrolment } = await this.req('device:create', { deviceId: form.deviceId.trim(), name: form.name.trim(), location: form.location.trim() });
      this.patchEnrolment({ shown: { ...enrolment, deviceName: device.name, created: true } });
      // The server does not push new devices: reload so its card appears (offline until it enrols).
      void this.loadFleet();
      return true;
    } catch (err) {
      const exists = err instanceof RequestError && err.code === 'conflict';
      this.patchEnrolment({ createError: exists ? { key: 'enrolment.form.errors.deviceIdTaken', detail: err.wire.message } : errorMessage(err, 'errors.internal') });
      return false;
    } finally {
      this.setPending({ createDevice: false });
    }
  }

  /** A new one-time enrolment code for a device (earlier unused codes stop working), shown in the enrolment panel. */
  newEnrolmentCode(deviceId: string): Promise<void> {
    return this.credentialAction(deviceId, 'enrolment', async () => {
      const { enrolment } = await this.req('device:enrolment-code', { deviceId });
      const name = this.store.getSnapshot().devices.find((d) => d.device.id === deviceId)?.device.name ?? deviceId;
      this.patchEnrolment({ shown: { ...enrolment, deviceName: name, created: false } });
      return { ok: true, key: 'enrolment.result.codeReady' };
    });
  }

  /**
   * Rotates a connected kiosk's credential (it stores the new one, then the old one stops
   * working). A kiosk that is not connected cannot be rotated: the card says to make a new code.
   */
  rotateCredential(deviceId: string): Promise<void> {
    return this.credentialAction(deviceId, 'rotate', async () => {
      try {
        await this.req('device:rotate-credential', { deviceId }, 15_000);
      } catch (err) {
        // `unavailable` while this console is connected: the kiosk is not (or did not confirm).
        const kioskAway = err instanceof RequestError && err.code === 'unavailable' && this.store.getSnapshot().connection === 'connected';
        if (kioskAway) return { ok: false, key: 'enrolment.result.rotateOffline', detail: err.wire.message };
        throw err;
      }
      return { ok: true, key: 'enrolment.result.rotated' };
    });
  }

  /**
   * Revokes a kiosk's credential: it is disconnected at once and must enrol again with a new
   * code (its unused codes stop working too, so a code shown for it is hidden). @returns true when revoked.
   */
  async revokeCredential(deviceId: string): Promise<boolean> {
    await this.credentialAction(deviceId, 'revoke', async () => {
      await this.req('device:revoke-credential', { deviceId });
      if (this.store.getSnapshot().enrolment.shown?.deviceId === deviceId) this.patchEnrolment({ shown: null });
      return { ok: true, key: 'enrolment.result.revoked' };
    });
    return this.store.getSnapshot().deviceActions[deviceId]?.result?.ok === true;
  }

  /** Hides the enrolment panel (the code keeps working until it is used or expires). */
  dismissEnrolment(): void {
    this.patchEnrolment({ shown: null });
  }

  /** Clears the "Add a kiosk" error (the form was edited or reset). */
  clearCreateDeviceError(): void {
    if (this.store.getSnapshot().enrolment.createError) this.patchEnrolment({ createError: null });
  }

  /** A device action whose `not_found` means the device was removed meanwhile (not "session or offer"). */
  private credentialAction(deviceId: string, kind: DeviceActionKind, run: () => Promise<UiMessage & { ok: boolean }>): Promise<void> {
    return this.deviceAction(deviceId, kind, async () => {
      try {
        return await run();
      } catch (err) {
        if (err instanceof RequestError && err.code === 'not_found') return { ok: false, key: 'enrolment.result.deviceGone', detail: err.wire.message };
        throw err;
      }
    });
  }

  private patchEnrolment(p: Partial<ConsoleState['enrolment']>) {
    this.store.update((s) => ({ ...s, enrolment: { ...s.enrolment, ...p } }));
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

  /** Inbound video statistics of the active media session: the monitored call, else my call (diagnostics; `window.__consoleMedia`). */
  inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> | null {
    if (this.monitorMedia?.sessionId) return this.monitorMedia.inboundVideoStats();
    return this.media?.inboundVideoStats() ?? null;
  }

  // --- call tools: assist, canned replies, notes, kiosk content ------------------------

  private async loadAssist(sessionId: string): Promise<void> {
    try {
      const update = await this.req('assist:latest', { sessionId });
      if (update) this.dispatch({ type: 'assist', update });
    } catch (err) {
      this.o.log.warn('[console] assist:latest failed:', err);
    }
  }

  private async loadNotes(sessionId: string): Promise<void> {
    try {
      const { notes } = await this.req('session:notes', { sessionId });
      this.dispatch({ type: 'notes', sessionId, notes });
    } catch {
      this.dispatch({ type: 'notes', sessionId, notes: null });
    }
  }

  /** Canned replies in my language (loaded after hello). */
  async loadCanned(): Promise<void> {
    try {
      const { replies } = await this.req('canned:list', {});
      this.patch({ canned: replies });
    } catch (err) {
      this.o.log.warn('[console] canned:list failed:', err);
    }
  }

  /** Sends an agent-assist suggestion to the visitor as my message. */
  sendSuggestion(suggestion: AssistSuggestion): Promise<boolean> {
    return this.sendMessage(suggestion.text);
  }

  /** Saves a note on the current session; resolves true when saved. */
  async addNote(text: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    const trimmed = text.trim();
    if (!sessionId || !trimmed || s.pending.note) return false;
    return this.withPending('note', async () => {
      const { note } = await this.req('session:note', { sessionId, text: trimmed });
      this.dispatch({ type: 'note', sessionId, note });
    });
  }

  /** Shows content on the kiosk of my call (replacing what was shown); null takes it back. */
  async showOnKiosk(content: KioskContent | null): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId || s.pending.kiosk) return false;
    return this.withPending('kiosk', async () => {
      if (content) await this.req('kiosk:show', { sessionId, content });
      else await this.req('kiosk:clear', { sessionId });
      this.dispatch({ type: 'kioskShown', sessionId, content });
    });
  }

  // --- transfer and handback -----------------------------------------------------------

  /** Colleagues for a warm transfer (everyone connected except me). */
  async loadColleagues(): Promise<void> {
    try {
      const { workers } = await this.req('workers:list', {});
      const me = this.store.getSnapshot().worker?.id;
      this.patch({ colleagues: workers.filter((w) => w.id !== me && servesVisitors(w.role)) });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
    }
  }

  /** Cold transfer: back to a department queue; my part ends. Resolves true when done. */
  async transferToQueue(department: string, note?: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId || s.pending.transfer) return false;
    return this.withPending('transfer', async () => {
      const trimmed = note?.trim();
      const { session } = await this.req('session:transfer', { sessionId, mode: 'cold', department, ...(trimmed ? { note: trimmed } : {}) });
      this.dispatch({ type: 'ended', session, byMe: true, outcome: 'transferred_queue', to: department });
    });
  }

  /**
   * Warm transfer: a directed offer to a colleague with my note; I stay in the call until they
   * accept. With `consult`, once they accept the visitor is on hold while we talk privately
   * (`consult:update`), then they join the visitor and I leave.
   */
  async transferToColleague(colleague: Pick<WorkerView, 'id' | 'displayName'>, note: string, consult = false): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    const trimmed = note.trim();
    if (!sessionId || !trimmed || s.pending.transfer) return false;
    return this.withPending('transfer', async () => {
      await this.req('session:transfer', { sessionId, mode: 'warm', toWorkerId: colleague.id, note: trimmed, ...(consult ? { consult: true } : {}) });
      this.dispatch({ type: 'transferStarted', sessionId, toWorkerId: colleague.id, toName: colleague.displayName });
    });
  }

  /** Clears the "did not take the transfer" notice. */
  dismissTransfer(): void {
    const tr = this.store.getSnapshot().transfer;
    if (tr?.status === 'failed') this.patch({ transfer: null });
  }

  /** Hands the visitor back to the AI assistant; my part ends. */
  async handBack(note?: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId || s.pending.handback) return false;
    return this.withPending('handback', async () => {
      const trimmed = note?.trim();
      const { session } = await this.req('session:handback', { sessionId, ...(trimmed ? { note: trimmed } : {}) });
      this.dispatch({ type: 'ended', session, byMe: true, outcome: 'handback' });
    });
  }

  // --- push-to-talk --------------------------------------------------------------------

  /** Sends a recorded utterance (push-to-talk): transcribed, translated and shown to the visitor. */
  async sendUtterance(audio: Uint8Array<ArrayBuffer>, mimeType: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const sessionId = s.assignment?.session.id;
    if (!sessionId || audio.byteLength === 0 || s.pending.utterance) return false;
    this.setPending({ utterance: true });
    this.patch({ utterance: { status: 'sending', error: null } });
    try {
      const { entry } = await this.req('worker:utterance', { sessionId, audio, mimeType }, 30_000);
      this.dispatch({ type: 'entry', entry });
      this.patch({ utterance: { status: 'sent', error: null } });
      return true;
    } catch (err) {
      // Speech recognition may be down or missing: say that it was the voice input, with the server's reason.
      const detail = err instanceof RequestError ? err.wire.message : err instanceof Error ? err.message : String(err);
      this.patch({ utterance: { status: 'failed', error: { key: 'ptt.failed', detail } } });
      return false;
    } finally {
      this.setPending({ utterance: false });
    }
  }

  /** A push-to-talk problem found in the browser (no microphone, recorder failed). */
  utteranceProblem(key: string, detail?: string): void {
    this.patch({ utterance: { status: 'failed', error: { key, ...(detail ? { detail } : {}) } } });
  }

  // --- session history -----------------------------------------------------------------

  /** Searches past sessions (mine; supervisors: everyone's), newest first. */
  async searchHistory(query: string): Promise<void> {
    const q = query.trim();
    this.store.update((s) => ({ ...s, sessionHistory: { ...s.sessionHistory, status: 'loading', query: q } }));
    try {
      const { sessions } = await this.req('sessions:search', { ...(q ? { query: q } : {}), limit: 20 });
      this.store.update((s) => (s.sessionHistory.query === q ? { ...s, sessionHistory: { ...s.sessionHistory, status: 'ready', sessions } } : s));
    } catch (err) {
      this.store.update((s) => (s.sessionHistory.query === q ? { ...s, sessionHistory: { ...s.sessionHistory, status: 'error' } } : s));
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
    }
  }

  /** Opens a past session: its transcript and notes. */
  async openHistorySession(sessionId: string): Promise<void> {
    const setSelected = (sel: typeof idleHistory.selected) =>
      this.store.update((s) => (sel && s.sessionHistory.selected && s.sessionHistory.selected.sessionId !== sel.sessionId ? s : { ...s, sessionHistory: { ...s.sessionHistory, selected: sel } }));
    this.store.update((s) => ({ ...s, sessionHistory: { ...s.sessionHistory, selected: { sessionId, status: 'loading', transcript: [], notes: [] } } }));
    try {
      const [{ transcript }, { notes }] = await Promise.all([this.req('sessions:transcript', { sessionId }), this.req('session:notes', { sessionId })]);
      setSelected({ sessionId, status: 'ready', transcript, notes });
    } catch {
      setSelected({ sessionId, status: 'error', transcript: [], notes: [] });
    }
  }

  closeHistorySession(): void {
    this.store.update((s) => ({ ...s, sessionHistory: { ...s.sessionHistory, selected: null } }));
  }

  // --- callbacks -----------------------------------------------------------------------

  /** Loads the open callbacks (also on `callbacks:changed`). */
  async loadCallbacks(): Promise<void> {
    const role = this.store.getSnapshot().worker?.role;
    if (role && !servesVisitors(role)) return;
    this.store.update((s) => ({ ...s, callbacks: { ...s.callbacks, status: s.callbacks.status === 'ready' ? 'ready' : 'loading' } }));
    try {
      const { callbacks } = await this.req('callbacks:list', {});
      this.store.update((s) => ({ ...s, callbacks: { ...s.callbacks, status: 'ready', items: callbacks } }));
    } catch {
      this.store.update((s) => ({ ...s, callbacks: { ...s.callbacks, status: 'error' } }));
    }
  }

  /** The full contact of one callback (lists show it masked); the server audits each view. Null when refused. */
  async callbackContact(callbackId: string): Promise<{ name: string; contact: string } | null> {
    try {
      return await this.req('callback:contact', { callbackId });
    } catch (err) {
      this.store.update((s) => ({ ...s, callbacks: { ...s.callbacks, result: { ok: false, ...errorMessage(err, 'errors.internal') } } }));
      return null;
    }
  }

  // --- accounts (supervisors) ---------------------------------------------------------

  /** Supervisors: every console account with its role and status. */
  async listUsers(): Promise<{ ok: true; users: UserAccount[] } | { ok: false; error: UiMessage }> {
    try {
      return { ok: true, users: (await this.req('users:list', {})).users };
    } catch (err) {
      return { ok: false, error: errorMessage(err, 'errors.internal') };
    }
  }

  /** Supervisors: enable, disable or delete an account; the user's sign-ins end and sockets close at once. */
  async setUserStatus(workerId: string, status: AccountStatus): Promise<{ ok: true; user: UserAccount } | { ok: false; error: UiMessage }> {
    try {
      return { ok: true, user: (await this.req('user:set-status', { workerId, status })).user };
    } catch (err) {
      return { ok: false, error: errorMessage(err, 'errors.internal') };
    }
  }

  /** Supervisors: change an account's role; the user signs in again with it. */
  async setUserRole(workerId: string, role: Role): Promise<{ ok: true; user: UserAccount } | { ok: false; error: UiMessage }> {
    try {
      return { ok: true, user: (await this.req('user:set-role', { workerId, role })).user };
    } catch (err) {
      return { ok: false, error: errorMessage(err, 'errors.internal') };
    }
  }

  /** Marks a callback done after calling the visitor back. */
  async completeCallback(callbackId: string): Promise<void> {
    if (this.store.getSnapshot().pending.callbackId) return;
    this.setPending({ callbackId });
    try {
      const { callback } = await this.req('callback:complete', { callbackId });
      this.store.update((s) => ({
        ...s,
        callbacks: { ...s.callbacks, items: s.callbacks.items.filter((c) => c.id !== callbackId), result: { ok: true, key: 'callbacks.done', params: { ticket: callback.ticket } } },
      }));
    } catch (err) {
      this.store.update((s) => ({ ...s, callbacks: { ...s.callbacks, result: { ok: false, ...errorMessage(err, 'errors.internal') } } }));
    } finally {
      this.setPending({ callbackId: null });
    }
  }

  // --- supervision ---------------------------------------------------------------------

  /** Loads the live supervision snapshot (then kept current by `supervisor:update`). */
  async loadSupervisor(): Promise<void> {
    try {
      const snapshot = await this.req('supervisor:snapshot', {});
      this.dispatch({ type: 'supervisor', snapshot, now: this.o.now() });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.supervision') });
    }
  }

  /** Offers a waiting visitor to a chosen worker now. */
  async reassign(sessionId: string, toWorker: Pick<WorkerView, 'id' | 'displayName'>): Promise<void> {
    if (this.store.getSnapshot().pending.reassign) return;
    this.setPending({ reassign: sessionId });
    let assign: NonNullable<ConsoleState['supervisor']>['assign'];
    try {
      await this.req('supervisor:reassign', { sessionId, toWorkerId: toWorker.id });
      assign = { sessionId, ok: true, message: { key: 'supervision.assigned', params: { name: toWorker.displayName } } };
    } catch (err) {
      assign = { sessionId, ok: false, message: errorMessage(err, 'errors.internal') };
    } finally {
      this.setPending({ reassign: null });
    }
    this.store.update((s) => (s.supervisor ? { ...s, supervisor: { ...s.supervisor, assign } } : s));
  }

  /** Starts monitoring a live call: its context, then receive-only media. */
  async startMonitor(call: Pick<LiveCall, 'sessionId' | 'deviceName' | 'workerName'>): Promise<void> {
    const s = this.store.getSnapshot();
    if (s.pending.monitor) return;
    if (s.monitor && s.monitor.sessionId !== call.sessionId) await this.stopMonitor();
    this.patch({ monitor: { sessionId: call.sessionId, status: 'starting', call: null, deviceName: call.deviceName, workerName: call.workerName, barged: false, error: null } });
    this.setPending({ monitor: true });
    try {
      const context = await this.req('supervisor:monitor', { sessionId: call.sessionId });
      this.dispatch({ type: 'monitorStarted', call: context });
      void this.monitorMedia?.start(call.sessionId, { mic: false });
    } catch (err) {
      this.store.update((st) => (st.monitor?.sessionId === call.sessionId ? { ...st, monitor: { ...st.monitor, status: 'error', error: errorMessage(err, 'errors.internal') } } : st));
    } finally {
      this.setPending({ monitor: false });
    }
  }

  /** Barge in: the supervisor may speak (media restarted with the microphone) and post messages. */
  async bargeIn(): Promise<void> {
    const s = this.store.getSnapshot();
    const m = s.monitor;
    if (!m || m.status !== 'watching' || m.barged || s.pending.monitor) return;
    this.setPending({ monitor: true });
    try {
      await this.req('supervisor:barge-in', { sessionId: m.sessionId });
      this.dispatch({ type: 'bargedIn', sessionId: m.sessionId });
      void this.monitorMedia?.start(m.sessionId, { mic: true });
      this.patch({ actionError: null });
    } catch (err) {
      this.patch({ actionError: errorMessage(err, 'errors.internal') });
    } finally {
      this.setPending({ monitor: false });
    }
  }

  /** After barging in: a message to the visitor in the monitored call. */
  async sendSupervisorMessage(text: string): Promise<boolean> {
    const s = this.store.getSnapshot();
    const m = s.monitor;
    const trimmed = text.trim();
    if (!m?.barged || !trimmed || s.pending.message) return false;
    return this.withPending('message', async () => {
      const { entry } = await this.req('supervisor:message', { sessionId: m.sessionId, text: trimmed });
      this.dispatch({ type: 'entry', entry });
    });
  }

  /** Stops monitoring: leaves the call and closes its media. */
  async stopMonitor(): Promise<void> {
    const m = this.store.getSnapshot().monitor;
    if (!m) return;
    this.monitorMedia?.stop();
    this.dispatch({ type: 'monitorStopped' });
    if (m.status === 'watching' || m.status === 'ended') {
      try {
        await this.req('supervisor:leave', { sessionId: m.sessionId });
      } catch (err) {
        this.o.log.warn('[console] supervisor:leave failed:', err);
      }
    }
  }

  // --- reports -------------------------------------------------------------------------

  /** Computes the KPI report for a filter. */
  async loadKpi(filter: KpiFilter): Promise<void> {
    this.store.update((s) => ({ ...s, kpi: { ...s.kpi, status: 'loading', filter, error: null } }));
    try {
      const report = await this.req('kpi:report', filter, 20_000);
      this.store.update((s) => (s.kpi.filter === filter ? { ...s, kpi: { status: 'ready', filter, report, error: null } } : s));
    } catch (err) {
      this.store.update((s) => (s.kpi.filter === filter ? { ...s, kpi: { ...s.kpi, status: 'error', error: errorMessage(err, 'errors.internal') } } : s));
    }
  }

  /** Downloads the KPI report or the session list of the current filter as CSV (HTTP with my token). */
  async downloadCsv(kind: 'kpi' | 'sessions'): Promise<boolean> {
    const s = this.store.getSnapshot();
    const left = this.auth ? secondsLeft(this.auth.token, this.o.now()) : null;
    if (left !== null && left < 30) await this.refreshToken();
    const token = this.auth?.token;
    if (!token || s.pending.csv) return false;
    this.setPending({ csv: kind });
    try {
      const res = await this.o.fetch(`/api/${kind}.csv${kpiQueryString(s.kpi.filter)}`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) {
        let detail = `HTTP ${res.status}`;
        try {
          const body = (await res.json()) as { error?: { message?: string } };
          if (body.error?.message) detail = body.error.message;
        } catch {
          // not JSON: keep the status
        }
        this.patch({ actionError: { key: 'reports.csvFailed', detail } });
        return false;
      }
      const blob = await res.blob();
      this.o.saveFile(blob, filenameFromDisposition(res.headers.get('Content-Disposition'), `${kind}.csv`));
      this.patch({ actionError: null });
      return true;
    } catch (err) {
      this.patch({ actionError: { key: 'reports.csvFailed', detail: err instanceof Error ? err.message : String(err) } });
      return false;
    } finally {
      this.setPending({ csv: null });
    }
  }
}
