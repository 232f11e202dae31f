import type { Alert, Assignment, Callback, DeviceStatus, HandoffPackage, KpiReport, Offer, SessionSummary, SessionView, TranscriptEntry, UserAccount, WorkerView } from '@telekiosk/shared';
import { initialState, type ConsoleState } from '../client/state.ts';
import { knowledgeFixture, reviewFixture } from './knowledgeFixtures.ts';

/**
 * Console screens in fixed states, for screenshots, layout and accessibility checks without an
 * orchestrator (e2e/console-screens.e2e.ts). Development only: not part of the build.
 */
export const FIXTURES = [
  'login',
  'login-error',
  'connecting',
  'desk-available',
  'desk-away-missed',
  'desk-offer-long',
  'desk-offers-emergency',
  'desk-wrapup',
  'desk-wrapup-verdict',
  'call',
  'call-video-reconnecting',
  'call-transfer-waiting',
  'supervision',
  'supervision-monitor',
  'fleet',
  'fleet-safety',
  'fleet-enrolment',
  'reports',
  'history',
  'knowledge',
  'knowledge-editor',
  'knowledge-readonly',
  'review',
] as const;
export type Fixture = (typeof FIXTURES)[number];

const T0 = '2026-11-21T09:30:00.000Z';
const SESSION = '0b6f6a4e-2f5c-4d53-9a53-5a3d2b1c0e01';
const SESSION2 = '11111111-1111-4111-8111-111111111111';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();

const worker = (role: WorkerView['role'], state: WorkerView['state'] = 'available', over: Partial<WorkerView> = {}): WorkerView => ({ id: 'w-sam', username: 'sam', displayName: 'Sam Carter', role, languages: ['en', 'es'], state, ...over });

const LINES: [TranscriptEntry['speaker'], string, TranscriptEntry['language'], string | null][] = [
  ['assistant', 'こんにちは。ハーバー市役所のバーチャルアシスタントです。', 'ja', 'Hello! I am the Harbor City Office virtual assistant.'],
  ['visitor', '先月引っ越してきました。住所の登録をしたいです。', 'ja', 'I moved here last month. I want to register my address.'],
  ['assistant', '住民登録は2番窓口です。本人確認書類をお持ちください。', 'ja', 'Registration is at counter 2. Please bring an ID document.'],
  ['visitor', '在留カードしかありませんが、大丈夫ですか？勤務先に出す住民票も必要です。', 'ja', 'I only have a residence card, is that OK? I also need a residence certificate for my employer.'],
  ['assistant', '在留カードで手続きできます。住民票は登録の後に発行できます。', 'ja', 'A residence card is fine. The certificate can be issued after registration.'],
  ['visitor', '職員の方と話したいです。', 'ja', 'I would like to talk to a staff member.'],
];

function transcript(n: number): TranscriptEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const [speaker, text, language, en] = LINES[i % LINES.length]!;
    return { id: uuid(i + 1), sessionId: SESSION, seq: i + 1, speaker, text, language, translation: en ? { text: en, language: 'en', provider: 'embedded' } : null, translationStatus: en ? 'translated' : 'same_language', createdAt: at(i) };
  });
}

const handoff = (over: Partial<HandoffPackage> = {}): HandoffPackage => ({
  version: 1,
  sessionId: SESSION,
  createdAt: T0,
  device: { id: 'lobby-1', name: 'Lobby robot 1', location: 'Ground floor lobby, near the main entrance' },
  language: 'ja',
  reasons: [
    { code: 'explicit_request', evidence: 'Visitor: "I would like to talk to a staff member."', entryId: uuid(6) },
    { code: 'policy_exception', evidence: 'Residence card instead of passport for registration', entryId: uuid(4) },
  ],
  summary: 'Moved here last month; wants to register the address and needs a residence certificate for the employer. Has only a residence card.',
  intent: 'kb:registration',
  category: 'registration',
  urgency: 'high',
  sentiment: 'neutral',
  transcript: transcript(6),
  actionsTaken: ['Answered from article "Resident registration"'],
  articlesUsed: [{ id: 'resident-registration', title: 'Resident registration' }],
  collectedFields: { name: 'Aiko Tanaka', appointment: 'none' },
  flags: ['identity_document'],
  suggestedNextStep: 'Confirm the documents and send the visitor to counter 2.',
  owner: 'queue',
  skills: { language: 'ja', department: 'registration' },
  ...over,
});

