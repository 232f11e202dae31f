import { io, type Socket } from 'socket.io-client';
import { kioskEvents, kioskRequests, RobotCommand, type Capabilities, type KioskContent, type Language, type QueueStatus, type SessionEmergency, type SessionView, type TranscriptEntry } from '@telekiosk/shared';
import { MediaSession, request, RequestError } from '@telekiosk/shared/client';
import { RobotLink, type RobotStatus } from './RobotLink.ts';
import type { RendererConfig } from './runtimeConfig.ts';

/** Screens of the visitor journey, in order. */
export type Screen = 'attract' | 'language' | 'consent' | 'chat' | 'waiting' | 'call' | 'rating' | 'thanks';

/**
 * Everything the kiosk UI renders. Components read it with `useSyncExternalStore`; only the
 * client changes it. Wiped on reset so nothing of a visitor stays on screen.
 */
export interface KioskState {
  screen: Screen;
  language: Language;
  session: SessionView | null;
  transcript: TranscriptEntry[];
  queue: QueueStatus | null;
  /** Set while the session is a safety escalation (the calm emergency screen); null otherwise. */
  emergency: SessionEmergency | null;
  /** Display name of the worker in the call. */
  workerName: string | null;
  remoteStream: MediaStream | null;
  localStream: MediaStream | null;
  /** True when camera/mic could not be opened for the call. */
  cameraUnavailable: boolean;
  /**
   * Socket state: `replaced` when another connection of this device took over (one active
   * connection per device); the kiosk then stops and says so.
   */
  connection: 'connecting' | 'online' | 'offline' | 'replaced';
  /**
   * The visitor is on hold while two staff members talk privately (warm transfer with a
   * consult, `call:hold`): the calm hold screen shows, the workers' audio and video are kept away.
   */
  onHold: boolean;
  /** The call's video is being set up again (SFU worker lost, reconnect): show "reconnecting video". */
  videoReconnecting: boolean;
  /** Visitor messages sent while offline, resent with the same client id once back (never duplicated). */
  pendingMessages: number;
  /** A request is in flight (disable double sends). */
  busy: boolean;
  /** Locale key of the last error to show, or null. */
  errorKey: string | null;
  robot: RobotStatus;
  /** False while the orchestrator has the device out of service (critical alert or staff). */
  inService: boolean;
  /** What the orchestrator offers (speech input, provider voice, translation). */
  capabilities: Capabilities;
  /** Content the worker pushed to the screen, or null. */
  content: KioskContent | null;
  /** Ticket number after a callback request. */
  callbackTicket: string | null;
  /** Push-to-talk recording in progress. */
  recording: boolean;
  /** Read assistant answers aloud. */
  voiceOn: boolean;
  /** Camera and microphone health as seen from the media devices and tracks. */
  media: { camera: 'ok' | 'failed' | 'unknown'; microphone: 'ok' | 'failed' | 'unknown' };
}

const APP_VERSION = '0.1.0';

/** A v4 UUID for client request ids (`crypto.randomUUID` needs a secure context; this does not). */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const TELEMETRY_MS = 5000;
const THANKS_MS = 6000;
const RATING_TIMEOUT_MS = 30_000;

/**
 * Owns the kiosk's socket, session, media call, robot link and idle reset. UI components
 * call its methods and render its state.
 */
export class KioskClient {
  private state: KioskState;
  private readonly listeners = new Set<() => void>();
  private readonly socket: Socket;
  private readonly robot: RobotLink;
  private media: MediaSession | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private telemetryTimer: ReturnType<typeof setInterval> | null = null;

  /**
   * @param trust where a rotated credential is stored (`device:credential`, acknowledged once
   *   stored) and what happens when the credential is refused or revoked (the kiosk enrols again).
   */
  constructor(
    private readonly config: RendererConfig,
    private readonly trust: { storeCredential?: (c: { deviceId: string; deviceToken: string }) => Promise<void>; onRevoked?: () => void } = {},
  ) {
    this.state = this.initialState();
    this.socket = io(`${config.orchestratorUrl}/kiosk`, { auth: { deviceId: config.deviceId, deviceToken: config.deviceToken }, transports: ['websocket'] });
    this.robot = new RobotLink(config.rosbridgeUrl, (robot) => {
      this.set({ robot });
      this.scheduleTelemetry();
    }, config.limits);
    this.wireSocket();
  }

