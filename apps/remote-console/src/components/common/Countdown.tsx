import { useTranslation } from 'react-i18next';
import { formatCountdown, remainingMs, secondsLeft, URGENT_SECONDS } from '../../lib/countdown.ts';
import { useNow } from '../../lib/useNow.ts';

/** Time left on an offer, with a draining bar; urgent styling in the last seconds. */
export function Countdown({ expiresAt, startedAt }: { expiresAt: string; startedAt: number }) {
  const { t } = useTranslation();
  const now = useNow(250);
  const left = remainingMs(expiresAt, now);
  const total = Math.max(1, Date.parse(expiresAt) - startedAt);
  const fraction = Math.min(1, left / total);
  const urgent = secondsLeft(left) <= URGENT_SECONDS;
  return (
    <div className={`countdown ${urgent ? 'countdown--urgent' : ''}`}>
      <p className="countdown-text">
        <span>{left > 0 ? t('offer.expiresIn') : t('offer.expiring')}</span>{' '}
        <strong className="countdown-time" aria-label={t('offer.secondsLeft', { count: secondsLeft(left) })}>
          {formatCountdown(left)}
        </strong>
      </p>
      <div className="countdown-bar" aria-hidden="true">
        <div className="countdown-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
    </div>
  );
}
