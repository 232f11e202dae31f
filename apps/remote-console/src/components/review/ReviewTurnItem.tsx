import { useTranslation } from 'react-i18next';
import type { ReviewTurn } from '@telekiosk/shared';
import { TurnLabels } from './TurnLabels.tsx';

/**
 * One turn under review: who spoke, the redacted text, the escalation reasons decided at this
 * turn, the article (and version) an answer came from, whether the worker marked it wrong, and
 * the label buttons for visitor and assistant turns (the current label pressed).
 */
export function ReviewTurnItem({ turn, markedWrong }: { turn: ReviewTurn; markedWrong: boolean }) {
  const { t } = useTranslation();
  const labelled = turn.label !== null;
  return (
    <li className={`review-turn review-turn--${turn.speaker}${labelled ? ' review-turn--labelled' : ''}`}>
      <div className="review-turn-head">
        <span className="review-speaker">{t(turn.speaker === 'worker' ? 'speaker.staff' : `speaker.${turn.speaker}`)}</span>
        <span className="muted review-seq">{t('review.turn.seq', { seq: turn.seq })}</span>
        {turn.label && <span className="badge review-current">{t('review.turn.labelled', { label: t(`review.label.${turn.label}`) })}</span>}
      </div>
      <p className="review-text" lang={turn.language}>
        {turn.text}
      </p>
      {(turn.escalatedFor.length > 0 || turn.article || markedWrong) && (
        <div className="history-facts">
          {turn.escalatedFor.map((r) => (
            <span key={r} className="badge badge--warn-soft">
              {t('review.turn.escalatedFor', { reason: t(`reason.${r}`) })}
            </span>
          ))}
          {turn.article && (
            <span className="badge badge--plain">
              {turn.article.version === null ? t('review.turn.article', { id: turn.article.id }) : t('review.turn.articleVersion', { id: turn.article.id, version: turn.article.version })}
            </span>
          )}
          {markedWrong && <span className="badge badge--bad-soft">{t('review.turn.workerWrong')}</span>}
        </div>
      )}
      {(turn.speaker === 'visitor' || turn.speaker === 'assistant') && <TurnLabels turn={turn} />}
    </li>
  );
}
