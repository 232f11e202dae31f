import { useTranslation } from 'react-i18next';
import type { ReviewItem } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { localeOf } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Icon } from '../common/Icon.tsx';
import { LanguageBadge } from '../common/LanguageBadge.tsx';
import { Message } from '../common/Message.tsx';
import { WhyBadges } from './WhyBadges.tsx';

/** The review queue, newest first: when, language, why it is there, escalated or not, rating and labels so far. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const client = useClient();
  const { queue, open } = useConsoleState().review;
  return (
    <section className="fleet-card" aria-labelledby="review-queue-heading">
      <div className="section-head">
        <h2 id="review-queue-heading">{t('review.queue.heading')}</h2>
        <span className="count">{queue.status === 'ready' ? queue.items.length : ''}</span>
        <button type="button" className="btn btn--icon" onClick={() => void client.review.loadQueue()} aria-label={t('review.queue.refresh')} title={t('review.queue.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>
      {queue.status === 'loading' && queue.items.length === 0 && <p className="muted">{t('review.queue.loading')}</p>}
      {queue.status === 'error' && (
        <p className="muted">
          {t('review.queue.failed')} {queue.error && <Message message={queue.error} />}
        </p>
      )}
      {queue.status === 'ready' && queue.items.length === 0 && <p className="muted">{t('review.queue.empty')}</p>}
      <ul className="history-list">
        {queue.items.map((item) => (
          <QueueItem key={item.sessionId} item={item} selected={open?.sessionId === item.sessionId} />
        ))}
      </ul>
    </section>
  );
}

function QueueItem({ item, selected }: { item: ReviewItem; selected: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const time = formatDateTime(item.createdAt, localeOf(i18n.language));
  return (
    <li className={`history-item${selected ? ' history-item--selected' : ''}`}>
      <button type="button" className="history-open" aria-current={selected || undefined} onClick={() => void client.review.openSession(item.sessionId)}>
        <span className="history-device">{t('review.queue.open', { time })}</span>
        <span className="review-labelled">{item.labelled > 0 ? t('review.queue.labelled', { count: item.labelled }) : t('review.queue.notLabelled')}</span>
      </button>
      <div className="history-facts">
        <LanguageBadge language={item.language} />
        <WhyBadges why={item.why} />
        <span className="badge badge--plain">{item.escalated ? t('review.queue.escalated') : t('review.queue.aiOnly')}</span>
        <span className="badge badge--plain">{item.rating ? t('history.rating', { rating: item.rating }) : t('history.notRated')}</span>
      </div>
    </li>
  );
}
