import type { z } from 'zod';
import type { Alert, Assignment, BatterySample, ConsoleEvents, ConsoleRequests, ControlLease, DeviceStatus, HandoffPackage, Offer, RobotCommand, SessionView, TranscriptEntry, WorkerView } from '@telekiosk/shared';

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

/** A session that just ended, shown during wrap-up. */
export interface EndedSession {
  session: SessionView;
  handoff: HandoffPackage;
  /** True when the worker ended it; false when the visitor left or the device reset. */
  byMe: boolean;
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
export type DeviceActionKind = 'estop' | 'service' | 'reload' | 'dock';

/** Battery history of the device selected on the fleet screen. */
export interface BatteryHistory {
  deviceId: string;
  hours: number;
  status: 'loading' | 'ready' | 'error';
  samples: BatterySample[];
}

export type View = 'desk' | 'fleet';

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
  history: BatteryHistory | null;
  pending: Pending;
  /** Latest screen-reader announcements, one per live region (so they do not replace each other). */
  announcements: Announcements;
}

export interface Announcements {
  polite: Announcement | null;
  urgent: Announcement | null;
}

export const idlePending: Pending = { login: false, state: null, offerId: null, message: false, end: false };

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
  lease: null,
  robot: idleRobot,
  alerts: [],
  fleetLoaded: false,
  view: 'desk',
  deviceActions: {},
  history: null,
  pending: idlePending,
  announcements: { polite: null, urgent: null },
};

/** Push events the store handles (media events are consumed by MediaSession). */
export const STORE_EVENTS = ['worker:update', 'offer:new', 'offer:revoked', 'session:update', 'transcript:entry', 'device:update', 'robot:lease', 'alert:update'] as const;
export type StoreEventName = (typeof STORE_EVENTS)[number];
export type PushEvent = { [K in StoreEventName]: { type: K; payload: z.output<ConsoleEvents[K]> } }[StoreEventName];

export type HelloSnapshot = z.output<ConsoleRequests['console:hello']['response']>;

/** Server-data actions; UI flags (pending, errors) are patched directly by the client. */
export type Action =
  | { type: 'hello'; snapshot: HelloSnapshot; now: number }
  | { type: 'push'; event: PushEvent; now: number }
  | { type: 'assigned'; assignment: Assignment }
  | { type: 'entry'; entry: TranscriptEntry }
  | { type: 'ended'; session: SessionView; byMe: boolean }
  | { type: 'devices'; devices: DeviceStatus[] }
  | { type: 'fleet'; devices: DeviceStatus[]; alerts: Alert[] };

let announcementSeq = 0;
/** The state's announcements with a new one in its region (`urgent`: assertive). */
function announce(state: ConsoleState, key: string, params: Record<string, string | number> = {}, urgent = false): Announcements {
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
  return alert.severity === 'critical' && alert.state === 'open' && state.worker?.role !== 'worker' && !state.alerts.some((a) => a.id === alert.id);
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

function endAssignment(state: ConsoleState, session: SessionView, byMe: boolean): ConsoleState {
  const a = state.assignment;
  if (!a || a.session.id !== session.id) return state;
  return {
    ...state,
    assignment: null,
    lease: null,
    robot: idleRobot,
    ended: { session, handoff: a.handoff, byMe },
    announcements: announce(state, byMe ? 'announce.sessionEnded' : 'announce.sessionEndedRemote', { device: a.handoff.device.name }),
  };
}

/** Applies a server snapshot, response or push event to the state (pure). */
export function reduce(state: ConsoleState, action: Action): ConsoleState {
  switch (action.type) {
    case 'hello': {
      const { worker, offers, assignment, devices } = action.snapshot;
      const known = new Map(state.offers.map((o) => [o.id, o.receivedAt]));
      return {
        ...state,
        phase: 'ready',
        worker,
        offers: offers.map((o) => ({ ...o, receivedAt: known.get(o.id) ?? action.now })),
        assignment,
        lease: leaseFor(state, assignment, worker.id),
        robot: assignment && assignment.session.id === state.assignment?.session.id ? state.robot : idleRobot,
        ended: assignment ? null : state.ended,
        devices: sortDevices(devices),
      };
    }
    case 'assigned':
      return {
        ...state,
        assignment: action.assignment,
        lease: leaseFor(state, action.assignment, state.worker?.id),
        robot: idleRobot,
        ended: null,
        offers: state.offers.filter((o) => o.sessionId !== action.assignment.session.id),
        announcements: announce(state, 'announce.callStarted', { device: action.assignment.handoff.device.name }),
      };
    case 'entry': {
      const a = state.assignment;
      if (!a || a.session.id !== action.entry.sessionId) return state;
      return { ...state, assignment: { ...a, transcript: mergeEntry(a.transcript, action.entry) } };
    }
    case 'ended':
      return endAssignment(state, action.session, action.byMe);
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
        ended: w.state === 'wrap_up' ? state.ended : null,
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
      // The push can arrive before the `session:end` answer: a pending end means the worker ended it.
      if (s.state === 'ended') return endAssignment(state, s, state.pending.end);
      return { ...state, assignment: { ...a, session: s } };
    }
    case 'transcript:entry':
      return reduce(state, { type: 'entry', entry: event.payload });
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
  }
}
