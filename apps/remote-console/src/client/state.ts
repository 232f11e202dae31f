import type { z } from 'zod';
import type { Assignment, ConsoleEvents, ConsoleRequests, DeviceStatus, HandoffPackage, Offer, SessionView, TranscriptEntry, WorkerView } from '@telekiosk/shared';

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
  pending: Pending;
  /** Latest screen-reader announcements, one per live region (so they do not replace each other). */
  announcements: Announcements;
}

export interface Announcements {
  polite: Announcement | null;
  urgent: Announcement | null;
}

export const idlePending: Pending = { login: false, state: null, offerId: null, message: false, end: false };

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
  pending: idlePending,
  announcements: { polite: null, urgent: null },
};

/** Push events the store handles (media events are consumed by MediaSession). */
export const STORE_EVENTS = ['worker:update', 'offer:new', 'offer:revoked', 'session:update', 'transcript:entry', 'device:update'] as const;
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
  | { type: 'devices'; devices: DeviceStatus[] };

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

function endAssignment(state: ConsoleState, session: SessionView, byMe: boolean): ConsoleState {
  const a = state.assignment;
  if (!a || a.session.id !== session.id) return state;
  return {
    ...state,
    assignment: null,
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
        ended: assignment ? null : state.ended,
        devices: sortDevices(devices),
      };
    }
    case 'assigned':
      return {
        ...state,
        assignment: action.assignment,
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
  }
}
