import { useTranslation } from 'react-i18next';
import type { KioskState } from '../client/KioskClient.ts';

/** Top bar: office name, connection problems stated plainly, and the robot's emergency stop. */
export function StatusBar({ state, onEstop }: { state: KioskState; onEstop: () => void }) {
  const { t } = useTranslation();
  const hasRobot = state.robot.link !== 'none';
  return (
    <header className="statusbar">
      <div className="brand"><span className="logo" aria-hidden="true">⚓</span>{t('office')}</div>
      {state.connection === 'offline' && <div className="problem" role="alert">{t('status.offline')}</div>}
      {hasRobot && state.robot.estop && <div className="problem estopped" role="alert">{t('robot.estopped')}</div>}
      {hasRobot && !state.robot.estop && (
        <button className="estop" onClick={onEstop}>{t('robot.estop')}</button>
      )}
    </header>
  );
}
