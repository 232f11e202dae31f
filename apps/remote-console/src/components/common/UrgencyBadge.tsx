import { useTranslation } from 'react-i18next';
import type { Urgency } from '@telekiosk/shared';
import { Icon } from './Icon.tsx';

/** Urgency as icon + text ("Urgency: High"). */
export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--urgency-${urgency}`}>
      {(urgency === 'high' || urgency === 'critical') && <Icon name="alert" />}
      {t('handoff.urgencyValue', { urgency: t(`urgency.${urgency}`) })}
    </span>
  );
}
