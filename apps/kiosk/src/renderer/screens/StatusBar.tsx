import { useTranslation } from 'react-i18next';
import type { KioskState } from '../client/KioskClient.ts';

/** Top bar: office name, and connection problems stated plainly. */
export function StatusBar({ state }: { state: KioskState }) {
  const { t } = useTranslation();
  return (
    <header className="statusbar">
      <div className="brand"><span className="logo" aria-hidden="true">⚓</span>{t('office')}</div>
      {state.connection === 'offline' && <div className="problem" role="alert">{t('status.offline')}</div>}
    </header>
  );
}
