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
            <span aria-hidden="true">🌐 </span>{t('languageName')}
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
