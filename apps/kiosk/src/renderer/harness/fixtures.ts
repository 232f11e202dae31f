import type { Language, TranscriptEntry } from '@telekiosk/shared';
import type { KioskState } from '../client/KioskClient.ts';

/**
 * Kiosk screens in fixed states, for screenshots, layout and accessibility checks without an
 * orchestrator (e2e/kiosk-screens.e2e.ts). Development only: the production build has no
 * harness entry.
 */
export const FIXTURES = [
  'attract',
  'language',
  'consent',
  'consent-busy',
  'chat',
  'chat-error',
  'waiting-checking',
  'waiting-unknown',
  'waiting-busy',
  'waiting-busy-changed',
  'waiting-pending',
  'no-staff',
  'after-hours',
  'emergency',
  'emergency-acknowledged',
  'call',
  'call-content',
  'call-voice',
  'call-reconnecting',
  'call-hold',
  'call-offline-pending',
  'replaced',
  'rating',
  'thanks',
  'thanks-ticket',
  'out-of-service',
] as const;
export type Fixture = (typeof FIXTURES)[number];

const SESSION = '0b6f6a4e-2f5c-4d53-9a53-5a3d2b1c0e01';
const T0 = '2026-11-21T09:30:00.000Z';

/** What a visitor, the assistant and a worker might say, in each language (content, not UI text). */
const LINES: Record<Language, { q: string; a: string; w: string; long: string }> = {
  en: { q: 'When are you open on Saturday?', a: 'On Saturdays the office is open from 9:00 to 12:00 for registration and certificates only.', w: 'Hello, I am Sam. I can see your question. How can I help?', long: 'I moved here last month from another city and I need to register my address, get a residence certificate for my employer and ask about the garbage collection days in my district.' },
  ja: { q: '土曜日は開いていますか？', a: '土曜日は9時から12時まで、住民登録と証明書の発行のみ受け付けています。', w: 'こんにちは、サムです。ご質問は拝見しました。どのようなご用件でしょうか？', long: '先月ほかの市から引っ越してきたので、住所の登録と勤務先に出す住民票の取得、それから地区のごみ収集日について教えてください。' },
  es: { q: '¿Abren el sábado?', a: 'Los sábados la oficina abre de 9:00 a 12:00, solo para empadronamiento y certificados.', w: 'Hola, soy Sam. Veo su pregunta. ¿En qué puedo ayudarle?', long: 'Me mudé aquí el mes pasado desde otra ciudad y necesito registrar mi dirección, pedir un certificado de residencia para mi empresa y preguntar por los días de recogida de basura.' },
  zh: { q: '星期六开门吗？', a: '星期六上午9点到12点开放，只办理住民登记和证明书。', w: '您好，我是Sam。我看到了您的问题，请问需要什么帮助？', long: '我上个月从别的城市搬来，需要登记地址，给公司开一份居住证明，还想问一下我们区的垃圾收集日。' },
  ko: { q: '토요일에도 여나요?', a: '토요일에는 9시부터 12시까지 주민 등록과 증명서 발급만 합니다.', w: '안녕하세요, 샘입니다. 질문을 보았습니다. 무엇을 도와드릴까요?', long: '지난달 다른 도시에서 이사 와서 주소를 등록하고, 회사에 낼 거주 증명서를 받고, 우리 동네 쓰레기 수거일도 알고 싶어요.' },
  fr: { q: 'Êtes-vous ouverts le samedi ?', a: 'Le samedi, la mairie est ouverte de 9 h à 12 h, uniquement pour les inscriptions et les certificats.', w: 'Bonjour, je suis Sam. Je vois votre question. Comment puis-je vous aider ?', long: 'J’ai déménagé ici le mois dernier et je dois enregistrer mon adresse, obtenir un certificat de résidence pour mon employeur et connaître les jours de collecte des déchets.' },
  de: { q: 'Haben Sie samstags geöffnet?', a: 'Samstags ist das Amt von 9 bis 12 Uhr geöffnet, nur für Anmeldungen und Bescheinigungen.', w: 'Hallo, ich bin Sam. Ich sehe Ihre Frage. Wie kann ich helfen?', long: 'Ich bin letzten Monat aus einer anderen Stadt hergezogen und muss meine Adresse anmelden, eine Meldebescheinigung für meinen Arbeitgeber holen und nach den Müllabfuhrterminen fragen.' },
  pt: { q: 'Vocês abrem no sábado?', a: 'Aos sábados a prefeitura abre das 9h às 12h, só para cadastro e certidões.', w: 'Olá, eu sou o Sam. Vi a sua pergunta. Como posso ajudar?', long: 'Mudei para cá no mês passado e preciso registrar meu endereço, tirar uma certidão de residência para o meu empregador e saber os dias de coleta de lixo.' },
};

const entry = (seq: number, speaker: TranscriptEntry['speaker'], text: string, language: Language): TranscriptEntry => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  sessionId: SESSION,
  seq,
  speaker,
  text,
  language,
  translation: null,
  translationStatus: 'same_language',
  createdAt: T0,
});

/** A long conversation: the first bubble must still be reachable below the header. */
function conversation(lang: Language, withWorker: boolean): TranscriptEntry[] {
  const l = LINES[lang];
  const out = [entry(1, 'assistant', l.a, lang), entry(2, 'visitor', l.q, lang), entry(3, 'assistant', l.a, lang), entry(4, 'visitor', l.long, lang), entry(5, 'assistant', l.a, lang), entry(6, 'visitor', l.q, lang)];
  if (withWorker) out.push(entry(7, 'system', l.w.split(/[.。!！?？]/)[0]!, lang), entry(8, 'worker', l.w, lang), entry(9, 'visitor', l.long, lang));
  return out;
}

