import type { z } from 'zod';
import type {
  Alert,
  Assignment,
  AssistUpdate,
  BatterySample,
  Callback,
  CannedReply,
  Capabilities,
  ConsultMessage,
  ConsultState,
  ConsoleEvents,
  ConsoleRequests,
  ControlLease,
  DeviceStatus,
  Enrolment,
  HandoffPackage,
  KioskContent,
  KpiFilter,
  KpiReport,
  Offer,
  PeerRole,
  RobotCommand,
  SessionNote,
  SessionSummary,
  SessionView,
  SupervisorSnapshot,
  TranscriptEntry,
  WorkerView,
} from '@telekiosk/shared';
import { servesVisitors } from '@telekiosk/shared';
import { idleKnowledge, idleReview, type KnowledgeState, type ReviewState, type VerdictState } from './knowledgeState.ts';

/** A message for the UI: a catalog key, its interpolation values and an optional raw detail. */
export interface UiMessage {
  key: string;
  params?: Record<string, string | number>;
  /** Untranslated technical detail (server message), shown after the localized text. */
  detail?: string;
}

/** Something for screen readers; `urgent` goes to the assertive live region. */
export interface Announcement extends UiMessage {
  id: number;
  urgent: boolean;
}

/** An offer with the local time it arrived (for the arrival highlight). */
export interface OfferItem extends Offer {
  receivedAt: number;
}

/**
 * How the worker's part in a session ended: `ended` (session over), `transferred_queue` (cold
 * transfer back to a department queue), `transferred_colleague` (a colleague accepted the warm
 * transfer), `handback` (back to the AI assistant).
 */
export type EndOutcome = 'ended' | 'transferred_queue' | 'transferred_colleague' | 'handback';

/** A session that just ended, shown during wrap-up. */
export interface EndedSession {
  session: SessionView;
  handoff: HandoffPackage;
  /** True when the worker ended it; false when the visitor left or the device reset. */
  byMe: boolean;
  outcome: EndOutcome;
  /** Colleague name (warm transfer) or department (cold transfer). */
  to?: string;
}

/** Media of the current call (streams are opaque references for the video elements). */
export interface CallMedia {
  sessionId: string;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** Media problems by key (`camera`, `media:recv`, ...): raw detail text. */
  problems: Record<string, string>;
}

export type Phase = 'signed_out' | 'signing_in' | 'connecting' | 'ready';
export type Connection = 'offline' | 'connecting' | 'connected' | 'reconnecting';

export interface Pending {
  login: boolean;
  /** The availability being requested (shown as chosen until the server answers). */
  state: 'available' | 'away' | null;
  offerId: string | null;
  message: boolean;
  end: boolean;
  note: boolean;
  kiosk: boolean;
  transfer: boolean;
  handback: boolean;
  utterance: boolean;
  /** Callback being marked done. */
  callbackId: string | null;
  /** Queue item being assigned by a supervisor. */
  reassign: string | null;
  /** Monitor start, barge-in or stop in flight. */
  monitor: boolean;
  csv: 'kpi' | 'sessions' | null;
  /** "Add a kiosk" in flight. */
  createDevice: boolean;
}

/** The last answer to a robot command sent from the call view (pings excluded). */
export interface RobotOutcome {
  command: RobotCommand['type'];
  /** For `navigate`: the waypoint asked for. */
  waypoint?: string;
  ok: boolean;
  /** Why it was refused: the kiosk's reason (`estop`, `robot_link_down`...) or `no_lease`, `unavailable`. */
  reason?: string;
  at: number;
}

/** The control latency readout: browser round trip of a `ping` command and the kiosk's rosbridge time. */
export interface RobotLatency {
  ok: boolean;
  /** performance.now() around the request, ms (null when it never came back). */
  browserMs: number | null;
  /** The kiosk's rosbridge round trip, ms. */
  rosRttMs: number | null;
  reason?: string;
  at: number;
}