const offer = (id: number, over: Partial<Offer> = {}, h: Partial<HandoffPackage> = {}): ConsoleState['offers'][number] => ({
  id: uuid(900 + id),
  sessionId: id === 1 ? SESSION : SESSION2,
  workerId: 'w-sam',
  expiresAt: new Date(Date.now() + 18_000).toISOString(),
  handoff: handoff(h),
  transfer: null,
  receivedAt: Date.now() - 2000,
  ...over,
});

const session = (state: SessionView['state'], over: Partial<SessionView> = {}): SessionView => ({ id: SESSION, deviceId: 'lobby-1', language: 'ja', state, workerId: 'w-sam', createdAt: T0, escalatedAt: at(6), endedAt: state === 'ended' ? at(20) : null, disposition: state === 'ended' ? 'resolved' : null, rating: null, ...over });

const assignment = (): Assignment => ({ session: session('in_call'), handoff: handoff({ owner: 'w-sam' }), transcript: [...transcript(18), { id: uuid(99), sessionId: SESSION, seq: 99, speaker: 'worker', text: 'Hello, I am Sam. A residence card is fine for registration.', language: 'en', translation: { text: 'こんにちは、サムです。住民登録は在留カードで大丈夫です。', language: 'ja', provider: 'embedded' }, translationStatus: 'translated', createdAt: at(21) }] });

const device = (id: string, name: string, over: Partial<DeviceStatus> = {}): DeviceStatus => ({
  device: { id, name, location: 'Ground floor lobby' },
  online: true,
  lastSeenAt: T0,
  batteryPercent: 76,
  charging: false,
  robotLink: 'up',
  appVersion: '0.1.0',
  sessionState: null,
  estop: false,
  pose: { x: 2, y: 3.5, theta: 0.4 },
  navigation: null,
  inService: true,
  camera: 'ok',
  microphone: 'ok',
  ...over,
} as DeviceStatus);

const DEVICES = [
  device('lobby-1', 'Lobby robot 1', { sessionState: 'in_call', device: { id: 'lobby-1', name: 'Lobby robot 1', location: 'Ground floor lobby, near the main entrance' } }),
  device('lobby-2', 'Lobby kiosk 2', { robotLink: 'none', pose: null, batteryPercent: null, charging: null, estop: null, device: { id: 'lobby-2', name: 'Lobby kiosk 2', location: 'Ground floor, counters 4-6' } }),
  device('floor2-1', 'Second floor robot', { online: false, batteryPercent: 12, pose: { x: 8.5, y: 4.5, theta: 3.1 }, inService: false, device: { id: 'floor2-1', name: 'Second floor robot', location: 'Second floor, tax office' } }),
];

const alert = (n: number, over: Partial<Alert>): Alert => ({ id: uuid(700 + n), deviceId: 'lobby-1', kind: 'low_battery', severity: 'warning', state: 'open', detail: 'Battery 15%', openedAt: at(n), acknowledgedBy: null, resolvedAt: null, ...over });

const callbacks = (): Callback[] => [
  { id: uuid(501), ticket: 'CB-4821', sessionId: SESSION2, deviceId: 'lobby-2', language: 'ko', name: 'Kim Min-jun', contact: '+82 10 1234 5678', note: null, createdAt: at(-30), status: 'open', handledBy: null },
  { id: uuid(502), ticket: 'CB-4822', sessionId: SESSION2, deviceId: 'lobby-1', language: 'de', name: 'Anna Schmidt', contact: 'anna.schmidt@example.org', note: 'Question about a parking permit', createdAt: at(-12), status: 'open', handledBy: null },
];

