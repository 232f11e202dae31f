import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from './client/KioskClient.ts';
import { LOCALE_TAG } from './i18n.ts';
import { Attract } from './screens/Attract.tsx';
import { Call } from './screens/Call.tsx';
import { Chat } from './screens/Chat.tsx';
import { Consent } from './screens/Consent.tsx';
import { LanguageMenu } from './screens/LanguageMenu.tsx';
import { LanguageSelect } from './screens/LanguageSelect.tsx';
import { Rating, Thanks } from './screens/Rating.tsx';
import { StatusBar } from './screens/StatusBar.tsx';
import { Waiting } from './screens/Waiting.tsx';
import { OutOfService } from './screens/OutOfService.tsx';
import { Replaced } from './screens/Replaced.tsx';

/** Screens where the visitor may change language (after choosing one, until the session ends). */
const SWITCHABLE = new Set(['consent', 'chat', 'waiting', 'call']);

/** Renders the screen of the visitor journey the client is on. */
export function App({ client }: { client: KioskClient }) {
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const { i18n } = useTranslation();
  // Large text and high contrast, for this visitor only: off again for the next one.
  const [large, setLarge] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    void i18n.changeLanguage(state.language);
    document.documentElement.lang = LOCALE_TAG[state.language] ?? state.language;
  }, [state.language, i18n]);
  useEffect(() => {
    // rem-based sizes follow the root font size: large text scales the whole screen.
    document.documentElement.classList.toggle('large-text', large);
  }, [large]);
  useEffect(() => {
    if (state.screen === 'attract') setLarge(false);
    if (!SWITCHABLE.has(state.screen) || state.connection === 'replaced') setMenuOpen(false);
  }, [state.screen, state.connection]);

  let screen;
  // Out of service: only between visitors (a visitor already being served is never cut off).
  const idle = state.screen === 'attract' || state.screen === 'language' || state.screen === 'consent';
  // Another connection runs this device now: this one has stopped, whatever screen it was on.
  const replaced = state.connection === 'replaced';
  if (replaced) screen = <Replaced language={state.language} />;
  else if (!state.inService && idle) screen = <OutOfService />;
  else switch (state.screen) {
    case 'attract': screen = <Attract client={client} />; break;
    case 'language': screen = <LanguageSelect client={client} />; break;
    case 'consent': screen = <Consent client={client} state={state} />; break;
    case 'chat': screen = <Chat client={client} state={state} />; break;
    case 'waiting': screen = <Waiting client={client} state={state} />; break;
    case 'call': screen = <Call client={client} state={state} />; break;
    case 'rating': screen = <Rating client={client} />; break;
    case 'thanks': screen = <Thanks ticket={state.callbackTicket} />; break;
  }
  const switchable = !replaced && SWITCHABLE.has(state.screen) && (state.inService || !idle);
  return (
    <div className="kiosk" onPointerDown={client.noteActivity} onKeyDown={client.noteActivity}>
      <StatusBar
        state={state}
        onEstop={client.engageEstop}
        large={large}
        onLarge={state.screen === 'attract' ? undefined : () => setLarge(!large)}
        onLanguage={switchable ? () => setMenuOpen(true) : undefined}
      />
      <main className="screen" data-screen={replaced ? 'replaced' : state.screen} data-session-id={state.session?.id}>{screen}</main>
      {menuOpen && (
        <LanguageMenu
          current={state.language}
          onChoose={(l) => {
            setMenuOpen(false);
            if (l !== state.language) client.switchLanguage(l);
          }}
          onClose={() => setMenuOpen(false)}
        />
      )}
    </div>
  );
}
