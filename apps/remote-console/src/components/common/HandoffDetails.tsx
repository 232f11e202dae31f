import { useTranslation } from 'react-i18next';
import type { HandoffPackage } from '@telekiosk/shared';

/**
 * The handoff package for a worker: why a person is needed (reason codes with evidence),
 * the summary and the suggested next step; `full` adds intent, collected details, actions,
 * articles and flags (the call's summary panel).
 */
export function HandoffDetails({ handoff, full = false, headingLevel = 3 }: { handoff: HandoffPackage; full?: boolean; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const H = `h${headingLevel}` as 'h3' | 'h4';
  const fields = Object.entries(handoff.collectedFields);
  return (
    <div className="handoff">
      <H className="sub-heading">{t('handoff.reasons')}</H>
      <ul className="reasons">
        {handoff.reasons.map((r, i) => (
          <li key={`${r.code}-${i}`} className={`reason reason--${r.code}`}>
            <span className="reason-code">{t(`reason.${r.code}`)}</span>
            <span className="reason-evidence">{r.evidence}</span>
          </li>
        ))}
      </ul>
      <H className="sub-heading">{t('handoff.summary')}</H>
      <p className="handoff-summary">{handoff.summary || t('handoff.noSummary')}</p>
      <div className="next-step">
        <H className="sub-heading">{t('handoff.nextStep')}</H>
        <p>{handoff.suggestedNextStep}</p>
      </div>
      {full && (
        <dl className="facts">
          <dt>{t('handoff.intent')}</dt>
          <dd>{handoff.intent}</dd>
          <dt>{t('handoff.category')}</dt>
          <dd>{handoff.category ?? t('handoff.unknown')}</dd>
          <dt>{t('handoff.sentiment')}</dt>
          <dd>{t(`sentiment.${handoff.sentiment}`)}</dd>
          {fields.length > 0 && (
            <>
              <dt>{t('handoff.collected')}</dt>
              <dd>
                <ul className="plain-list">
                  {fields.map(([k, v]) => (
                    <li key={k}>
                      <span className="field-name">{k}</span>: {v}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {handoff.actionsTaken.length > 0 && (
            <>
              <dt>{t('handoff.actionsTaken')}</dt>
              <dd>
                <ul className="plain-list">
                  {handoff.actionsTaken.map((a, i) => (
                    <li key={i}>{a}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {handoff.articlesUsed.length > 0 && (
            <>
              <dt>{t('handoff.articles')}</dt>
              <dd>
                <ul className="plain-list">
                  {handoff.articlesUsed.map((a) => (
                    <li key={a.id}>{a.title}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {handoff.flags.length > 0 && (
            <>
              <dt>{t('handoff.flags')}</dt>
              <dd>{handoff.flags.join(', ')}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
