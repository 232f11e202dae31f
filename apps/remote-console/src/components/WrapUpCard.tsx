import { useTranslation } from 'react-i18next';
import type { EndedSession } from '../client/state.ts';
import type { WorkerState } from '@telekiosk/shared';
import { Icon } from './Icon.tsx';

/** After a session ends: how it ended, and that wrap-up runs until the server sets Available. */
export function WrapUpCard({ ended, state }: { ended: EndedSession; state: WorkerState }) {
  const { t } = useTranslation();
  const d = ended.session.disposition;
  const known = d && ['resolved', 'referred', 'follow_up', 'visitor_left', 'handback_ai'].includes(d);
  return (
    <section className="wrapup" aria-labelledby="wrapup-heading">
      <Icon name={state === 'wrap_up' ? 'clock' : 'check'} className="wrapup-icon" />
      <div>
        <h2 id="wrapup-heading">{ended.byMe ? t('wrapUp.endedByMe') : t('wrapUp.endedRemote')}</h2>
        <p>
          {ended.handoff.device.name}
          {d && <> · {t('wrapUp.disposition', { disposition: known ? t(`disposition.${d}`) : d })}</>}
        </p>
        {state === 'wrap_up' && <p className="wrapup-note">{t('wrapUp.note')}</p>}
      </div>
    </section>
  );
}