export interface RobotUi {
  last: RobotOutcome | null;
  latency: RobotLatency | null;
  /** A navigate/cancel/dock/revoke request is in flight. */
  busy: boolean;
}

/** A device action of the fleet screen that is running or has answered. */
export interface DeviceActionState {
  pending: DeviceActionKind | null;
  /** The last outcome, shown in the device's card (role=status). */
  result: (UiMessage & { ok: boolean }) | null;
}
export type DeviceActionKind = 'estop' | 'service' | 'reload' | 'dock' | 'enrolment' | 'rotate' | 'revoke';

/** A one-time enrolment code the console shows (as text and as a QR code of its URL) until dismissed or replaced. */
export interface ShownEnrolment extends Enrolment {
  deviceName: string;
  /** True when the device was just added ("Add a kiosk"); false for a new code of an existing device. */
  created: boolean;
}

/** Device enrolment on the fleet screen (staff and supervisors). */
export interface EnrolmentState {
  /** The last enrolment code made, or null. */
  shown: ShownEnrolment | null;
  /** Why the last "Add a kiosk" failed (beside the form), or null. */
  createError: UiMessage | null;
}

/** Battery history of the device selected on the fleet screen. */
export interface BatteryHistory {
  deviceId: string;
  hours: number;
  status: 'loading' | 'ready' | 'error';
  samples: BatterySample[];
}

export type View = 'desk' | 'fleet' | 'history' | 'supervision' | 'reports' | 'knowledge' | 'review';

/**
 * Screens each role sees: workers Desk / History; supervisors also Supervision, Reports, Fleet
 * and Knowledge (read-only); a knowledge editor Knowledge; an AI trainer Review (a single screen
 * shows without tabs); staff: the fleet screen alone, no tabs.
 */
export function viewsFor(role: WorkerView['role'] | undefined): View[] {
  if (role === 'supervisor') return ['desk', 'supervision', 'reports', 'fleet', 'history', 'knowledge'];
  if (role === 'worker') return ['desk', 'history'];
  if (role === 'editor') return ['knowledge'];
  if (role === 'trainer') return ['review'];
  return [];
}

/** Notes of the current call. */
export interface CallNotes {
  sessionId: string;
  status: 'loading' | 'ready' | 'error';
  items: SessionNote[];
}

/** What the worker has put on the kiosk screen of the current call. */
export interface KioskShown {
  sessionId: string;
  content: KioskContent;
}

/** A warm transfer the worker started: waiting for the colleague, or not taken. */
export interface TransferState {
  sessionId: string;
  toWorkerId: string;
  toName: string;
  status: 'waiting' | 'failed';
  reason?: 'declined' | 'timeout' | 'unavailable';
}

/**
 * A warm transfer with a private consult I am part of (`consult:update`, see
 * packages/shared protocol/consult.ts), with its private lines; client/consultClient.ts keeps it.
 */
export interface ConsultView extends ConsultState {
  messages: ConsultMessage[];
  /** A consult request in flight. */
  pending: 'message' | 'join' | 'leave' | null;
  /** Why the last consult request failed. */
  error: UiMessage | null;
}

/** The last push-to-talk utterance. */
export interface UtteranceState {
  status: 'idle' | 'sending' | 'sent' | 'failed';
  error: UiMessage | null;
}

/** Session history search and the selected past session. */
export interface HistoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  query: string;
  sessions: SessionSummary[];
  selected: { sessionId: string; status: 'loading' | 'ready' | 'error'; transcript: TranscriptEntry[]; notes: SessionNote[] } | null;
}

/** The callback queue of the desk. */
export interface CallbacksState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: Callback[];
  /** Last outcome, shown beside the list (role=status). */
  result: (UiMessage & { ok: boolean }) | null;
}

/** Supervisor snapshot and when it arrived (waiting times and call lengths age from there). */
export interface SupervisorState {
  snapshot: SupervisorSnapshot;
  at: number;
  /** Outcome of the last "Assign to…", by queue item. */
  assign: { sessionId: string; ok: boolean; message: UiMessage } | null;
}