const report = (): KpiReport => {
  const reasons = ['explicit_request', 'visitor_choice', 'negative_sentiment', 'sensitive_topic', 'safety', 'out_of_scope', 'repeated_failure', 'policy_exception', 'restricted_action', 'vulnerable_visitor', 'intake_timeout'];
  return {
    generatedAt: at(120),
    filter: {},
    timeZone: 'UTC',
    counts: { sessions: 240, escalated: 72, answered: 64, abandoned: 6, waiting: 2, ended: 236, contained: 164, resolved: 51, handedBack: 5, rated: 120 },
    sessionsTotal: 240,
    escalationRatePercent: 30,
    escalationByReason: reasons.map((code, i) => ({ code, sessions: Math.max(0, 30 - i * 3), percentOfSessions: Math.max(0, 30 - i * 3) / 2.4, percentOfEscalated: Math.max(0, 30 - i * 3) / 0.72 })),
    firstResponseMs: { count: 64, p50: 42_000, p90: 131_000, mean: 58_000 },
    abandonmentRatePercent: 8.3,
    resolutionRatePercent: 79.7,
    handbackRatePercent: 7.8,
    containmentRatePercent: 68.3,
    waitPrediction: { count: 58, meanAbsErrorMs: 41_000, meanBiasMs: 12_000, withinRangePercent: 72.4 },
    csat: { escalated: { count: 50, mean: 4.3, satisfiedPercent: 84 }, aiOnly: { count: 70, mean: 4.1, satisfiedPercent: 78.6 }, overall: { count: 120, mean: 4.18, satisfiedPercent: 80.8 } },
    daily: Array.from({ length: 7 }, (_, i) => ({ date: `2026-11-${String(15 + i).padStart(2, '0')}`, sessions: 30 + i * 2, escalations: 9 + (i % 3), answered: 8 + (i % 3), abandoned: i % 2 })),
    quality: {
      verdicts: {
        overall: { key: 'all', judged: 48, right: 36, earlier: 5, unnecessary: 7, precisionPercent: 85.42 },
        byReason: [
          { key: 'explicit_request', judged: 22, right: 21, earlier: 1, unnecessary: 0, precisionPercent: 100 },
          { key: 'out_of_scope', judged: 14, right: 8, earlier: 2, unnecessary: 4, precisionPercent: 71.43 },
          { key: 'negative_sentiment', judged: 12, right: 7, earlier: 2, unnecessary: 3, precisionPercent: 75 },
        ],
        byLanguage: [
          { key: 'en', judged: 20, right: 16, earlier: 2, unnecessary: 2, precisionPercent: 90 },
          { key: 'ja', judged: 15, right: 11, earlier: 1, unnecessary: 3, precisionPercent: 80 },
          { key: 'es', judged: 13, right: 9, earlier: 2, unnecessary: 2, precisionPercent: 84.62 },
        ],
      },
      packageMissingPercent: 12.5,
      answers: { trainerLabelled: 140, trainerCorrect: 121, trainerAccuracyPercent: 86.43, workerJudged: 30, workerWrong: 4 },
      knowledgeGaps: {
        questions: 610,
        unanswered: 73,
        unansweredPercent: 11.97,
        referred: 41,
        referredPercent: 6.72,
        daily: Array.from({ length: 7 }, (_, i) => ({ date: `2026-11-${String(15 + i).padStart(2, '0')}`, questions: 80 + i * 3, unanswered: 13 - i, referred: 4 + (i % 3) })),
      },
      repeatContact: { windowDays: 7, withCaseNumber: 25, repeated: 3, percent: 12 },
    },
  } as KpiReport;
};

const summaries = (): SessionSummary[] => [
  { session: session('ended'), deviceName: 'Lobby robot 1', reasons: ['explicit_request', 'policy_exception'], firstLine: '先月引っ越してきました。住所の登録をしたいです。' },
  { session: session('ended', { id: SESSION2, language: 'es', disposition: 'follow_up' }), deviceName: 'Lobby kiosk 2', reasons: ['negative_sentiment'], firstLine: 'Quiero reclamar una multa de aparcamiento que no es mía.' },
];

const supervisor = (): ConsoleState['supervisor'] => ({
  snapshot: {
    queue: [
      { sessionId: SESSION2, deviceId: 'lobby-2', deviceName: 'Lobby kiosk 2', language: 'ko', department: 'tax', priority: 5, waitingMs: 95_000, offered: false },
      { sessionId: uuid(321), deviceId: 'floor2-1', deviceName: 'Second floor robot', language: 'de', department: 'general', priority: 0, waitingMs: 20_000, offered: true },
    ],
    workers: [worker('worker', 'busy'), { ...worker('worker', 'available'), id: 'w-maria', username: 'maria', displayName: 'María López', languages: ['es', 'en', 'pt'] }, { ...worker('worker', 'away'), id: 'w-kenji', username: 'kenji', displayName: 'Kenji Watanabe', languages: ['ja', 'en'], awayReason: 'missed_offer' }],
    calls: [{ sessionId: SESSION, deviceId: 'lobby-1', deviceName: 'Lobby robot 1', workerId: 'w-sam', workerName: 'Sam Carter', language: 'ja', sinceMs: 240_000 }],
  },
  at: Date.now(),
  assign: null,
});

