import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { ReviewConversation } from './ReviewConversation.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';

/**
 * The AI trainer's review: the queue of conversations to review (a sample of AI-only ones and
 * every flagged one), the open conversation with a label per turn, and the export of labelled
 * conversations for the escalation evaluation set.
 */
export function ReviewScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const { review } = useConsoleState();
  // A conversation open when the screen appears keeps the focus where it is; one opened here takes it.
  const openAtMount = useRef(review.open?.sessionId ?? null);
  useEffect(() => {
    if (!review.open) openAtMount.current = null;
  }, [review.open]);
  useEffect(() => {
    if (client.getSnapshot().review.queue.status === 'idle') void client.review.loadQueue();
  }, [client]);
  const exportResult = review.result?.scope === 'export' ? review.result : null;

  return (
    <main id="main" className="review" aria-busy={review.queue.status === 'loading'}>
      <div className="page-head">
        <div className="page-title page-title--row">
          <h1>{t('review.heading')}</h1>
          <div className="csv-actions">
            <button type="button" className="btn" disabled={review.exporting} aria-busy={review.exporting} onClick={() => void client.review.exportLabels()}>
              <Icon name="download" />
              {t('review.export')}
            </button>
          </div>
        </div>
        <p className="muted">{review.queue.sampleRatePercent === null ? t('review.intro') : t('review.introSample', { percent: review.queue.sampleRatePercent })}</p>
        <p className={`kb-result${exportResult && !exportResult.ok ? ' kb-result--bad' : ''}`} role="status">
          {review.exporting ? t('review.exporting') : exportResult ? <Message message={exportResult} /> : null}
        </p>
      </div>
      <div className="history-grid review-grid">
        <ReviewQueue />
        <ReviewConversation focusHeading={!!review.open && review.open.sessionId !== openAtMount.current} />
      </div>
    </main>
  );
}