/** A call the supervisor monitors. */
export interface MonitorState {
  sessionId: string;
  status: 'starting' | 'watching' | 'ended' | 'error';
  /** Session, handoff and transcript (from `supervisor:monitor`, then live entries). */
  call: Assignment | null;
  /** Device and worker names from the supervision board, shown while starting. */
  deviceName: string;
  workerName: string;
  barged: boolean;
  error: UiMessage | null;
}

/** Media of the monitored call: every remote track and the peer role of each (by track id). */
export interface MonitorMedia extends CallMedia {
  roles: Record<string, PeerRole>;
}

/** The supervisor KPI report. */
export interface KpiState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  filter: KpiFilter;
  report: KpiReport | null;
  error: UiMessage | null;
}

export interface ConsoleState {
  phase: Phase;
  connection: Connection;
  /** Raw reason of the last connection problem (e.g. `websocket error`). */
  connectionDetail: string | null;
  /** Shown on the login screen (wrong credentials, expired sign-in...). */
  loginError: UiMessage | null;
  /** Last failed action on the desk or in the call. */
  actionError: UiMessage | null;
  worker: WorkerView | null;
  offers: OfferItem[];
  assignment: Assignment | null;
  ended: EndedSession | null;
  devices: DeviceStatus[];
  call: CallMedia | null;
  /**
   * Session whose visitor video has played in the current call, or null: while it is set and the
   * video is gone (a media restart), the video area says "Reconnecting video…" (see lib/callVideo.ts).
   */
  callVideoSeen: string | null;
  /** Robot control lease of the current assignment (assumed held from accept until a `robot:lease` says otherwise). */
  lease: ControlLease | null;
  robot: RobotUi;
  /** Open and acknowledged fleet alerts, critical first, then newest first. */
  alerts: Alert[];
  /** True once a `fleet:snapshot` has been loaded. */
  fleetLoaded: boolean;
  /** Desk or fleet screen (staff always see the fleet; supervisors switch with tabs). */
  view: View;
  deviceActions: Record<string, DeviceActionState>;
  enrolment: EnrolmentState;
  history: BatteryHistory | null;
  /** What the orchestrator can do (speech input, translation); null until hello. */
  capabilities: Capabilities | null;
  /** Agent-assist suggestions of the current call. */
  assist: AssistUpdate | null;
  /** Canned replies in my language. */
  canned: CannedReply[];
  notes: CallNotes | null;
  kioskShown: KioskShown | null;
  transfer: TransferState | null;
  /** The private consult of my call (warm transfer with consult), or null. */
  consult: ConsultView | null;
  /**
   * Worker-speaker lines of my call written by someone else (a colleague before a transfer, a
   * supervisor who barged in): shown as "Staff member", not "You".
   */
  otherStaff: { sessionId: string; ids: string[] } | null;
  /** Colleagues for a warm transfer (`workers:list`), without me. */
  colleagues: WorkerView[];
  utterance: UtteranceState;
  sessionHistory: HistoryState;
  callbacks: CallbacksState;
  supervisor: SupervisorState | null;
  monitor: MonitorState | null;
  monitorMedia: MonitorMedia | null;
  kpi: KpiState;
  /** Knowledge editor: articles, the open article, gaps, import and export (supervisors read). */
  knowledge: KnowledgeState;
  /** AI trainer: the review queue and the open conversation. */
  review: ReviewState;
  /** The verdict on the handoff of `ended` (wrap-up), once the worker sends it. */
  verdict: VerdictState | null;
  pending: Pending;
  /** Latest screen-reader announcements, one per live region (so they do not replace each other). */
  announcements: Announcements;
}

export interface Announcements {
  polite: Announcement | null;
  urgent: Announcement | null;
}

export const idlePending: Pending = {
  login: false,
  state: null,
  offerId: null,
  message: false,
  end: false,
  note: false,
  kiosk: false,
  transfer: false,
  handback: false,
  utterance: false,
  callbackId: null,
  reassign: null,
  monitor: false,
  csv: null,
  createDevice: false,
};

