import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { Language } from '@telekiosk/shared';
import '../i18n.ts';
import '../styles.css';
import { App } from '../App.tsx';
import type { KioskClient, KioskState } from '../client/KioskClient.ts';
import { HandsFreeProvider, type HandsFreeControl, type HandsFreeSource } from '../voice/HandsFreeContext.tsx';
import { HandsFree } from '../voice/HandsFree.ts';
import { FIXTURES, fixtureState, type Fixture } from './fixtures.ts';

/**
 * Test harness: the real kiosk App over a stand-in client holding a fixed state. Visitor
 * actions that only change what is on screen (language, back) work; nothing is sent anywhere.
 * Driven by `window.__harness.show(fixture, lang)` or `?fixture=...&lang=...`.
 */
class FixtureClient {
  private state: KioskState;
  private readonly listeners = new Set<() => void>();
  constructor(state: KioskState) {
    this.state = state;
  }
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getSnapshot = () => this.state;
  set(p: Partial<KioskState>) {
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }
  noteActivity = () => {};
  engageEstop = () => this.set({ robot: { ...this.state.robot, estop: true } });
  toggleVoice = () => this.set({ voiceOn: !this.state.voiceOn });
  switchLanguage = (language: Language) => this.set({ language });
  chooseLanguage = (language: Language) => this.set({ language, screen: 'consent' });
  touchStart = () => this.set({ screen: 'language' });
  back = () => this.set({ screen: this.state.screen === 'consent' ? 'language' : 'attract' });
  acceptConsent = async () => {};
  requestPerson = async () => {};
  sendMessage = async () => {};
  sendSpeech = async () => {};
  leave = async () => {};
  requestCallback = async () => true;
  startTalking = async () => this.set({ recording: true });
  stopTalking = () => this.set({ recording: false });
  rate = async () => {};
  skipRating = () => {};
}

/** A moving stand-in for a camera: a face-like figure on a coloured background (not a real person). */
function fakeCamera(hue: number): MediaStream | null {
  const c = document.createElement('canvas');
  c.width = 640;
  c.height = 480;
  const g = c.getContext('2d');
  if (!g || typeof c.captureStream !== 'function') return null;
  let t = 0;
  const draw = () => {
    g.fillStyle = `hsl(${hue} 35% 40%)`;
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = `hsl(${hue} 30% 75%)`;
    g.beginPath();
    g.ellipse(320, 210 + Math.sin(t / 10) * 3, 95, 120, 0, 0, Math.PI * 2);
    g.fill();
    g.fillRect(190, 340, 260, 140);
    t++;
  };
  draw();
  setInterval(draw, 200);
  return c.captureStream(5);
}

const media = { remote: fakeCamera(210), local: fakeCamera(30) };
const root = createRoot(document.getElementById('root')!);

/** Hands-free shown as listening, for the screenshot of the listening state. */
const listening: HandsFreeSource = { subscribe: () => () => {}, getSnapshot: (): HandsFreeControl => LISTENING };
const LISTENING: HandsFreeControl = { available: true, state: 'listening', toggle: () => {} };

function show(fixture: Fixture, lang: Language, opts: { realVoice?: boolean } = {}) {
  if (!FIXTURES.includes(fixture)) throw new Error(`unknown fixture ${fixture}`);
  const { state, next } = fixtureState(fixture, lang, media);
  const client = new FixtureClient(state);
  const voice = opts.realVoice ? new HandsFree(client as unknown as KioskClient, new URL('/kiosk/vad/', location.origin).href) : fixture === 'call-voice' ? listening : null;
  flushSync(() =>
    root.render(
      <HandsFreeProvider value={voice} key={`${fixture}:${lang}:${Math.random()}`}>
        <App client={client as unknown as KioskClient} />
      </HandsFreeProvider>,
    ),
  );
  if (next) flushSync(() => client.set(next));
  return client;
}

declare global {
  interface Window {
    /** Screen harness hook (tests only): show a fixture in a language. */
    __harness?: { fixtures: readonly string[]; show: (fixture: string, lang: string, opts?: { realVoice?: boolean }) => void };
  }
}
window.__harness = { fixtures: FIXTURES, show: (f, l, o) => void show(f as Fixture, l as Language, o) };
const q = new URLSearchParams(location.search);
show((q.get('fixture') ?? 'attract') as Fixture, (q.get('lang') ?? 'en') as Language, { realVoice: q.has('voice') });