export function baseState(lang: Language): KioskState {
  return {
    screen: 'attract',
    language: lang,
    session: { id: SESSION, deviceId: 'lobby-1', language: lang, state: 'intake', workerId: null, createdAt: T0, escalatedAt: null, endedAt: null, disposition: null, rating: null },
    transcript: [],
    queue: null,
    emergency: null,
    workerName: null,
    remoteStream: null,
    localStream: null,
    cameraUnavailable: false,
    connection: 'online',
    videoReconnecting: false,
    onHold: false,
    pendingMessages: 0,
    busy: false,
    errorKey: null,
    robot: { link: 'none', batteryPercent: null, charging: null, estop: false, pose: null, navigation: null, stuck: false },
    inService: true,
    capabilities: { speechInput: false, speechOutput: 'browser', translation: 'none' },
    content: null,
    callbackTicket: null,
    recording: false,
    voiceOn: true,
    media: { camera: 'ok', microphone: 'ok' },
  };
}

const queue = (over: Partial<NonNullable<KioskState['queue']>> = {}): NonNullable<KioskState['queue']> => ({ sessionId: SESSION, position: 2, estimatedWaitMs: 0, availableWorkers: 0, offered: false, callbackReason: null, ...over });
const robotUp = { link: 'up' as const, batteryPercent: 76, charging: false, estop: false, pose: { x: 2, y: 3, theta: 0 }, navigation: null, stuck: false };

/**
 * The state of a fixture, plus an optional second state pushed after the first render (to show
 * what changes on screen, e.g. the estimate-change notice).
 */
export function fixtureState(f: Fixture, lang: Language, media: { remote: MediaStream | null; local: MediaStream | null }): { state: KioskState; next?: Partial<KioskState> } {
  const b = baseState(lang);
  const queued = { ...b.session!, state: 'queued' as const, escalatedAt: T0 };
  const inCall = { ...b.session!, state: 'in_call' as const, escalatedAt: T0, workerId: 'w-sam' };
  const call: Partial<KioskState> = { screen: 'call', session: inCall, transcript: conversation(lang, true), workerName: 'Sam Carter', remoteStream: media.remote, localStream: media.local, robot: robotUp };
  switch (f) {
    case 'attract':
      return { state: { ...b, session: null } };
    case 'language':
      return { state: { ...b, screen: 'language', session: null } };
    case 'consent':
      return { state: { ...b, screen: 'consent', session: null } };
    case 'consent-busy':
      // Above capacity (or the database briefly away): session:start refused with `unavailable`.
      return { state: { ...b, screen: 'consent', session: null, errorKey: 'status.tryLater' } };
    case 'chat':
      return { state: { ...b, screen: 'chat', transcript: conversation(lang, false), robot: robotUp } };
    case 'chat-error':
      return { state: { ...b, screen: 'chat', transcript: conversation(lang, false), busy: true, errorKey: 'status.error', connection: 'offline' } };
    case 'waiting-checking':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false) } };
    case 'waiting-unknown':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'unknown', offered: true }) } };
    case 'waiting-busy':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'busy', estimateRangeMs: { low: 180_000, high: 420_000 } }) } };
    case 'waiting-busy-changed':
      return {
        state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'busy', estimateRangeMs: { low: 180_000, high: 300_000 } }) },
        next: { queue: queue({ position: 1, waitState: 'busy', estimateRangeMs: { low: 480_000, high: 720_000 }, offered: true }) },
      };
    case 'waiting-pending':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'busy', estimateRangeMs: { low: 180_000, high: 420_000 } }), connection: 'offline', pendingMessages: 1 } };
    case 'no-staff':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'no_staff', callbackReason: 'no_workers', position: 1 }) } };
    case 'after-hours':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'no_staff', callbackReason: 'after_hours', position: 1 }), errorKey: 'callback.invalid' } };
    case 'emergency':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'emergency', position: 1 }), emergency: { sessionId: SESSION, acknowledged: false, emergencyNumber: '112' }, robot: robotUp } };
    case 'emergency-acknowledged':
      return { state: { ...b, screen: 'waiting', session: queued, transcript: conversation(lang, false), queue: queue({ waitState: 'emergency', position: 1 }), emergency: { sessionId: SESSION, acknowledged: true, emergencyNumber: null } } };
    case 'call':
      return { state: { ...b, ...call } };
    case 'call-content':
      return { state: { ...b, ...call, content: { type: 'map', title: 'Counter 3', waypoint: 'counter-3' } } };
    case 'call-voice':
      return { state: { ...b, ...call, cameraUnavailable: true, capabilities: { speechInput: true, speechOutput: 'provider', translation: 'llm' } } };
    case 'call-reconnecting':
      // SFU worker lost mid-call: the media is set up again; the worker's video is not back yet.
      return { state: { ...b, ...call, remoteStream: null, videoReconnecting: true } };
    case 'call-hold':
      // A warm transfer with a private consult: the staff's media is kept away, the hold screen shows.
      return { state: { ...b, ...call, remoteStream: null, onHold: true } };
    case 'call-offline-pending':
      return { state: { ...b, ...call, connection: 'offline', pendingMessages: 2 } };
    case 'replaced':
      // Another window took this device over while a visitor was in a call.
      return { state: { ...b, ...call, remoteStream: null, localStream: null, connection: 'replaced' } };
    case 'rating':
      return { state: { ...b, screen: 'rating' } };
    case 'thanks':
      return { state: { ...b, screen: 'thanks' } };
    case 'thanks-ticket':
      return { state: { ...b, screen: 'thanks', callbackTicket: 'CB-4821' } };
    case 'out-of-service':
      return { state: { ...b, session: null, inService: false } };
  }
}
