import type { Alert, Assignment, AssistSuggestion, DeviceStatus, HandoffPackage, Offer, SessionView, SupervisorSnapshot, TranscriptEntry, WorkerView } from '@telekiosk/shared';

/** Test data builders (valid against the shared schemas). */
export const SESSION_ID = '0b6f6a4e-2f5c-4d53-9a53-5a3d2b1c0e01';
export const OFFER_ID = '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const T0 = '2026-11-21T09:30:00.000Z';

export const worker = (state: WorkerView['state'] = 'available'): WorkerView => ({
  id: 'w-aiko',
  username: 'aiko',
  displayName: 'Aiko Tanaka',
  role: 'worker',
  languages: ['ja', 'en'],
  state,
});

export const entry = (seq: number, over: Partial<TranscriptEntry> = {}): TranscriptEntry => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  sessionId: SESSION_ID,
  seq,
  speaker: 'visitor',
  text: `line ${seq}`,
  language: 'ja',
  translation: null,
  translationStatus: 'same_language',
  createdAt: T0,
  ...over,
});

export const handoff = (over: Partial<HandoffPackage> = {}): HandoffPackage => ({
  version: 1,
  sessionId: SESSION_ID,
  createdAt: T0,
  device: { id: 'lobby-1', name: 'Lobby robot 1', location: 'Ground floor lobby' },
  language: 'ja',
  reasons: [{ code: 'explicit_request', evidence: 'Visitor pressed "Talk to a person"', entryId: null }],
  summary: 'Visitor asks about a tax certificate.',
  intent: 'request_person',
  category: null,
  urgency: 'normal',
  sentiment: 'neutral',
  transcript: [entry(1), entry(2)],
  actionsTaken: [],
  articlesUsed: [],
  collectedFields: {},
  flags: [],
  suggestedNextStep: 'Greet the visitor and confirm their request.',
  owner: 'queue',
  ...over,
});

export const offer = (over: Partial<Offer> = {}): Offer => ({
  id: OFFER_ID,
  transfer: null,
  sessionId: SESSION_ID,
  workerId: 'w-aiko',
  expiresAt: '2026-11-21T09:30:20.000Z',
  handoff: handoff(),
  ...over,
});

export const session = (state: SessionView['state'] = 'in_call', over: Partial<SessionView> = {}): SessionView => ({
  id: SESSION_ID,
  deviceId: 'lobby-1',
  language: 'ja',
  state,
  workerId: 'w-aiko',
  createdAt: T0,
  escalatedAt: T0,
  endedAt: state === 'ended' ? T0 : null,
  disposition: null,
  rating: null,
  ...over,
});

export const assignment = (): Assignment => ({ session: session('in_call'), handoff: handoff({ owner: 'w-aiko' }), transcript: [entry(1), entry(2), entry(3, { speaker: 'system' })] });

export const device = (id: string, name: string, over: Partial<DeviceStatus> = {}): DeviceStatus => ({
  device: { id, name, location: 'Lobby' },
  online: true,
  estop: null,
  pose: null,
  navigation: null,
  inService: true,
  camera: 'ok',
  microphone: 'ok',
  lastSeenAt: T0,
  batteryPercent: 80,
  charging: false,
  robotLink: 'up',
  appVersion: '0.1.0',
  sessionState: null,
  ...over,
});

export const ALERT_ID = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

export const alert = (over: Partial<Alert> = {}): Alert => ({
  id: ALERT_ID,
  deviceId: 'lobby-1',
  kind: 'low_battery',
  severity: 'warning',
  state: 'open',
  detail: 'Battery 15%',
  openedAt: T0,
  acknowledgedBy: null,
  resolvedAt: null,
  ...over,
});

export const OTHER_SESSION = '11111111-1111-4111-8111-111111111111';

/** A supervisor snapshot with one waiting visitor, one live call and the given workers. */
export const snapshot = (over: Partial<SupervisorSnapshot> = {}): SupervisorSnapshot => ({
  queue: [{ sessionId: OTHER_SESSION, deviceId: 'lobby-2', deviceName: 'Lobby kiosk 2', language: 'es', department: 'tax', priority: 5, waitingMs: 30_000, offered: false }],
  workers: [worker('busy'), { ...worker('available'), id: 'w-maria', username: 'maria', displayName: 'María López', languages: ['es', 'en'] }],
  calls: [{ sessionId: SESSION_ID, deviceId: 'lobby-1', deviceName: 'Lobby robot 1', workerId: 'w-aiko', workerName: 'Aiko Tanaka', language: 'ja', sinceMs: 60_000 }],
  ...over,
});

export const suggestion = (over: Partial<AssistSuggestion> = {}): AssistSuggestion => ({
  id: 'kb:tax-certificates',
  text: 'Tax certificates are issued at Counter 4.',
  language: 'en',
  source: 'kb',
  article: { id: 'tax-certificates', title: 'Tax certificates' },
  score: 0.8,
  ...over,
});
