import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from '../common/Icon.tsx';
import { OfferCard } from './OfferCard.tsx';

/** The worker's offers, or a calm empty state that says what happens next. */
export function OffersArea() {
  const { t } = useTranslation();
  const client = useClient();
  const { offers, worker, pending } = useConsoleState();
  const state = worker?.state ?? 'offline';
  return (
    <section className="offers" aria-labelledby="offers-heading">
      <div className="section-head">
        <h2 id="offers-heading">{t('offers.heading')}</h2>
        {offers.length > 0 && <span className="count">{t('offers.count', { count: offers.length })}</span>}
      </div>
      {offers.length > 0 ? (
        <div className="offer-list">
          {offers.map((o, i) => (
            <OfferCard key={o.id} offer={o} first={i === 0} busy={pending.offerId !== null} />
          ))}
        </div>
      ) : state === 'available' ? (
        <div className="empty-state empty-state--waiting">
          <div className="pulse" aria-hidden="true" />
          <p className="empty-title">{t('offers.waitingTitle')}</p>
          <p className="muted">{t('offers.waitingBody')}</p>
        </div>
      ) : state === 'away' || state === 'offline' ? (
        <div className="empty-state">
          <Icon name="pause" className="empty-icon" />
          <p className="empty-title">{t('offers.awayTitle')}</p>
          <p className="muted">{t('offers.awayBody')}</p>
          <button type="button" className="btn btn--primary" disabled={pending.state !== null} onClick={() => void client.setAvailability('available')}>
            {t('offers.goAvailable')}
          </button>
        </div>
      ) : (
        <div className="empty-state empty-state--quiet">
          <p className="muted">{t('offers.pausedBody')}</p>
        </div>
      )}
    </section>
  );
}