/** The console state of a fixture. */
/** Console accounts the supervision screen's Accounts panel lists (`users:list`); `w-sam` is the signed-in supervisor of the fixtures. */
export const FIXTURE_USERS: UserAccount[] = [
  { id: 'w-sam', username: 'sam', displayName: 'Sam Carter', role: 'supervisor', status: 'active', languages: ['en', 'es'], departments: ['general'] },
  { id: 'w-aiko', username: 'aiko', displayName: 'Aiko Tanaka', role: 'worker', status: 'active', languages: ['ja', 'en'], departments: ['general', 'residents'] },
  { id: 'w-maria', username: 'maria', displayName: 'María López', role: 'worker', status: 'disabled', languages: ['es', 'en', 'pt'], departments: ['general'] },
  { id: 'w-kenji', username: 'kenji', displayName: 'Kenji Watanabe', role: 'staff', status: 'active', languages: ['ja', 'en'], departments: ['facilities'] },
];

export function fixtureState(f: Fixture): ConsoleState {
  const ready: ConsoleState = {
    ...initialState,
    phase: 'ready',
    connection: 'connected',
    worker: worker('worker'),
    devices: DEVICES,
    capabilities: { speechInput: true, speechOutput: 'browser', translation: 'llm' },
    callbacks: { status: 'ready', items: callbacks(), result: null },
    canned: [
      { id: 'greeting', category: 'Greetings', text: 'Hello, how can I help you today?', language: 'en' },
      { id: 'counter-2', category: 'Directions', text: 'Please go to counter 2 on the ground floor.', language: 'en' },
    ],
    fleetLoaded: true,
  };
  const sup: ConsoleState = { ...ready, worker: worker('supervisor'), supervisor: supervisor() };
  switch (f) {
    case 'login':
      return { ...initialState };
    case 'login-error':
      return { ...initialState, loginError: { key: 'login.errors.invalid' } };
    case 'connecting':
      return { ...initialState, phase: 'connecting', connection: 'connecting' };
    case 'desk-available':
      return ready;
    case 'desk-away-missed':
      return { ...ready, worker: worker('worker', 'away', { awayReason: 'missed_offer' }) };
    case 'desk-offer-long':
      return { ...ready, offers: [offer(1, {}, { transcript: transcript(40) })] };
    case 'desk-offers-emergency':
      return {
        ...ready,
        offers: [
          offer(2, {}, { language: 'ko', urgency: 'critical', reasons: [{ code: 'safety', evidence: 'Visitor: "쓰러진 사람이 있어요, 빨리 와 주세요!" (someone collapsed)', entryId: null }], summary: 'A person has collapsed in the lobby; the visitor asks for help now.', device: { id: 'lobby-2', name: 'Lobby kiosk 2', location: 'Ground floor, counters 4-6' } }),
          offer(1),
        ],
      };
    case 'desk-wrapup':
      return { ...ready, worker: worker('worker', 'wrap_up'), ended: { session: session('ended'), handoff: handoff({ owner: 'w-sam' }), byMe: true, outcome: 'ended' } };
    case 'desk-wrapup-verdict':
      // Wrap-up is over (Available again) and the verdict is not given yet: the card stays with the
      // form; the handoff package's transcript has the assistant's three answers to tick.
      return { ...ready, worker: worker('worker', 'available'), ended: { session: session('ended', { disposition: 'follow_up' }), handoff: handoff({ owner: 'w-sam', transcript: transcript(12) }), byMe: true, outcome: 'ended' } };
    case 'call':
      return { ...ready, worker: worker('worker', 'busy'), assignment: assignment(), lease: { sessionId: SESSION, holder: 'w-sam' }, notes: { sessionId: SESSION, status: 'ready', items: [{ text: 'Has residence card only; employer needs certificate by Friday.', by: 'w-sam', at: at(22) }] }, assist: { sessionId: SESSION, entryId: uuid(18), suggestions: [{ id: 'kb:resident-registration', text: 'Registration is at counter 2. A residence card is accepted as ID.', language: 'en', source: 'kb', article: { id: 'resident-registration', title: 'Resident registration' }, score: 0.82 }] } };
    case 'call-video-reconnecting':
      // The call's media restarted (SFU worker lost, orchestrator restarted): the visitor's video
      // played before and is not back yet; a request meanwhile was answered `unavailable`.
      return { ...ready, worker: worker('worker', 'busy'), assignment: assignment(), lease: { sessionId: SESSION, holder: 'w-sam' }, call: { sessionId: SESSION, localStream: null, remoteStream: null, problems: {} }, callVideoSeen: SESSION, actionError: { key: 'errors.unavailable' } };
    case 'call-transfer-waiting':
      return { ...ready, worker: worker('worker', 'busy'), assignment: assignment(), lease: { sessionId: SESSION, holder: null }, capabilities: { speechInput: false, speechOutput: 'browser', translation: 'none' }, transfer: { sessionId: SESSION, toWorkerId: 'w-maria', toName: 'María López', status: 'waiting' } };
    case 'supervision':
      return { ...sup, view: 'supervision' };
    case 'supervision-monitor':
      return { ...sup, view: 'supervision', monitor: { sessionId: SESSION, status: 'watching', call: assignment(), deviceName: 'Lobby robot 1', workerName: 'Sam Carter', barged: false, error: null } };
    case 'fleet':
      return { ...ready, worker: worker('staff'), alerts: [alert(1, { deviceId: 'floor2-1', kind: 'offline', severity: 'critical', detail: 'No telemetry for 5 minutes' }), alert(2, { deviceId: 'floor2-1', detail: 'Battery 12%' })] };
    case 'fleet-safety':
      return { ...ready, worker: worker('staff'), alerts: [alert(3, { kind: 'safety', severity: 'critical', detail: 'Safety escalation: "there is a man collapsed on the floor"' }), alert(1, { deviceId: 'floor2-1', kind: 'offline', severity: 'critical', state: 'acknowledged', acknowledgedBy: 'w-sam', detail: 'No telemetry for 5 minutes' })] };
    case 'fleet-enrolment':
      // A kiosk just added (its one-time code, URL and QR code on top), a rotation refused because
      // that kiosk is offline, and "Add a kiosk" refused because the id exists.
      return {
        ...ready,
        worker: worker('staff'),
        devices: [...DEVICES, device('hall-2', 'Hall kiosk 2', { online: false, lastSeenAt: null, batteryPercent: null, charging: null, robotLink: 'none', appVersion: null, estop: null, pose: null, camera: 'unknown', microphone: 'unknown', device: { id: 'hall-2', name: 'Hall kiosk 2', location: 'Hall B, next to the entrance' } })],
        enrolment: {
          shown: { deviceId: 'hall-2', code: 'K7QF-9MZ2-XA4P', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), deviceName: 'Hall kiosk 2', created: true },
          createError: { key: 'enrolment.form.errors.deviceIdTaken', detail: 'device lobby-2 exists; issue an enrolment code for it instead' },
        },
        deviceActions: { 'floor2-1': { pending: null, result: { ok: false, key: 'enrolment.result.rotateOffline', detail: 'device floor2-1 is not connected or did not store the new credential; issue an enrolment code instead' } } },
      };
    case 'reports':
      return { ...sup, view: 'reports', kpi: { status: 'ready', filter: {}, report: report(), error: null } };
    case 'knowledge':
    case 'knowledge-editor':
      return { ...ready, worker: { ...worker('editor', 'offline'), id: 'e-nadia', username: 'nadia', displayName: 'Nadia Haddad', languages: ['en', 'fr', 'de'] }, view: 'knowledge', knowledge: knowledgeFixture({ open: f === 'knowledge-editor' }), devices: [], callbacks: { status: 'idle', items: [], result: null }, canned: [] };
    case 'knowledge-readonly':
      return { ...sup, view: 'knowledge', knowledge: knowledgeFixture({ open: true, readOnly: true }) };
    case 'review':
      return { ...ready, worker: { ...worker('trainer', 'offline'), id: 't-tomas', username: 'tomas', displayName: 'Tomás Silva', languages: ['pt', 'es', 'en'] }, view: 'review', review: reviewFixture(), devices: [], callbacks: { status: 'idle', items: [], result: null }, canned: [] };
    case 'history':
      return { ...ready, view: 'history', sessionHistory: { status: 'ready', query: 'registration', sessions: summaries(), selected: { sessionId: SESSION, status: 'ready', transcript: transcript(12), notes: [{ text: 'Sent to counter 2 with the residence card.', by: 'w-sam', at: at(25) }] } } };
  }
}