  private initialState(): KioskState {
    return {
      screen: 'attract',
      language: this.config.defaultLocale,
      session: null,
      transcript: [],
      queue: null,
      emergency: null,
      workerName: null,
      remoteStream: null,
      localStream: null,
      cameraUnavailable: false,
      connection: this.state?.connection ?? 'connecting',
      videoReconnecting: false,
      onHold: false,
      pendingMessages: 0,
      busy: false,
      errorKey: null,
      inService: this.state?.inService ?? true,
      capabilities: this.state?.capabilities ?? { speechInput: false, speechOutput: 'browser', translation: 'none' },
      recording: false,
      callbackTicket: null,
      content: null,
      voiceOn: true,
      media: this.state?.media ?? { camera: 'unknown', microphone: 'unknown' },
      robot: this.state?.robot ?? { link: this.config.rosbridgeUrl ? 'down' : 'none', batteryPercent: null, charging: null, estop: false, pose: null, navigation: null, stuck: false },
    };
  }

  // --- store ---------------------------------------------------------------------------
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getSnapshot = () => this.state;
  private set(patch: Partial<KioskState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        /* a listener cannot break the client */
      }
    }
  }

  start(): void {
    this.robot.start();
    void this.checkMediaDevices();
    navigator.mediaDevices?.addEventListener?.('devicechange', () => void this.checkMediaDevices());
    this.telemetryTimer = setInterval(() => this.sendTelemetry(), TELEMETRY_MS);
  }

  // --- socket --------------------------------------------------------------------------
  private wireSocket() {
    const s = this.socket;
    s.on('connect', () => {
      this.set({ connection: 'online' });
      this.sendTelemetry();
      // Reconnect means resync: the session as it is now, every line missed, then the outbox.
      void this.resume();
    });
    s.on('disconnect', () => {
      if (this.state.connection !== 'replaced') this.set({ connection: 'offline' });
    });
    s.on('connect_error', (err: Error) => {
      if (this.state.connection !== 'replaced') this.set({ connection: 'offline' });
      // A refused or revoked credential does not heal by retrying: enrol again.
      if (/^unauthorized/.test(err.message)) {
        s.io.reconnection(false);
        this.trust.onRevoked?.();
      }
    });
    s.on('device:revoked', () => {
      s.io.reconnection(false);
      this.stopMedia();
      this.trust.onRevoked?.();
    });
    // Credential rotation from the console: store the new one first, then confirm (the old one stops working after the confirmation).
    s.on('device:credential', (payload: unknown, ack?: (r: { ok: boolean }) => void) => {
      const parsed = kioskEvents['device:credential'].safeParse(payload);
      if (!parsed.success || parsed.data.deviceId !== this.config.deviceId || !this.trust.storeCredential) return ack?.({ ok: false });
      const next = { deviceId: parsed.data.deviceId, deviceToken: parsed.data.deviceToken };
      this.trust.storeCredential(next).then(
        () => {
          s.auth = next;
          ack?.({ ok: true });
        },
        () => ack?.({ ok: false }),
      );
    });
    s.on('device:replaced', () => {
      // Another window or machine runs this device now: stop (no reconnect) and say so.
      this.set({ connection: 'replaced' });
      this.stopMedia();
      s.io.reconnection(false);
    });
    s.on('media:restart', (p: unknown) => {
      const parsed = kioskEvents['media:restart'].safeParse(p);
      if (!parsed.success || parsed.data.sessionId !== this.state.session?.id || this.state.screen !== 'call') return;
      void this.restartMedia(parsed.data.sessionId);
    });
    const on = <K extends keyof typeof kioskEvents>(event: K, fn: (p: ReturnType<(typeof kioskEvents)[K]['parse']>) => void) => {
      s.on(event as string, (payload: unknown) => {
        const parsed = kioskEvents[event].safeParse(payload);
        if (!parsed.success) return console.warn(`ignored invalid ${event}`, parsed.error.issues);
        fn(parsed.data as never);
      });
    };
    on('transcript:entry', (e) => {
      if (e.sessionId !== this.state.session?.id) return;
      this.addEntries([e]);
    });
    on('session:update', (session) => {
      if (session.id !== this.state.session?.id) return;
      const wasInCall = this.state.screen === 'call';
      this.set({ session });
      if (session.state === 'queued' && (this.state.screen === 'chat' || wasInCall)) {
        // Escalated, or the worker was lost / transferred the call: wait for the next person.
        if (wasInCall) this.stopMedia();
        this.set({ screen: 'waiting', workerName: null, remoteStream: null, localStream: null, onHold: false });
      }
      if (session.state === 'intake' && wasInCall) {
        // Handed back to the AI assistant.
        this.stopMedia();
        this.set({ screen: 'chat', workerName: null, remoteStream: null, localStream: null, onHold: false });
      }
      if (session.state === 'ended' && this.state.screen !== 'rating' && this.state.screen !== 'thanks' && session.disposition !== 'callback') {
        if (session.workerId) this.toRating();
        else this.reset();
      }
    });
    on('session:emergency', (emergency) => {
      if (emergency.sessionId === this.state.session?.id) this.set({ emergency });
    });
    on('queue:status', (queue) => {
      if (queue.sessionId === this.state.session?.id) this.set({ queue });
    });
    on('call:hold', (h) => {
      if (h.sessionId !== this.state.session?.id) return;
      this.set({ onHold: h.hold && this.state.screen === 'call' });
    });
    on('call:started', (c) => {
      if (c.sessionId !== this.state.session?.id) return;
      // A warm transfer brings a new worker into a running call: restart the media session.
      if (this.media) this.stopMedia();
      this.set({ workerName: c.worker.displayName, screen: 'call', queue: null, remoteStream: null });
      void this.startMedia(c.sessionId);
    });
    on('device:service', (svc) => {
      this.set({ inService: svc.inService });
      if (!svc.inService && (this.state.screen === 'attract' || this.state.screen === 'language' || this.state.screen === 'consent')) this.reset();
    });
    on('device:reload', () => window.location.reload());
    on('device:capabilities', (capabilities) => this.set({ capabilities }));
    on('content:show', (content) => {
      if (this.state.screen === 'call') this.set({ content });
    });
    on('content:clear', () => this.set({ content: null }));
    s.on('robot:command', (payload: unknown, ack?: (r: unknown) => void) => {
      const parsed = RobotCommand.safeParse(payload);
      if (!parsed.success) return ack?.({ ok: false, reason: 'bad_command' });
      void this.robot.handle(parsed.data).then((r) => ack?.(r));
    });
    on('call:ended', (c) => {
      if (c.sessionId === this.state.session?.id) this.toRating();
    });
  }

  private telemetrySoon: ReturnType<typeof setTimeout> | null = null;
  /** Coalesces bursts of robot status changes (odometry arrives at 2 Hz) into one report. */
  private scheduleTelemetry() {
    if (this.telemetrySoon) return;
    this.telemetrySoon = setTimeout(() => {
      this.telemetrySoon = null;
      this.sendTelemetry();
    }, 300);
  }

  private sendTelemetry() {
    if (!this.socket.connected) return;
    const r = this.state.robot;
    const robot = r.link === 'none' ? null : { estop: r.estop, pose: r.pose, navigation: r.navigation, stuck: r.stuck };
    void request(this.socket, kioskRequests, 'device:telemetry', { batteryPercent: r.batteryPercent, charging: r.charging, robotLink: r.link, appVersion: APP_VERSION, robot, media: this.state.media }).catch((err: unknown) => console.debug('telemetry not delivered', err));
  }

  /** Camera/microphone health: present in the device list (labels need no permission for `kind`). */
  private async checkMediaDevices() {
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      const media = {
        camera: devices.some((d) => d.kind === 'videoinput') ? ('ok' as const) : ('failed' as const),
        microphone: devices.some((d) => d.kind === 'audioinput') ? ('ok' as const) : ('failed' as const),
      };
      if (media.camera !== this.state.media.camera || media.microphone !== this.state.media.microphone) {
        this.set({ media });
        this.sendTelemetry();
      }
    } catch {
      /* enumerateDevices unavailable: stay unknown */
    }
  }

  /** The on-screen emergency stop: latches until facility staff release it. */
  engageEstop = () => {
    this.robot.engageEstop('kiosk');
    this.sendTelemetry();
  };

  private addEntries(entries: TranscriptEntry[]) {
    const byId = new Map(this.state.transcript.map((e) => [e.id, e]));
    for (const e of entries) byId.set(e.id, e);
    this.set({ transcript: [...byId.values()].sort((a, b) => a.seq - b.seq) });
  }

  // --- visitor actions -----------------------------------------------------------------
  /** Any touch or key press: postpones the idle reset. */
  noteActivity = () => this.armIdle();

  touchStart() {
    this.set({ screen: 'language' });
    this.armIdle();
  }

  chooseLanguage(language: Language) {
    this.set({ language, screen: 'consent' });
    this.armIdle();
  }

  /**
   * The visitor changes language mid-session: the UI switches at once; the orchestrator is told
   * (`session:language`) so answers, notices and the worker follow. A failure keeps the UI language.
   */
  switchLanguage(language: Language) {
    this.set({ language });
    this.armIdle();
    const session = this.state.session;
    if (!session || session.state === 'ended') return;
    void request(this.socket, kioskRequests, 'session:language', { sessionId: session.id, language })
      .then((r) => this.state.session?.id === r.session.id && this.set({ session: r.session }))
      .catch((err: unknown) => console.warn('session:language failed', err));
  }

  back() {
    const prev: Partial<Record<Screen, Screen>> = { language: 'attract', consent: 'language' };
    const to = prev[this.state.screen];
    if (to) this.set({ screen: to });
    this.armIdle();
  }

  /** Consent accepted: starts the session with the assistant or straight to a person. */
  async acceptConsent(mode: 'assistant' | 'person') {
    await this.guard(async () => {
      const res = await request(this.socket, kioskRequests, 'session:start', { language: this.state.language, consentAcceptedAt: new Date().toISOString(), mode });
      this.set({ session: res.session, transcript: res.transcript, screen: res.session.state === 'queued' ? 'waiting' : 'chat' });
    });
    this.armIdle();
  }

  /**
   * Sends a typed message. Each message has a client id; when the connection is down the
   * message waits in the outbox and is sent again with the same id after the reconnect, so it
   * is stored exactly once.
   */
  async sendMessage(text: string) {
    const session = this.state.session;
    if (!session || !text.trim()) return;
    const msg = { sessionId: session.id, text, clientId: newClientId() };
    await this.guard(async () => {
      try {
        this.afterVisitorTurn(await request(this.socket, kioskRequests, 'visitor:message', msg));
      } catch (err) {
        if (!this.socket.connected || (err instanceof RequestError && err.code === 'unavailable')) {
          this.outbox.push(msg);
          this.set({ pendingMessages: this.outbox.length });
          return;
        }
        throw err;
      }
    });
    this.armIdle();
  }

  /** Messages waiting for the connection (sent again with the same client id). */
  private readonly outbox: { sessionId: string; text: string; clientId: string }[] = [];

  /** After a (re)connect: resync the session by sequence number, then send the outbox. */
  private async resume(): Promise<void> {
    const session = this.state.session;
    if (!session || session.state === 'ended' || this.state.screen === 'rating' || this.state.screen === 'thanks') return;
    const lastSeq = this.state.transcript.reduce((m, e) => Math.max(m, e.seq), 0);
    try {
      const snap = await request(this.socket, kioskRequests, 'session:resume', { sessionId: session.id, lastSeq });
      if (this.state.session?.id !== session.id) return;
      this.addEntries(snap.entries);
      this.set({ session: snap.session, queue: snap.queue, emergency: snap.emergency });
      const s = snap.session;
      if (s.state === 'ended') {
        if (s.workerId && s.disposition !== 'callback') this.toRating();
        else if ((this.state.screen as Screen) !== 'thanks') this.reset();
        return;
      }
      if (s.state === 'queued' && this.state.screen !== 'waiting') {
        this.stopMedia();
        this.set({ screen: 'waiting', workerName: null, remoteStream: null, localStream: null });
      } else if (s.state === 'intake' && this.state.screen !== 'chat') {
        this.stopMedia();
        this.set({ screen: 'chat', workerName: null, remoteStream: null, localStream: null });
      } else if (s.state === 'in_call' && snap.call) {
        // The orchestrator may have restarted, or the path changed: media joins again.
        this.set({ workerName: snap.call.worker.displayName, screen: 'call', queue: null });
        void this.restartMedia(s.id);
      }
    } catch (err) {
      console.warn('session:resume failed', err);
      return;
    }
    while (this.outbox.length > 0 && this.socket.connected) {
      const msg = this.outbox[0]!;
      if (msg.sessionId !== this.state.session?.id) {
        this.outbox.shift();
        continue;
      }
      try {
        this.afterVisitorTurn(await request(this.socket, kioskRequests, 'visitor:message', msg));
        this.outbox.shift();
      } catch (err) {
        console.warn('outbox send failed', err);
        break;
      }
    }
    this.set({ pendingMessages: this.outbox.length });
  }

  private afterVisitorTurn(res: { entries: TranscriptEntry[]; session: SessionView }) {
    this.addEntries(res.entries);
    this.set({ session: res.session });
    if (res.session.state === 'queued' && this.state.screen === 'chat') this.set({ screen: 'waiting' });
    const reply = res.entries.find((e) => e.speaker === 'assistant');
    if (reply) void this.speak(reply.text, reply.language);
  }

  // --- voice ---------------------------------------------------------------------------
  private recorder: MediaRecorder | null = null;
  private recordedChunks: Blob[] = [];

  /** Push-to-talk: starts recording the microphone (only when speech input is configured). */
  async startTalking() {
    if (!this.state.capabilities.speechInput || this.recorder || !this.state.session) return;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const recorder = new MediaRecorder(stream);
      this.recordedChunks = [];
      recorder.ondataavailable = (e) => this.recordedChunks.push(e.data);
      recorder.onstop = () => {
        for (const t of stream.getTracks()) t.stop();
        void this.sendUtterance(new Blob(this.recordedChunks, { type: recorder.mimeType || 'audio/webm' }));
      };
      recorder.start();
      this.recorder = recorder;
      this.set({ recording: true });
    } catch {
      this.set({ errorKey: 'voice.micUnavailable', media: { ...this.state.media, microphone: 'failed' } });
    }
    this.armIdle();
  }

  /** Push-to-talk released: sends the utterance for transcription. */
  stopTalking() {
    const r = this.recorder;
    this.recorder = null;
    this.set({ recording: false });
    if (r && r.state !== 'inactive') r.stop();
  }

  /** A phrase from hands-free listening (voice activity detection), sent for transcription. */
  async sendSpeech(audio: Uint8Array<ArrayBuffer>, mimeType: string) {
    await this.sendUtterance(new Blob([audio], { type: mimeType }));
    this.armIdle();
  }

  private async sendUtterance(blob: Blob) {
    const session = this.state.session;
    if (!session || blob.size === 0) return;
    await this.guard(async () => {
      const audio = new Uint8Array(await blob.arrayBuffer());
      const res = await request(this.socket, kioskRequests, 'visitor:utterance', { sessionId: session.id, audio, mimeType: blob.type || 'audio/webm' }, 30_000);
      this.afterVisitorTurn(res);
    });
  }

  /** Leaves a callback request; on success shows the ticket number, then resets after a while. */
  async requestCallback(name: string, contact: string): Promise<boolean> {
    const session = this.state.session;
    if (!session) return false;
    let done = false;
    await this.guard(async () => {
      const r = await request(this.socket, kioskRequests, 'visitor:callback', { sessionId: session.id, name, contact });
      this.set({ callbackTicket: r.ticket, screen: 'thanks' });
      this.armIdle(20_000);
      done = true;
    });
    return done;
  }

  toggleVoice = () => {
    this.set({ voiceOn: !this.state.voiceOn });
    if (!this.state.voiceOn) window.speechSynthesis?.cancel();
  };

  /** Reads an assistant line aloud: the provider's voice when configured, else the browser's own. */
  private async speak(text: string, language: string) {
    if (!this.state.voiceOn) return;
    if (this.state.capabilities.speechOutput === 'provider') {
      try {
        const r = await request(this.socket, kioskRequests, 'speech:synthesize', { text: text.slice(0, 4096), language: language as Language }, 15_000);
        const url = URL.createObjectURL(new Blob([new Uint8Array(r.audio)], { type: r.mimeType }));
        const audio = new Audio(url);
        audio.onended = () => URL.revokeObjectURL(url);
        await audio.play();
        return;
      } catch {
        /* fall back to the browser voice */
      }
    }
    const synth = window.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = language;
    synth.cancel();
    synth.speak(u);
  }

  async requestPerson() {
    const session = this.state.session;
    if (!session) return;
    await this.guard(async () => {
      const res = await request(this.socket, kioskRequests, 'visitor:request-person', { sessionId: session.id });
      this.set({ session: res.session, screen: res.session.state === 'in_call' ? 'call' : 'waiting' });
    });
  }

  async rate(rating: number) {
    const session = this.state.session;
    if (session) await request(this.socket, kioskRequests, 'session:rate', { sessionId: session.id, rating }).catch((err: unknown) => console.warn('rating not delivered', err));
    this.toThanks();
  }

  skipRating() {
    this.toThanks();
  }

  /** The visitor leaves (Finish / Cancel): ends the session and wipes the screen. */
  async leave() {
    const session = this.state.session;
    if (session && session.state !== 'ended') await request(this.socket, kioskRequests, 'session:leave', { sessionId: session.id, reason: 'visitor_left' }).catch((err: unknown) => console.warn('leave not delivered; the orchestrator ends the session after the grace', err));
    this.reset();
  }

  private async guard(fn: () => Promise<void>) {
    if (this.state.busy) return;
    this.set({ busy: true, errorKey: null });
    try {
      await fn();
    } catch (err) {
      console.warn(err);
      // Overload or an outage says so plainly ("very busy, try again shortly"), not a generic error.
      const busy = err instanceof RequestError && (err.code === 'unavailable' || err.code === 'rate_limited');
      this.set({ errorKey: busy ? 'status.tryLater' : 'status.error' });
    } finally {
      this.set({ busy: false });
    }
  }

  // --- call media ----------------------------------------------------------------------
  private async startMedia(sessionId: string) {
    let local: MediaStream | null = null;
    try {
      local = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
    } catch {
      this.set({ cameraUnavailable: true });
    }
    this.set({ localStream: local });
    for (const track of local?.getTracks() ?? []) {
      track.addEventListener('ended', () => {
        this.set({ media: { ...this.state.media, [track.kind === 'video' ? 'camera' : 'microphone']: 'failed' } });
        this.sendTelemetry();
      });
    }
    const media = new MediaSession(this.socket as never, sessionId, {
      remoteStream: (remoteStream) => {
        if (this.media !== media) return;
        this.set({ remoteStream, ...(remoteStream.getVideoTracks().length > 0 ? { videoReconnecting: false } : {}) });
      },
      problem: (key, message) => message && console.warn(key, message),
    });
    this.media = media;
    try {
      await media.start(local);
    } catch (err) {
      console.warn('media start failed', err);
    }
  }

  /** Sets the call's media up again (SFU worker lost, orchestrator restarted): "reconnecting video" until the picture is back. */
  private async restartMedia(sessionId: string) {
    this.stopMedia();
    this.set({ videoReconnecting: true, remoteStream: null, localStream: null });
    await this.startMedia(sessionId);
  }

  /** Inbound video stats of the worker's camera (diagnostics and end-to-end tests). */
  inboundVideoStats() {
    return this.media?.inboundVideoStats() ?? Promise.resolve(null);
  }

  /** Live remote tracks of the call by kind (diagnostics and end-to-end tests: nothing of the staff reaches a visitor on hold). */
  remoteTracks(): { audio: number; video: number } {
    const tracks = this.state.remoteStream?.getTracks().filter((t) => t.readyState === 'live') ?? [];
    return { audio: tracks.filter((t) => t.kind === 'audio').length, video: tracks.filter((t) => t.kind === 'video').length };
  }

  private stopMedia() {
    this.media?.close();
    this.media = null;
    for (const t of this.state.localStream?.getTracks() ?? []) t.stop();
    if (this.state.videoReconnecting) this.set({ videoReconnecting: false });
  }

  // --- endings and idle reset ----------------------------------------------------------
  private toRating() {
    this.stopMedia();
    this.set({ screen: 'rating', remoteStream: null, localStream: null, content: null, onHold: false });
    this.armIdle(RATING_TIMEOUT_MS);
  }

  private toThanks() {
    this.set({ screen: 'thanks' });
    this.armIdle(THANKS_MS);
  }

  /** Back to the attract screen with nothing of the previous visitor kept. */
  reset() {
    this.stopMedia();
    this.stopTalking();
    window.speechSynthesis?.cancel();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.state = this.initialState();
    this.set({});
  }

  private armIdle(ms = this.config.idleResetMs) {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const screen = this.state.screen;
    // Never reset a visitor who is waiting for or talking to a person.
    if (screen === 'attract' || screen === 'waiting' || screen === 'call') return;
    this.idleTimer = setTimeout(() => {
      const session = this.state.session;
      if (session && session.state !== 'ended' && this.state.screen !== 'rating' && this.state.screen !== 'thanks') {
        void request(this.socket, kioskRequests, 'session:leave', { sessionId: session.id, reason: 'idle' }).catch((err: unknown) => console.warn('idle leave not delivered', err));
      }
      this.reset();
    }, ms);
  }

  close() {
    this.stopMedia();
    this.robot.close();
    if (this.telemetryTimer) clearInterval(this.telemetryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.socket.close();
  }
}
