import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../client/ClientContext.tsx';
import { unlockAudio } from '../lib/beep.ts';
import { Banners } from './common/Banners.tsx';
import { CallView } from './call/CallView.tsx';
import { ConnectingScreen } from './common/ConnectingScreen.tsx';
import { DeskScreen } from './desk/DeskScreen.tsx';
import { FleetScreen } from './fleet/FleetScreen.tsx';
import { Header } from './common/Header.tsx';
import { HistoryScreen } from './history/HistoryScreen.tsx';
import { LiveAnnouncer } from './common/LiveAnnouncer.tsx';
import { LoginScreen } from './common/LoginScreen.tsx';
import { ReportsScreen } from './reports/ReportsScreen.tsx';
import { KnowledgeScreen } from './knowledge/KnowledgeScreen.tsx';
import { ReviewScreen } from './review/ReviewScreen.tsx';
import { SupervisionScreen } from './supervision/SupervisionScreen.tsx';
import { VIEW_PANEL_ID, ViewTabs } from './common/ViewTabs.tsx';
import { viewsFor, type View } from '../client/state.ts';

const SCREENS: Record<View, React.ReactNode> = {
  desk: <DeskScreen />,
  fleet: <FleetScreen />,
  supervision: <SupervisionScreen />,
  reports: <ReportsScreen />,
  history: <HistoryScreen />,
  knowledge: <KnowledgeScreen />,
  review: <ReviewScreen />,
};

/**
 * Top level: login, connecting, then the call while there is one; otherwise the role's screens
 * in tabs (workers: Desk, History; supervisors: Desk, Supervision, Reports, Fleet, History,
 * Knowledge); a role with one screen sees it alone, without tabs (knowledge editors: Knowledge,
 * AI trainers: Review); staff see the fleet alone.
 */
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

  const views = viewsFor(worker?.role);
  const shown: View = views.includes(view) ? view : (views[0] ?? 'desk');
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
        ) : views.length === 1 ? (
          SCREENS[shown]
        ) : (
          <>
            <ViewTabs />
            <div id={VIEW_PANEL_ID} role="tabpanel" aria-labelledby={`tab-${shown}`} className="view-panel">
              {SCREENS[shown]}
            </div>
          </>
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
