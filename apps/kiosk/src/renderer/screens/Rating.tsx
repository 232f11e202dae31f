import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../client/KioskClient.ts';
import { Phrased } from '../text/Phrased.tsx';

/** CSAT: 1-5 with large targets. */
export function Rating({ client }: { client: KioskClient }) {
  const { t } = useTranslation();
  return (
    <section className="panel center" aria-labelledby="rating-title">
      <h1 id="rating-title"><Phrased text={t('rating.title')} /></h1>
      <div className="stars" role="group" aria-labelledby="rating-title">
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} className="star" aria-label={t('rating.star', { count: n })} onClick={() => void client.rate(n)}>
            <span aria-hidden="true">{'★'.repeat(n)}</span>
          </button>
        ))}
      </div>
      <button className="link-button" onClick={() => client.skipRating()}>{t('rating.skip')}</button>
    </section>
  );
}

/** Closing screen before the reset; shows the callback ticket when one was left. */
export function Thanks({ ticket }: { ticket: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="panel center" role="status">
      <h1><Phrased text={t('thanks.title')} /></h1>
      {ticket && (
        <>
          <p className="big">{t('callback.ticketIntro')}</p>
          <p className="ticket" data-testid="callback-ticket">{ticket}</p>
          <p className="big">{t('callback.ticketNext')}</p>
        </>
      )}
      <p className="big">{t('thanks.body')}</p>
    </section>
  );
}
