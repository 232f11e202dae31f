import { useTranslation } from 'react-i18next';
import type { WorkerState } from '@telekiosk/shared';
import { useClient } from '../../client/ClientContext.tsx';

const CHOICES = ['available', 'away'] as const;

/**
 * Available / Away radio group. Busy and wrap-up follow sessions: the choices are disabled
 * then and the status pill beside it says why.
 */
export function AvailabilityControl({ state, pending }: { state: WorkerState; pending: 'available' | 'away' | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const locked = state === 'busy' || state === 'wrap_up';
  return (
    <fieldset className="availability" disabled={locked} aria-busy={pending !== null} aria-describedby={locked ? 'availability-locked' : undefined}>
      <legend className="sr-only">{t('availability.legend')}</legend>
      {CHOICES.map((choice) => (
        <label key={choice} className={`seg seg--${choice}`}>
          <input type="radio" name="availability" value={choice} checked={(pending ?? state) === choice} onChange={() => void client.setAvailability(choice)} />
          <span>{t(`availability.${choice}`)}</span>
        </label>
      ))}
      {locked && (
        <span id="availability-locked" className="sr-only">
          {t('availability.locked')}
        </span>
      )}
    </fieldset>
  );
}
