import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { ReviewTurnItem } from './ReviewTurnItem.tsx';
import { VerdictSummary } from './VerdictSummary.tsx';
import { WhyBadges } from './WhyBadges.tsx';

/**
 * The conversation open for review: why it is in the queue, the worker's verdict when there is
 * one, and every turn (redacted) with what the system did there and the trainer's label buttons.
 * With `focusHeading` (opened on this screen) the heading takes the focus.
 */
export function ReviewConversation({ focusHeading }: { focusHeading: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { open, result, queue } = useConsoleState().review;
  const heading = useRef<HTMLHeadingElement>(null);
  const sessionId = open?.sessionId;
  useEffect(() => {
    if (sessionId && focusHeading) heading.current?.focus();
  }, [sessionId, focusHeading]);
  const item = queue.items.find((i) => i.sessionId === sessionId);
  const labelResult = result?.scope === 'label' ? result : null;
  const wrong = new Set(open?.verdict?.answers === 'wrong' ? open.verdict.wrongEntryIds : []);
  return (
    <section className="fleet-card history-detail review-detail" aria-labelledby="review-detail-heading" aria-busy={open?.status === 'loading'}>
      <div className="section-head">
        <h2 id="review-detail-heading" ref={heading} tabIndex={-1}>
          {item ? t('review.queue.open', { time: formatDateTime(item.createdAt, localeOf(i18n.language)) }) : t('review.detail.heading')}
        </h2>
        {open && (
          <button type="button" className="btn btn--icon" onClick={() => client.review.closeSession()} aria-label={t('review.detail.close')} title={t('review.detail.close')}>
            <Icon name="cancel" />
          </button>
        )}
      </div>
      {!open ? (
        <p className="muted">{t('review.detail.pick')}</p>
      ) : open.status === 'loading' ? (
        <p className="muted">{t('review.detail.loading')}</p>
      ) : open.status === 'error' ? (
        <p className="muted">
          {t('review.detail.failed')} {open.error && <Message message={open.error} />}
        </p>
      ) : (
        <>
          {open.why.length > 0 && (
            <div className="history-facts">
              <WhyBadges why={open.why} />
            </div>
          )}
          {open.verdict ? <VerdictSummary verdict={open.verdict} /> : <p className="muted">{t('review.verdict.none')}</p>}
          <p className="muted">{t('review.detail.howTo')}</p>
          <p className={`kb-result${labelResult && !labelResult.ok ? ' kb-result--bad' : ''}`} role="status">
            {labelResult && !labelResult.ok && <Message message={labelResult} />}
          </p>
          <ol className="review-turns" aria-label={t('review.detail.turns')}>
            {open.turns.map((turn) => (
              <ReviewTurnItem key={turn.entryId} turn={turn} markedWrong={wrong.has(turn.entryId)} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
