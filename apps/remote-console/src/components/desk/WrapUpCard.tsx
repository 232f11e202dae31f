import { useTranslation } from 'react-i18next';
import type { EndedSession } from '../../client/state.ts';
import { servesVisitors, type Role, type WorkerState } from '@telekiosk/shared';
import { Icon } from '../common/Icon.tsx';
import { VerdictForm } from './VerdictForm.tsx';

type TFunc = ReturnType<typeof useTranslation>['t'];

function heading(t: TFunc, ended: EndedSession): string {
  switch (ended.outcome) {
    case 'transferred_colleague':
      return t('wrapUp.transferredTo', { name: ended.to ?? '' });
    case 'transferred_queue':
      return t('wrapUp.transferredQueue');
    case 'handback':
      return t('wrapUp.handedBack');
    default:
      return ended.byMe ? t('wrapUp.endedByMe') : t('wrapUp.endedRemote');
  }
}

/**
 * After a session ends: how it ended, that wrap-up runs until the server sets Available, and the
 * verdict on the handoff (sessions handed to me; the card stays until it is sent or dismissed).
 */
export function WrapUpCard({ ended, state, role }: { ended: EndedSession; state: WorkerState; role: Role }) {
  const { t } = useTranslation();
  const d = ended.session.disposition;
  const known = d && ['resolved', 'referred', 'follow_up', 'visitor_left', 'handback_ai', 'callback'].includes(d);
  return (
    <section className="wrapup" aria-labelledby="wrapup-heading">
      <Icon name={state === 'wrap_up' ? 'clock' : 'check'} className="wrapup-icon" />
      <div className="wrapup-body">
        <h2 id="wrapup-heading">{heading(t, ended)}</h2>
        <p>
          {ended.handoff.device.name}
          {ended.outcome === 'ended' && d && <> · {t('wrapUp.disposition', { disposition: known ? t(`disposition.${d}`) : d })}</>}
          {ended.outcome === 'transferred_queue' && ended.to && <> · {t('wrapUp.toQueue', { department: t(`department.${ended.to}`, { defaultValue: ended.to }) })}</>}
        </p>
        {state === 'wrap_up' && <p className="wrapup-note">{t('wrapUp.note')}</p>}
        {servesVisitors(role) && ended.session.escalatedAt && <VerdictForm key={ended.session.id} ended={ended} />}
      </div>
    </section>
  );
}