export const idleHistory: HistoryState = { status: 'idle', query: '', sessions: [], selected: null };
export const idleCallbacks: CallbacksState = { status: 'idle', items: [], result: null };
export const idleKpi: KpiState = { status: 'idle', filter: {}, report: null, error: null };
export const idleUtterance: UtteranceState = { status: 'idle', error: null };

export const idleEnrolment: EnrolmentState = { shown: null, createError: null };

export const idleRobot: RobotUi = { last: null, latency: null, busy: false };

export const initialState: ConsoleState = {
  phase: 'signed_out',
  connection: 'offline',
  connectionDetail: null,
  loginError: null,
  actionError: null,
  worker: null,
  offers: [],
  assignment: null,
  ended: null,
  devices: [],
  call: null,
  callVideoSeen: null,
  lease: null,
  robot: idleRobot,
  alerts: [],
  fleetLoaded: false,
  view: 'desk',
  deviceActions: {},
  enrolment: idleEnrolment,
  history: null,
  capabilities: null,
  assist: null,
  canned: [],
  notes: null,
  kioskShown: null,
  transfer: null,
  consult: null,
  otherStaff: null,
  colleagues: [],
  utterance: idleUtterance,
  sessionHistory: idleHistory,
  callbacks: idleCallbacks,
  supervisor: null,
  monitor: null,
  monitorMedia: null,
  kpi: idleKpi,
  knowledge: idleKnowledge,
  review: idleReview,
  verdict: null,
  pending: idlePending,
  announcements: { polite: null, urgent: null },
};

/** Push events the store handles (media events are consumed by MediaSession). */
export const STORE_EVENTS = [
  'worker:update',
  'offer:new',
  'offer:revoked',
  'session:update',
  'transcript:entry',
  'device:update',
  'robot:lease',
  'alert:update',
  'assist:update',
  'supervisor:update',
  'transfer:failed',
  'callbacks:changed',
  'handoff:update',
] as const;
export type StoreEventName = (typeof STORE_EVENTS)[number];
export type PushEvent = { [K in StoreEventName]: { type: K; payload: z.output<ConsoleEvents[K]> } }[StoreEventName];

export type HelloSnapshot = z.output<ConsoleRequests['console:hello']['response']>;

/** Server-data actions; UI flags (pending, errors) are patched directly by the client. */
export type Action =
  | { type: 'hello'; snapshot: HelloSnapshot; now: number }
  | { type: 'push'; event: PushEvent; now: number }
  | { type: 'assigned'; assignment: Assignment }
  | { type: 'entry'; entry: TranscriptEntry; fromPush?: boolean }
  | { type: 'ended'; session: SessionView; byMe: boolean; outcome?: EndOutcome; to?: string }
  | { type: 'devices'; devices: DeviceStatus[] }
  | { type: 'fleet'; devices: DeviceStatus[]; alerts: Alert[] }
  | { type: 'assist'; update: AssistUpdate | null }
  | { type: 'notes'; sessionId: string; notes: SessionNote[] | null }
  | { type: 'note'; sessionId: string; note: SessionNote }
  | { type: 'kioskShown'; sessionId: string; content: KioskContent | null }
  | { type: 'transferStarted'; sessionId: string; toWorkerId: string; toName: string }
  | { type: 'supervisor'; snapshot: SupervisorSnapshot; now: number }
  | { type: 'monitorStarted'; call: Assignment }
  | { type: 'monitorStopped' }
  | { type: 'bargedIn'; sessionId: string };

let announcementSeq = 0;
/** The state's announcements with a new one in its region (`urgent`: assertive). */
export function announce(state: ConsoleState, key: string, params: Record<string, string | number> = {}, urgent = false): Announcements {
  const a: Announcement = { id: ++announcementSeq, key, params, urgent };
  return urgent ? { ...state.announcements, urgent: a } : { ...state.announcements, polite: a };
}

