import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import i18next from 'i18next';
import { ClientProvider } from '../client/ClientContext.tsx';
import type { ConsoleClient } from '../client/ConsoleClient.ts';
import type { ConsoleState } from '../client/state.ts';
import { App } from '../components/App.tsx';
import { initI18n } from '../i18n/i18n.ts';
import '../styles.css';
import { FIXTURE_USERS, FIXTURES, fixtureState, type Fixture } from './fixtures.ts';

/** A stand-in for a feature client: every method resolves at once (`result`) and changes nothing, except those given. */
function inert(result: unknown, known: Record<string, unknown> = {}): unknown {
  return new Proxy(known, { get: (t, k: string) => (k in t ? t[k] : () => Promise.resolve(result)) });
}

/**
 * Test harness: the real console App over a stand-in client holding a fixed state. Every action
 * resolves at once and changes nothing, except switching tabs, sending the wrap-up verdict
 * (shown as saved), closing the wrap-up card and closing the knowledge editor. Driven by `window.__harness.show(fixture, lang)`
 * or `?fixture=...&lang=...`.
 */
function fixtureClient(initial: ConsoleState): ConsoleClient {
  let state = initial;
  const listeners = new Set<() => void>();
  const set = (p: Partial<ConsoleState>) => {
    state = { ...state, ...p };
    for (const l of listeners) l();
  };
  const known: Record<string, unknown> = {
    subscribe: (fn: () => void) => (listeners.add(fn), () => listeners.delete(fn)),
    getSnapshot: () => state,
    showView: (view: ConsoleState['view']) => set({ view }),
    inboundVideoStats: () => null,
    listUsers: () => Promise.resolve({ ok: true, users: FIXTURE_USERS }),
    authProviders: () => Promise.resolve({ password: true, oidc: null }),
    dismissWrapUp: () => set({ ended: null, verdict: null }),
    // `draftFromGap` resolves null (done); the others true.
    knowledge: inert(null, { newArticle: () => true, closeArticle: () => set({ knowledge: { ...state.knowledge, open: null } }) }),
    review: inert(true, {
      submitVerdict: () => {
        if (state.ended) set({ verdict: { sessionId: state.ended.session.id, status: 'sent', error: null } });
        return Promise.resolve(true);
      },
    }),
  };
  return new Proxy(known, { get: (t, k: string) => (k in t ? t[k] : () => Promise.resolve(true)) }) as unknown as ConsoleClient;
}

initI18n();
const root = createRoot(document.getElementById('root')!);

function show(fixture: Fixture, lang: string) {
  if (!FIXTURES.includes(fixture)) throw new Error(`unknown fixture ${fixture}`);
  void i18next.changeLanguage(lang);
  const client = fixtureClient(fixtureState(fixture));
  flushSync(() =>
    root.render(
      <ClientProvider client={client} key={`${fixture}:${lang}:${Math.random()}`}>
        <App />
      </ClientProvider>,
    ),
  );
}

declare global {
  interface Window {
    /** Screen harness hook (tests only): show a fixture in a language. */
    __harness?: { fixtures: readonly string[]; show: (fixture: string, lang: string, opts?: { realVoice?: boolean }) => void };
  }
}
window.__harness = { fixtures: FIXTURES, show: (f, l) => show(f as Fixture, l) };
const q = new URLSearchParams(location.search);
show((q.get('fixture') ?? 'login') as Fixture, q.get('lang') ?? 'en');
