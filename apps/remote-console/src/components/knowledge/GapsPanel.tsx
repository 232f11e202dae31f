import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import { GapItem } from './GapItem.tsx';

/** Periods the gaps can be looked at over (days). */
const PERIODS = [7, 30, 90] as const;

/**
 * Knowledge gaps: clusters of visitor questions the assistant could not answer (most frequent
 * first), each with examples, how often it was asked and escalated, its language and when it was
 * last asked. Editors turn a gap into a draft article.
 */
export function GapsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const { gaps } = useConsoleState().knowledge;
  const periodId = useId();
  return (
    <section className="fleet-card kb-gaps" aria-labelledby="kb-gaps-heading" aria-busy={gaps.status === 'loading'}>
      <div className="section-head section-head--wrap">
        <h2 id="kb-gaps-heading">{t('knowledge.gaps.heading')}</h2>
        <span className="count">{gaps.status === 'ready' ? gaps.items.length : ''}</span>
        <button type="button" className="btn btn--icon" onClick={() => void client.knowledge.loadGaps()} aria-label={t('knowledge.gaps.refresh')} title={t('knowledge.gaps.refresh')}>
          <Icon name="refresh" />
        </button>
      </div>
      <p className="muted">{t('knowledge.gaps.intro')}</p>
      <div className="kb-period">
        <label htmlFor={periodId}>{t('knowledge.gaps.period')}</label>
        <select id={periodId} value={gaps.days} onChange={(e) => void client.knowledge.loadGaps(Number(e.target.value))}>
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('knowledge.gaps.days', { count: d })}
            </option>
          ))}
        </select>
      </div>
      {gaps.status === 'loading' && <p className="muted">{t('knowledge.gaps.loading')}</p>}
      {gaps.status === 'error' && (
        <p className="muted">
          {t('knowledge.gaps.failed')} {gaps.error && <Message message={gaps.error} />}
        </p>
      )}
      {gaps.status === 'ready' && gaps.items.length === 0 && <p className="muted">{t('knowledge.gaps.none')}</p>}
      {gaps.items.length > 0 && (
        <ul className="kb-gap-list">
          {gaps.items.map((g) => (
            <GapItem key={g.id} gap={g} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </section>
  );
}