/** Transcript with `entry` merged in: deduplicated by id, ordered by `seq`. */
export function mergeEntry(transcript: readonly TranscriptEntry[], entry: TranscriptEntry): TranscriptEntry[] {
  if (transcript.some((e) => e.id === entry.id)) return transcript.map((e) => (e.id === entry.id ? entry : e));
  const out = [...transcript, entry];
  out.sort((a, b) => a.seq - b.seq);
  return out;
}

function sortDevices(devices: DeviceStatus[]): DeviceStatus[] {
  return [...devices].sort((a, b) => a.device.name.localeCompare(b.device.name) || a.device.id.localeCompare(b.device.id));
}

function upsertDevice(devices: readonly DeviceStatus[], d: DeviceStatus): DeviceStatus[] {
  return sortDevices([...devices.filter((x) => x.device.id !== d.device.id), d]);
}

const SEVERITY_RANK: Record<Alert['severity'], number> = { critical: 0, warning: 1 };

/** Alerts in display order: critical first, then newest first. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || Date.parse(b.openedAt) - Date.parse(a.openedAt) || a.id.localeCompare(b.id));
}

/** The alert list with `alert` applied: inserted or updated while open/acknowledged, removed once resolved. */
export function applyAlert(alerts: readonly Alert[], alert: Alert): Alert[] {
  const rest = alerts.filter((a) => a.id !== alert.id);
  return alert.state === 'resolved' ? rest : sortAlerts([...rest, alert]);
}

/** Whether `alert` is a critical alert the user has not seen yet (staff and supervisors are alerted). */
export function isNewCriticalAlert(state: ConsoleState, alert: Alert): boolean {
  const role = state.worker?.role;
  const alerted = !role || role === 'staff' || role === 'supervisor';
  return alert.severity === 'critical' && alert.state === 'open' && alerted && !state.alerts.some((a) => a.id === alert.id);
}

/**
 * Whether the wrap-up card of the ended session asks for the handoff verdict: a session that was
 * handed to me (escalated), while the verdict is not sent yet. The card then stays after wrap-up
 * (which lasts seconds) until the verdict is sent, the card is dismissed, or the next call.
 */
export function awaitsVerdict(state: ConsoleState): boolean {
  const { ended, worker, verdict } = state;
  if (!ended || !worker || !servesVisitors(worker.role) || !ended.session.escalatedAt) return false;
  return !(verdict?.sessionId === ended.session.id && verdict.status === 'sent');
}

/** Display name of a device id (the id itself for unknown devices). */
export function deviceName(devices: readonly DeviceStatus[], deviceId: string): string {
  return devices.find((d) => d.device.id === deviceId)?.device.name ?? deviceId;
}

/** Whether the signed-in user holds the control lease of the current assignment's robot. */
export function holdsLease(state: ConsoleState): boolean {
  const { lease, assignment, worker } = state;
  return !!assignment && !!worker && lease?.sessionId === assignment.session.id && lease.holder === worker.id;
}

/** The lease after an assignment appears: kept when it is the same session, else assumed held (granted at accept). */
function leaseFor(state: ConsoleState, assignment: Assignment | null, workerId: string | undefined): ControlLease | null {
  if (!assignment || !workerId) return null;
  if (state.lease?.sessionId === assignment.session.id) return state.lease;
  return { sessionId: assignment.session.id, holder: workerId };
}

/** The state of the call's tools (assist, notes, kiosk content, transfer) reset for another call or none. */
const noCallTools = { assist: null, notes: null, kioskShown: null, transfer: null, consult: null, otherStaff: null, utterance: idleUtterance } as const;

const END_ANNOUNCEMENT: Record<EndOutcome, string> = {
  ended: 'announce.sessionEnded',
  transferred_queue: 'announce.transferredQueue',
  transferred_colleague: 'announce.transferredColleague',
  handback: 'announce.handedBack',
};

