import { useTranslation } from 'react-i18next';
import type { WorkerState } from '@telekiosk/shared';
import { Icon, type IconName } from './Icon.tsx';

const ICON: Record<WorkerState, IconName> = { available: 'check', away: 'pause', busy: 'session', wrap_up: 'clock', offline: 'offline' };

/** The worker's current state as a labelled pill (icon + text, not colour alone). */
export function StatusPill({ state }: { state: WorkerState }) {
  const { t } = useTranslation();
  return (
    <p className={`status-pill status-pill--${state}`}>
      <Icon name={ICON[state]} />
      <span className="sr-only">{t('header.statusLabel')} </span>
      <span>{t(`workerState.${state}`)}</span>
    </p>
  );
}
