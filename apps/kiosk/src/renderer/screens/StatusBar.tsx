import { useTranslation } from 'react-i18next';
import type { KioskState } from '../client/KioskClient.ts';

/**
 * Top bar: office name, connection problems stated plainly, the language and large-text
 * controls, and the robot's emergency stop. The stop is shown only where there is a robot base
 * (a rosbridge URL is configured) and its link is up: a plain kiosk, or one whose base is not
 * connected, has nothing the button could stop.
 */
export function StatusBar({ state, onEstop, large, onLarge, onLanguage }: { state: KioskState; onEstop: () => void; large: boolean; onLarge?: () => void; onLanguage?: () => void }) {
  const { t } = useTranslation();
  const robotKnown = state.robot.link === 'up';
  return (
    <header className="statusbar">
      <div className="brand"><span className="logo" aria-hidden="true">⚓</span>{t('office')}</div>
      <div className="status-tools">
        {state.connection === 'offline' && <div className="problem" role="alert">{t('status.offline')}</div>}
        {robotKnown && state.robot.estop && <div className="problem estopped" role="alert">{t('robot.estopped')}</div>}
        {onLanguage && (
          <button className="bar-button" onClick={onLanguage} aria-haspopup="dialog" aria-label={`${t('language.change')}: ${t('languageName')}`}>
            <GlobeIcon />{t('languageName')}
          </button>
        )}
        {onLarge && (
          <button className="bar-button" aria-pressed={large} onClick={onLarge}>
            <span aria-hidden="true">Aa </span>{t('display.largeText')}
          </button>
        )}
        {robotKnown && !state.robot.estop && (
          <button className="estop" onClick={onEstop}>{t('robot.estop')}</button>
        )}
      </div>
    </header>
  );
}

/** A globe outline (no emoji font is needed on the kiosk). */
function GlobeIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
      </g>
    </svg>
  );
}