function endAssignment(state: ConsoleState, session: SessionView, byMe: boolean, outcome: EndOutcome = 'ended', to?: string): ConsoleState {
  const a = state.assignment;
  if (!a || a.session.id !== session.id) return state;
  const key = outcome === 'ended' && !byMe ? 'announce.sessionEndedRemote' : END_ANNOUNCEMENT[outcome];
  return {
    ...state,
    ...noCallTools,
    assignment: null,
    lease: null,
    robot: idleRobot,
    ended: { session, handoff: a.handoff, byMe, outcome, ...(to ? { to } : {}) },
    verdict: null,
    announcements: announce(state, key, { device: a.handoff.device.name, name: to ?? '' }),
  };
}

/** What a `session:update` of my call means for me: still mine, or how my part ended. */
export function sessionOutcome(s: SessionView, me: string | undefined): EndOutcome | null {
  if (s.state === 'ended') return 'ended';
  if (s.state === 'intake') return 'handback';
  if (s.state === 'queued') return 'transferred_queue';
  if (me && s.workerId && s.workerId !== me) return 'transferred_colleague';
  return null;
}

/** Keeps the call tools only when they belong to `sessionId`. */
function toolsFor(state: ConsoleState, sessionId: string | null): Partial<ConsoleState> {
  const keep = <T extends { sessionId: string } | null>(v: T) => (v && v.sessionId === sessionId ? v : null);
  return { assist: keep(state.assist), notes: keep(state.notes), kioskShown: keep(state.kioskShown), transfer: keep(state.transfer), consult: keep(state.consult), otherStaff: keep(state.otherStaff) };
}

