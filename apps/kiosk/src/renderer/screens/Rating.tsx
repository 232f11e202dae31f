import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../client/KioskClient.ts';

/** CSAT: 1-5 with large targets. */
export function Rating({ client }: { client: KioskClient }) {
  const { t } = useTranslation();
  return (
    <section className="panel center" aria-labelledby="rating-title">
      <h1 id="rating-title">{t('rating.title')}</h1>
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

/** Closing screen before the reset. */
export function Thanks() {
  const { t } = useTranslation();
  return (
    <section className="panel center" role="status">
      <h1>{t('thanks.title')}</h1>
      <p className="big">{t('thanks.body')}</p>
    </section>
  );
}
