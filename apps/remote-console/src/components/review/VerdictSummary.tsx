import { useTranslation } from 'react-i18next';
import type { HandoffVerdict } from '@telekiosk/shared';

/** The worker's verdict on the handoff of the conversation under review, in words. */
export function VerdictSummary({ verdict }: { verdict: HandoffVerdict }) {
  const { t } = useTranslation();
  return (
    <div className="review-verdict">
      <h3 className="sub-heading">{t('review.verdict.heading')}</h3>
      <dl className="review-verdict-list">
        <div>
          <dt>{t('verdict.escalation.question')}</dt>
          <dd>{t(`verdict.escalation.${verdict.escalation}`)}</dd>
        </div>
        <div>
          <dt>{t('verdict.answers.question')}</dt>
          <dd>
            {t(`verdict.answers.${verdict.answers}`)}
            {verdict.answers === 'wrong' && verdict.wrongEntryIds.length > 0 && <> · {t('review.verdict.wrongLines', { count: verdict.wrongEntryIds.length })}</>}
          </dd>
        </div>
        <div>
          <dt>{t('verdict.package.question')}</dt>
          <dd>
            {t(`verdict.package.${verdict.package}`)}
            {verdict.package === 'missing' && verdict.missing && <> · “{verdict.missing}”</>}
          </dd>
        </div>
      </dl>
    </div>
  );
}