/** Applies a server snapshot, response or push event to the state (pure). */
export function reduce(state: ConsoleState, action: Action): ConsoleState {
  switch (action.type) {
    case 'hello': {
      const { worker, offers, assignment, devices, capabilities } = action.snapshot;
      const known = new Map(state.offers.map((o) => [o.id, o.receivedAt]));
      return {
        ...state,
        ...toolsFor(state, assignment?.session.id ?? null),
        phase: 'ready',
        worker,
        capabilities: capabilities ?? null,
        offers: offers.map((o) => ({ ...o, receivedAt: known.get(o.id) ?? action.now })),
        assignment,
        lease: leaseFor(state, assignment, worker.id),
        robot: assignment && assignment.session.id === state.assignment?.session.id ? state.robot : idleRobot,
        ended: assignment ? null : state.ended,
        devices: sortDevices(devices),
        // A consult going on (after a reload): its banner comes back; its earlier private lines do not.
        ...(action.snapshot.consult ? { consult: { ...action.snapshot.consult, messages: state.consult?.sessionId === action.snapshot.consult.sessionId ? state.consult.messages : [], pending: null, error: null } } : {}),
      };
    }
    case 'assigned':
      return {
        ...state,
        ...toolsFor(state, action.assignment.session.id),
        // Staff lines already there when I accept were written by someone else (before a transfer or requeue).
        otherStaff: { sessionId: action.assignment.session.id, ids: action.assignment.transcript.filter((e) => e.speaker === 'worker').map((e) => e.id) },
        assignment: action.assignment,
        lease: leaseFor(state, action.assignment, state.worker?.id),
        robot: idleRobot,
        ended: null,
        offers: state.offers.filter((o) => o.sessionId !== action.assignment.session.id),
        announcements: announce(state, 'announce.callStarted', { device: action.assignment.handoff.device.name }),
      };
    case 'entry': {
      let next = state;
      const a = state.assignment;
      if (a && a.session.id === action.entry.sessionId) {
        next = { ...next, assignment: { ...a, transcript: mergeEntry(a.transcript, action.entry) } };
        // My own lines never come back as pushes: a pushed staff line is someone else's (a supervisor who barged in).
        if (action.fromPush && action.entry.speaker === 'worker') {
          const ids = state.otherStaff?.sessionId === a.session.id ? state.otherStaff.ids : [];
          if (!ids.includes(action.entry.id)) next = { ...next, otherStaff: { sessionId: a.session.id, ids: [...ids, action.entry.id] } };
        }
      }
      const m = state.monitor;
      if (m?.call && m.sessionId === action.entry.sessionId) next = { ...next, monitor: { ...m, call: { ...m.call, transcript: mergeEntry(m.call.transcript, action.entry) } } };
      return next;
    }
    case 'ended':
      return endAssignment(state, action.session, action.byMe, action.outcome, action.to);
    case 'assist':
      if (action.update && action.update.sessionId !== state.assignment?.session.id) return state;
      return { ...state, assist: action.update };
    case 'notes':
      if (action.sessionId !== state.assignment?.session.id) return state;
      return { ...state, notes: { sessionId: action.sessionId, status: action.notes ? 'ready' : 'error', items: action.notes ?? state.notes?.items ?? [] } };
    case 'note': {
      if (action.sessionId !== state.assignment?.session.id) return state;
      const items = state.notes?.sessionId === action.sessionId ? state.notes.items : [];
      return { ...state, notes: { sessionId: action.sessionId, status: 'ready', items: [...items, action.note] } };
    }
    case 'kioskShown':
      if (action.sessionId !== state.assignment?.session.id) return state;
      return { ...state, kioskShown: action.content ? { sessionId: action.sessionId, content: action.content } : null };
    case 'transferStarted':
      if (action.sessionId !== state.assignment?.session.id) return state;
      return {
        ...state,
        transfer: { sessionId: action.sessionId, toWorkerId: action.toWorkerId, toName: action.toName, status: 'waiting' },
        announcements: announce(state, 'announce.transferWaiting', { name: action.toName }),
      };
    case 'supervisor':
      return applySnapshot(state, action.snapshot, action.now);
    case 'monitorStarted': {
      const m = state.monitor;
      if (!m || m.sessionId !== action.call.session.id) return state;
      return { ...state, monitor: { ...m, status: 'watching', call: action.call, error: null } };
    }
    case 'monitorStopped':
      return { ...state, monitor: null, monitorMedia: null };
    case 'bargedIn': {
      const m = state.monitor;
      if (!m || m.sessionId !== action.sessionId) return state;
      return { ...state, monitor: { ...m, barged: true }, announcements: announce(state, 'announce.bargedIn', {}) };
    }
    case 'devices':
      return { ...state, devices: sortDevices(action.devices) };
    case 'fleet':
      return { ...state, devices: sortDevices(action.devices), alerts: sortAlerts(action.alerts.filter((a) => a.state !== 'resolved')), fleetLoaded: true };
    case 'push':
      return reducePush(state, action.event, action.now);
  }
}

