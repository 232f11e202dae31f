import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../client/ClientContext.tsx';
import { unlockAudio } from '../lib/beep.ts';
import { Banners } from './Banners.tsx';
import { CallView } from './CallView.tsx';
import { ConnectingScreen } from './ConnectingScreen.tsx';
import { DeskScreen } from './DeskScreen.tsx';
import { FleetScreen } from './FleetScreen.tsx';
import { Header } from './Header.tsx';
import { LiveAnnouncer } from './LiveAnnouncer.tsx';
import { LoginScreen } from './LoginScreen.tsx';
import { VIEW_PANEL_ID, ViewTabs } from './ViewTabs.tsx';

/** Top level: login, connecting, then the desk or the call (workers), Desk/Fleet tabs (supervisors), the fleet (staff). */
export function App() {
  const { t } = useTranslation();
  const { phase, assignment, worker, view } = useConsoleState();

  // Audio may only start after a user gesture: any key or click unlocks the offer chime.
  useEffect(() => {
    window.addEventListener('pointerdown', unlockAudio);
    window.addEventListener('keydown', unlockAudio);
    return () => {
      window.removeEventListener('pointerdown', unlockAudio);
      window.removeEventListener('keydown', unlockAudio);
    };
  }, []);

  let body;
  if (phase === 'signed_out' || phase === 'signing_in') body = <LoginScreen />;
  else if (phase === 'connecting') body = <ConnectingScreen />;
  else
    body = (
      <div className="shell">
        <a className="skip-link" href="#main">
          {t('common.skipToMain')}
        </a>
        <Header />
        <Banners />
        {worker?.role === 'staff' ? (
          <FleetScreen />
        ) : assignment ? (
          <CallView />
        ) : worker?.role === 'supervisor' ? (
          <>
            <ViewTabs />
            <div id={VIEW_PANEL_ID} role="tabpanel" aria-labelledby={`tab-${view}`} className="view-panel">
              {view === 'fleet' ? <FleetScreen /> : <DeskScreen />}
            </div>
          </>
        ) : (
          <DeskScreen />
        )}
      </div>
    );
  return (
    <>
      {body}
      <LiveAnnouncer />
    </>
  );
}