function reducePush(state: ConsoleState, event: PushEvent, now: number): ConsoleState {
  switch (event.type) {
    case 'worker:update': {
      const w = event.payload;
      if (state.worker && w.id !== state.worker.id) return state;
      const changed = state.worker?.state !== w.state;
      return {
        ...state,
        worker: w,
        ended: w.state === 'wrap_up' || awaitsVerdict(state) ? state.ended : null,
        announcements: changed ? announce(state, 'announce.stateChanged', { state: w.state }) : state.announcements,
      };
    }
    case 'offer:new': {
      const o = event.payload;
      if (state.worker && o.workerId !== state.worker.id) return state;
      if (state.offers.some((x) => x.id === o.id)) return state;
      return {
        ...state,
        offers: [...state.offers, { ...o, receivedAt: now }],
        announcements: announce(state, 'announce.newOffer', { device: o.handoff.device.name, urgency: o.handoff.urgency }, true),
      };
    }
    case 'offer:revoked': {
      const gone = state.offers.find((o) => o.id === event.payload.offerId);
      if (!gone) return state;
      return {
        ...state,
        offers: state.offers.filter((o) => o.id !== gone.id),
        announcements: announce(state, `announce.offerRevoked.${event.payload.reason}`, { device: gone.handoff.device.name }),
      };
    }
    case 'session:update': {
      const s = event.payload;
      const a = state.assignment;
      if (!a || a.session.id !== s.id) return state;
      const outcome = sessionOutcome(s, state.worker?.id);
      // The push can arrive before the `session:end` answer: a pending end means the worker ended it.
      if (outcome === 'ended') return endAssignment(state, s, state.pending.end);
      if (outcome === 'transferred_colleague') {
        const name =
          state.transfer?.toWorkerId === s.workerId
            ? state.transfer.toName
            : state.consult?.toWorkerId === s.workerId
              ? state.consult.toName
              : (state.colleagues.find((w) => w.id === s.workerId)?.displayName ?? s.workerId ?? '');
        return endAssignment(state, s, true, outcome, name);
      }
      if (outcome) return endAssignment(state, s, true, outcome);
      return { ...state, assignment: { ...a, session: s } };
    }
    case 'handoff:update': {
      // A newer package (e.g. the LLM summary that follows the offer): on my offer and on my call.
      const { sessionId, handoff } = event.payload;
      const a = state.assignment;
      return {
        ...state,
        offers: state.offers.map((o) => (o.sessionId === sessionId ? { ...o, handoff: { ...handoff, transcript: o.handoff.transcript.length > handoff.transcript.length ? o.handoff.transcript : handoff.transcript } } : o)),
        assignment: a && a.session.id === sessionId ? { ...a, handoff: { ...handoff, owner: a.handoff.owner } } : a,
      };
    }
    case 'transcript:entry':
      return reduce(state, { type: 'entry', entry: event.payload, fromPush: true });
    case 'device:update':
      return { ...state, devices: upsertDevice(state.devices, event.payload) };
    case 'robot:lease': {
      const lease = event.payload;
      const a = state.assignment;
      if (!a || a.session.id !== lease.sessionId) return state;
      const had = holdsLease(state);
      const next = { ...state, lease };
      const has = holdsLease(next);
      if (had === has) return next;
      return { ...next, announcements: announce(state, has ? 'announce.leaseGranted' : 'announce.leaseLost', { device: a.handoff.device.name }, !has) };
    }
    case 'alert:update': {
      const alert = event.payload;
      const fresh = isNewCriticalAlert(state, alert);
      const alerts = applyAlert(state.alerts, alert);
      if (!fresh) return { ...state, alerts };
      return {
        ...state,
        alerts,
        announcements: announce(state, 'announce.criticalAlert', { kind: alert.kind, device: deviceName(state.devices, alert.deviceId), detail: alert.detail }, true),
      };
    }
    case 'assist:update':
      return reduce(state, { type: 'assist', update: event.payload });
    case 'supervisor:update':
      return applySnapshot(state, event.payload, now);
    case 'transfer:failed': {
      const tr = state.transfer;
      const f = event.payload;
      if (!tr || tr.sessionId !== f.sessionId || tr.toWorkerId !== f.toWorkerId) return state;
      return { ...state, transfer: { ...tr, status: 'failed', reason: f.reason }, announcements: announce(state, 'announce.transferFailed', { name: tr.toName }, true) };
    }
    case 'callbacks:changed':
      // The client reloads the list (callbacks:list); nothing to apply here.
      return state;
  }
}

/** A supervisor snapshot: stored with its arrival time; a monitored call that is gone has ended. */
function applySnapshot(state: ConsoleState, snapshot: SupervisorSnapshot, now: number): ConsoleState {
  const next: ConsoleState = { ...state, supervisor: { snapshot, at: now, assign: state.supervisor?.assign ?? null } };
  const m = state.monitor;
  if (m && m.status === 'watching' && !snapshot.calls.some((c) => c.sessionId === m.sessionId)) {
    return { ...next, monitor: { ...m, status: 'ended' }, announcements: announce(state, 'announce.monitorEnded', { device: m.call?.handoff.device.name ?? m.deviceName }) };
  }
  return next;
}
